"""The review store (a real SQLite file), the flags of a turn, redaction, retention, and the export as an eval case
(validated by the harness's own loader)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from agent.case_export import NothingToExport, case_id, case_yaml, eval_case
from agent.contract import ToolCallRecord, TurnRequest, TurnResult
from agent.review import (
    Conversation,
    ConversationFilter,
    ReviewStore,
    TurnFacts,
    reviewed_turn,
    turn_facts,
    turn_flags,
)
from core.i18n import say
from core.settings import CheckpointerKind, Settings
from evals.cases import load_case_file


def result(text="where is my order 5", response="Your order 5 has shipped.", calls=(), session="s-1", **fields):
    calls = list(calls)
    return TurnResult(
        session_id=session, language=fields.pop("language", "en"), text=text, intent=fields.pop("intent", "order_status"),
        tool_calls=[ToolCallRecord(name=name, args=args) for name, args, _ in calls],
        data=[{"tool": name, **outcome} for name, _, outcome in calls], response=response,
        timings_ms={"call_model": 812.5, "total": 1200.0}, **fields,
    )


@pytest.fixture
def store(tmp_path) -> ReviewStore:
    return ReviewStore(f"sqlite:///{tmp_path / 'review' / 'review.sqlite'}", retention_days=30)


# --- flags ------------------------------------------------------------------------------------------------------

def test_an_answered_turn_has_no_flags():
    turn = result(calls=[("get_order_status", {"order_id": 5}, {"order_id": 5, "status": "shipped"})])
    assert turn_flags(turn, TurnFacts()) == []


def test_a_failed_verification_is_flagged():
    turn = result(text="my email is a@b.co", response="I couldn't verify you. Could you check the details?",
                  calls=[("verify_customer", {"email": "a@b.co", "postal_code": "1000"},
                          {"verified": False, "message": "Could not verify"})])
    assert turn_flags(turn, TurnFacts()) == ["verification_failed", "ask_back"]


def test_locked_outage_and_bad_call_flags():
    locked = result(calls=[("verify_customer", {"email": "a@b.co"},
                            {"error": "invalid_argument", "message": "Too many failed verification attempts"})],
                    response="Sorry.")
    assert turn_flags(locked, TurnFacts(verification_locked=True)) == ["verification_locked"]
    outage = result(calls=[("get_order_status", {"order_id": 5}, {"error": "unavailable", "message": "down"})],
                    response=say("fixed.database_unavailable", "en"))
    assert turn_flags(outage, TurnFacts()) == ["db_outage"]
    llm = result(response=say("fixed.assistant_unavailable", "en"), error="llm_unavailable")
    assert turn_flags(llm, TurnFacts()) == ["llm_outage"]
    bad = result(calls=[("get_order_status", {"order_id": -1}, {"error": "invalid_argument", "message": "bad"})],
                 response="Which order?")
    assert turn_flags(bad, TurnFacts()) == ["tool_error", "ask_back"]


def test_guard_and_could_not_answer_are_told_apart_from_a_question_back():
    assert turn_flags(result(response=say("fixed.not_shareable", "es"), language="es"), TurnFacts()) == ["leak_guard"]
    assert turn_flags(result(response=say("fixed.could_not_answer", "en")), TurnFacts()) == ["could_not_answer"]
    assert turn_flags(result(response="Which order do you mean?"), TurnFacts()) == ["ask_back"]


def test_turn_facts_lock_on_the_turn_that_reaches_the_limit_and_on_later_tries():
    request = TurnRequest(text="x", channel="voice")
    after = {"verification_failures": 3, "turn_tool_calls": [{"name": "verify_customer"}]}
    common = dict(asked_for_person=False, error=None, max_verification_failures=3,
                  verify_tools=frozenset({"verify_customer"}))
    assert turn_facts(request, {"verification_failures": 2}, after, **common).verification_locked
    assert turn_facts(request, {"verification_failures": 3}, after, **common).verification_locked
    later = {"verification_failures": 3, "turn_tool_calls": [{"name": "search_products"}]}
    assert not turn_facts(request, {"verification_failures": 3}, later, **common).verification_locked
    assert turn_facts(request, {}, after, **common).channel == "voice"


# --- redaction ----------------------------------------------------------------------------------------------------

def test_recorded_turn_is_redacted_as_in_the_logs_and_keeps_no_secret():
    turn = result(
        text="I'm jane.doe@example.com, phone +1 555 123 4567, card 4111 1111 1111 1111",
        response="Thanks jane.doe@example.com.",
        calls=[
            ("verify_customer", {"email": "jane.doe@example.com", "postal_code": "75001"}, {"verified": True}),
            ("list_payment_methods", {}, {"cards": [{"brand": "visa", "last4": "1111", "cvv": "123",
                                                      "card_number": "4111111111111111",
                                                      "expires": "2027-01-31"}]}),
        ],
    )
    recorded = reviewed_turn(turn, TurnFacts(verified_customer_id=12), [])
    assert recorded.heard == "I'm [email], phone [phone], card [card]"
    assert recorded.response == "Thanks [email]."
    assert recorded.tool_calls[0].args == {"email": "[email]", "postal_code": "75001"}
    card = recorded.tool_calls[1].result["cards"][0]
    assert card["cvv"] == "[redacted]" and card["card_number"] == "[redacted]"
    assert card["expires"] == "2027-01-31", "results are masked at the source; a date is not a phone number"
    assert (recorded.identity, recorded.customer_id) == ("verified", 12)


# --- the store ------------------------------------------------------------------------------------------------------

def _record(store, session, text, *, at, flags=(), language="en", channel="text", response="ok"):
    turn = reviewed_turn(result(text=text, session=session, response=response, language=language),
                         TurnFacts(channel=channel), list(flags), at=at)
    return store.record_turn(turn)


def test_store_lists_filters_and_returns_a_conversation(store):
    day = datetime(2026, 11, 20, 9, 0)
    _record(store, "a", "where is order 5", at=day, flags=["ask_back"])
    _record(store, "a", "order five", at=day + timedelta(minutes=1))
    _record(store, "b", "¿dónde está mi pedido?", at=day + timedelta(days=2), language="es", channel="voice")
    _record(store, "c", "hello", at=day + timedelta(days=3), flags=["verification_failed"])

    everything, total = store.conversations()
    assert total == 3 and [c.session_id for c in everything] == ["c", "b", "a"]
    first = everything[-1]
    assert (first.turns, first.flags, first.first_said, first.languages) == (2, ["ask_back"], "where is order 5", ["en"])

    def ids(**where):
        return [c.session_id for c in store.conversations(ConversationFilter(**where))[0]]

    assert ids(flag="ask_back") == ["a"]
    assert ids(language="es") == ["b"]
    assert ids(channel="voice") == ["b"]
    assert ids(text="ORDER FIVE") == ["a"]
    assert ids(text="100%") == []
    assert ids(since=date(2026, 11, 22)) == ["c", "b"]
    assert ids(until=date(2026, 11, 22)) == ["b", "a"]
    assert ids(since=date(2026, 11, 21), until=date(2026, 11, 22), language="es") == ["b"]
    page, total = store.conversations(limit=1, offset=1)
    assert total == 3 and [c.session_id for c in page] == ["b"]

    conversation = store.conversation("a")
    assert [t.heard for t in conversation.turns] == ["where is order 5", "order five"]
    assert conversation.turns[0].timings_ms == {"call_model": 812.5, "total": 1200.0}
    assert store.conversation("nobody") is None


def test_handoffs_queue_and_status(store):
    first = store.create_handoff("a", "asked_for_person", "text", "en", None, "Why: …")
    store.create_handoff("b", "repeated_failure", "voice", "es", 7, "Why: …")
    assert store.open_handoff("a").id == first.id
    assert [h.session_id for h in store.handoffs(status=("open", "taken"))] == ["b", "a"]
    assert store.set_handoff_status(first.id, "closed").status == "closed"
    assert store.open_handoff("a") is None
    assert [h.session_id for h in store.handoffs(status="closed")] == ["a"]
    assert store.set_handoff_status(999, "taken") is None


def test_retention_sweeps_old_turns_and_handoffs(store):
    now = datetime(2026, 11, 30, 12, 0)
    _record(store, "old", "hello", at=now - timedelta(days=31))
    _record(store, "new", "hello", at=now - timedelta(days=29))
    assert store.sweep(now=now) == {"turns": 1, "handoffs": 0}
    assert [c.session_id for c in store.conversations()[0]] == ["new"]


def test_an_in_memory_store_is_shared_across_threads():
    import threading

    memory = ReviewStore("sqlite://")
    worker = threading.Thread(target=_record, args=(memory, "m", "hi"), kwargs={"at": datetime(2026, 1, 1)})
    worker.start()
    worker.join()
    assert memory.conversations()[1] == 1


# --- export as an eval case ------------------------------------------------------------------------------------------

def test_export_is_a_case_the_harness_loads(store, tmp_path):
    turn = reviewed_turn(result(text="where is order 5 {order.id}", session="Web:ABC.1",
                                calls=[("get_order_status", {"order_id": 5, "note": None},
                                        {"error": "verification_required", "message": "verify"})]),
                         TurnFacts(), ["ask_back"])
    store.record_turn(turn)
    store.record_turn(reviewed_turn(result(text="I want to talk to a person", session="Web:ABC.1"), TurnFacts(),
                                    ["handoff"]))
    path = tmp_path / "case.yaml"
    path.write_text(case_yaml(store.conversation("Web:ABC.1")), encoding="utf-8")

    [case] = load_case_file(path)
    assert case.id == "review-web-abc.1" == case_id("Web:ABC.1")
    assert case.tags == ["review", "ask_back", "handoff"]
    assert case.caller.identity == "anonymous"
    assert case.turns[0].say == "where is order 5 (order.id)"
    assert [(c.names, c.args) for c in case.turns[0].expect.tools] == [(["get_order_status"], {"order_id": 5})]
    assert case.turns[1].expect.no_tool


def test_export_of_a_self_verified_caller_uses_their_email_placeholder():
    turn = reviewed_turn(result(text="my email is jane@example.com and postal code 75001",
                                calls=[("verify_customer", {"email": "jane@example.com", "postal_code": "75001"},
                                        {"verified": True})]),
                         TurnFacts(verified_customer_id=12), [])
    case = eval_case(Conversation(session_id="s-1", turns=[turn], handoffs=[]))
    assert case["caller"] == {"identity": "self_verifying", "customer_id": 12}
    assert case["turns"][0]["say"] == "my email is {customer.email} and postal code 75001"
    assert case["turns"][0]["expect"]["tools"] == [
        {"name": "verify_customer", "args": {"email": "{customer.email}", "postal_code": "75001"}}]


def test_export_of_a_trusted_caller_passes_their_id():
    turn = reviewed_turn(result(), TurnFacts(trusted_customer_id=3), [])
    assert eval_case(Conversation(session_id="s", turns=[turn], handoffs=[]))["caller"] == {
        "identity": "verified", "customer_id": 3}


def test_nothing_to_export_without_turns():
    with pytest.raises(NothingToExport):
        eval_case(Conversation(session_id="s", turns=[], handoffs=[]))


# --- the service around the store --------------------------------------------------------------------------------

@pytest.fixture
def broken_review(tmp_path):
    from agent.review import Review

    (tmp_path / "not-a-directory").write_text("x")
    settings = Settings(_env_file=None, data_dir=tmp_path,
                        review_db_url=f"sqlite:///{tmp_path / 'not-a-directory' / 'review.sqlite'}")
    return Review.from_settings(settings), settings


async def test_a_broken_review_store_costs_the_caller_nothing_but_the_handoff_reference(
    broken_review, demo_sqlite_engine
):
    from langchain_core.messages import AIMessage

    from agent.service import AgentService
    from tests.agent.scripted_model import ScriptedChatModel

    review, settings = broken_review
    settings = settings.model_copy(update={"agent_answers": "model", "checkpointer": CheckpointerKind.memory})
    agent = AgentService.from_settings(settings, chat_model=ScriptedChatModel(replies=[AIMessage("Hello!")]),
                                       db=demo_sqlite_engine, review=review)
    try:
        greeted = await agent.run_turn(TurnRequest(text="Hi there", session_id="s"))
        asked = await agent.run_turn(TurnRequest(text="I want to talk to a person", session_id="s"))
    finally:
        await agent.aclose()
    assert greeted.response.startswith("Hello!") and greeted.handoff is None
    assert asked.response == say("handoff.not_recorded", "en") and asked.handoff is None
