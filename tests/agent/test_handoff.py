"""Handing a conversation to a person: which words ask for one (EN/ES, from the catalogues), when failures or a
locked verification hand off, and what the summary holds."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.handoff import asks_for_person, decide, normalized, summarize
from agent.review import FAILED_TURN_FLAGS, ReviewedToolCall, ReviewedTurn

ASKS = [
    "I want to talk to a person",
    "I want to talk to a person.",
    "Can I speak with a human, please?",
    "I need a human",
    "get me a real person",
    "Representative!",
    "agent please",
    "connect me to an agent",
    "put me through to your manager",
    "Let me talk to someone",
    "No, I want a human",
    "I want a live agent",
    "Are you a bot? I want a human",
    "quiero hablar con una persona",
    "Quiero hablar con un agente",
    "quiero hablar con un humano",
    "¡Pásame con un asesor!",
    "necesito un agente humano",
    "comuníqueme con alguien por favor",
    "un humano, por favor",
    "No, quiero hablar con una persona",
    "quisiera hablar con un representante",
]

DOES_NOT_ASK = [
    "I'm a person who wants a refund",
    "are you a real person?",
    "Are you a human or a bot?",
    "Is this a human?",
    "I don't want to talk to a person",
    "I need someone to tell me where my order is",
    "I was talking to a person at the store",
    "The delivery person left it at the wrong door",
    "What is the status of order 5?",
    "personally I think the agenda is fine",
    "soy una persona que quiere un reembolso",
    "¿eres una persona real?",
    "no quiero hablar con una persona",
    "hablé con un agente ayer y me dijo que ya venía",
    "mi pedido lo recibió otra persona",
    "¿Dónde está mi pedido 5?",
]


@pytest.mark.parametrize("said", ASKS)
def test_asking_for_a_person_is_recognised(said):
    assert asks_for_person(said)


@pytest.mark.parametrize("said", DOES_NOT_ASK)
def test_other_words_about_people_are_not_a_request(said):
    assert not asks_for_person(said)


def test_normalized_text_keeps_clause_ends_and_drops_accents():
    assert normalized("No, ¡Pásame con un AGENTE!") == "no , , pasame con un agente ,"


def test_asking_hands_off_even_with_one_open():
    assert decide(asked=True, flags=[], earlier=[], failed_turn_flags=FAILED_TURN_FLAGS, after_failed_turns=3,
                  already_open=True) == "asked_for_person"


def test_a_locked_verification_hands_off_once():
    common = dict(asked=False, flags=["verification_failed", "verification_locked"], earlier=[],
                  failed_turn_flags=FAILED_TURN_FLAGS, after_failed_turns=3)
    assert decide(**common, already_open=False) == "verification_locked"
    assert decide(**common, already_open=True) is None


@pytest.mark.parametrize(("now", "earlier", "expected"), [
    (["ask_back"], [["ask_back"], ["could_not_answer"]], "repeated_failure"),
    (["ask_back"], [[], ["ask_back"], ["could_not_answer"]], "repeated_failure"),  # only the last three turns count
    (["ask_back"], [["ask_back"], []], None),
    (["ask_back"], [["ask_back"]], None),  # not three turns yet
    (["ask_back"], [["ask_back", "handoff"], ["ask_back"]], None),  # a handoff already answered that failure
    (["ask_back"], [["llm_outage"], ["llm_outage"]], None),  # an outage is not the agent failing the caller
])
def test_repeated_failure_counts_turns_in_a_row(now, earlier, expected):
    assert decide(asked=False, flags=now, earlier=earlier, failed_turn_flags=FAILED_TURN_FLAGS,
                  after_failed_turns=3, already_open=False) == expected


def test_zero_failed_turns_never_hands_off_for_failures():
    assert decide(asked=False, flags=["ask_back"], earlier=[["ask_back"]] * 5, failed_turn_flags=FAILED_TURN_FLAGS,
                  after_failed_turns=0, already_open=False) is None


def _turn(heard: str, **fields) -> ReviewedTurn:
    return ReviewedTurn(**{
        "session_id": "s1", "at": datetime(2026, 11, 30, 10, 0), "channel": "text", "language": "en",
        "identity": "anonymous", "customer_id": None, "heard": heard, "response": "…", "intent": "general_inquiry",
        **fields,
    })


def test_summary_says_why_who_what_and_quotes_the_caller():
    turns = [
        _turn("where is order 5", intent="order_status", flags=["ask_back"], tool_calls=[
            ReviewedToolCall(name="get_order_status", args={"order_id": 5},
                             result={"error": "verification_required", "message": "verify first"})]),
        _turn("I want to talk to a person"),
    ]
    summary = summarize(turns, "asked_for_person", "anonymous", None)
    assert summary.splitlines() == [
        "Why: the caller asked for a person.",
        "Caller: not identified; language en; channel text.",
        "Conversation: 2 turns since 2026-11-30 10:00 UTC.",
        "Asked about: order status.",
        "Looked up: get_order_status → verification required.",
        "Flags: ask back.",
        "Last said: “where is order 5” / “I want to talk to a person”",
    ]


def test_summary_of_a_known_customer_names_only_their_id():
    summary = summarize([_turn("hi", identity="trusted", customer_id=7)], "repeated_failure", "trusted", 7)
    assert "Caller: customer 7 (identified by the integrating app)" in summary
