"""The harness against a scripted agent: cases that must fail do fail, and for the right reason."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Engine

from evals.cases import Case
from evals.lookups import Bindings
from evals.results import CaseRun, RunResult
from evals.runner import Runner
from tests.evals.scripted_agent import Reply, ScriptedTurnAgent


def case(**overrides: Any) -> Case:
    data: dict[str, Any] = {
        "id": "order-status", "language": "en", "tags": ["orders"],
        "caller": {"identity": "verified", "with_order_status": "shipped"},
        "turns": [{"say": "What's the status of order {order.id}?", "expect": {
            "tools": [{"name": "get_order_status", "args": {"order_id": "{order.id}"}}],
            "facts": ["{order.status}", "{order.tracking_number}"],
            "latency_ms": {"total": 5000},
        }}],
    }
    data.update(overrides)
    return Case.model_validate(data)


def shipped_order(db: Engine) -> dict[str, Any]:
    bindings = Bindings(db, case())
    return {field: bindings.value("order", field) for field in ("id", "tracking_number", "owner_id")}


async def run_one(db: Engine, the_case: Case, *script: Any, repeat: int = 1) -> RunResult:
    return await Runner(agent=ScriptedTurnAgent(*script), db=db).run([the_case], repeat=repeat)


def failed_checks(run: CaseRun) -> set[str]:
    return {check.name for turn in run.turns for check in turn.failures}


async def test_a_correct_answer_passes(eval_db: Engine) -> None:
    order = shipped_order(eval_db)
    result = await run_one(eval_db, case(), Reply(
        f"Order {order['id']} has shipped; the tracking number is {order['tracking_number']}.",
        [("get_order_status", {"order_id": order["id"]})],
    ))
    run = result.runs[0]
    assert run.passed, run.turns[0].failures
    assert result.summary["tool_accuracy"] == 1.0 and result.summary["fact_recall"] == 1.0
    assert result.summary["leaks"] == 0


async def test_the_verified_caller_is_passed_as_the_trusted_customer(eval_db: Engine) -> None:
    order = shipped_order(eval_db)
    agent = ScriptedTurnAgent(Reply("ok"))
    await Runner(agent=agent, db=eval_db).run([case()])
    assert agent.requests[0].customer_id == order["owner_id"]
    assert agent.requests[0].text == f"What's the status of order {order['id']}?"


async def test_the_wrong_tool_fails(eval_db: Engine) -> None:
    order = shipped_order(eval_db)
    result = await run_one(eval_db, case(), Reply(
        f"Order {order['id']} has shipped, tracking {order['tracking_number']}.", [("list_recent_orders", {})],
    ))
    assert not result.runs[0].passed
    assert failed_checks(result.runs[0]) == {"tools"}
    assert result.summary["tool_accuracy"] == 0.0


async def test_wrong_arguments_fail(eval_db: Engine) -> None:
    order = shipped_order(eval_db)
    result = await run_one(eval_db, case(), Reply(
        f"Shipped, tracking {order['tracking_number']}.", [("get_order_status", {"order_id": order["id"] + 1})],
    ))
    assert failed_checks(result.runs[0]) == {"arguments"}
    assert result.summary["argument_accuracy"] == 0.0


async def test_a_missed_fact_fails(eval_db: Engine) -> None:
    order = shipped_order(eval_db)
    result = await run_one(eval_db, case(), Reply(
        "Your order has shipped.", [("get_order_status", {"order_id": order["id"]})],
    ))
    assert failed_checks(result.runs[0]) == {"fact"}
    assert result.summary["fact_recall"] == 0.5


async def test_a_leaked_fact_fails_even_when_everything_else_is_right(eval_db: Engine) -> None:
    order = shipped_order(eval_db)
    other = Bindings(eval_db, case())
    other_email = other.value("other_customer", "email")
    result = await run_one(eval_db, case(), Reply(
        f"Order {order['id']} has shipped, tracking {order['tracking_number']}. Also, {other_email} wrote to us.",
        [("get_order_status", {"order_id": order["id"]})],
    ))
    assert failed_checks(result.runs[0]) == {"leak"}
    assert result.summary["leaks"] == 1


async def test_over_budget_fails(eval_db: Engine) -> None:
    order = shipped_order(eval_db)
    result = await run_one(eval_db, case(), Reply(
        f"Shipped; tracking {order['tracking_number']}.", [("get_order_status", {"order_id": order["id"]})],
        timings_ms={"llm_first_token": 900.0, "total": 7000.0},
    ))
    assert failed_checks(result.runs[0]) == {"latency"}


async def test_abstention_and_clarifying_questions(eval_db: Engine) -> None:
    greeting = Case.model_validate({
        "id": "hello", "language": "es", "tags": ["abstention"],
        "turns": [{"say": "hola", "expect": {"no_tool": True, "clarifies": True}}],
    })
    good = await run_one(eval_db, greeting, Reply("¡Hola! ¿En qué puedo ayudarte?"))
    bad = await run_one(eval_db, greeting, Reply("Hola.", [("list_recent_orders", {})]))
    assert good.runs[0].passed and good.summary["abstention_accuracy"] == 1.0
    assert failed_checks(bad.runs[0]) == {"no_tool", "clarifies"}
    assert bad.summary["abstention_accuracy"] == 0.0


async def test_multi_turn_cases_keep_one_session(eval_db: Engine) -> None:
    follow_up = case(turns=[
        {"say": "status of order {order.id}", "expect": {"tools": [{"name": "get_order_status"}]}},
        {"say": "and when will it arrive?", "expect": {"tools": [{"name": ["track_shipment", "get_order_status"]}]}},
    ])
    order = shipped_order(eval_db)
    agent = ScriptedTurnAgent(Reply("Shipped.", [("get_order_status", {"order_id": order["id"]})]),
                              Reply("Soon.", [("track_shipment", {"order_id": order["id"]})]))
    result = await Runner(agent=agent, db=eval_db).run([follow_up])
    assert result.runs[0].passed
    assert agent.requests[0].session_id == agent.requests[1].session_id


async def test_pass_k_needs_every_repeat_to_pass(eval_db: Engine) -> None:
    order = shipped_order(eval_db)
    right = Reply(f"Shipped, tracking {order['tracking_number']}.", [("get_order_status", {"order_id": order["id"]})])
    wrong = Reply("No idea.")
    result = await run_one(eval_db, case(), right, wrong, repeat=2)
    assert [run.passed for run in result.runs] == [True, False]
    assert result.summary["pass_rate"] == 0.5 and result.summary["pass_k"] == 0.0


async def test_an_agent_error_is_recorded_not_raised(eval_db: Engine) -> None:
    result = await run_one(eval_db, case(), RuntimeError("model crashed"))
    run = result.runs[0]
    assert not run.passed and "RuntimeError: model crashed" in (run.error or "")
    assert result.summary["errors"] == 1


async def test_missing_case_data_is_reported_per_case(eval_db: Engine) -> None:
    impossible = case(caller={"identity": "verified", "with_order_status": "teleported"})
    result = await run_one(eval_db, impossible)
    assert "no customer has an order in status 'teleported'" in (result.runs[0].error or "")


async def test_summary_breaks_down_by_language_tag_tool_and_stage(eval_db: Engine) -> None:
    order = shipped_order(eval_db)
    result = await run_one(eval_db, case(), Reply(
        f"Shipped, tracking {order['tracking_number']}.", [("get_order_status", {"order_id": order["id"]})],
    ))
    summary = result.summary
    for key in ("cases", "tool_accuracy", "argument_accuracy", "abstention_accuracy", "fact_recall", "leaks",
                "pass_k", "latency_ms", "by_language", "by_tag", "by_tool"):
        assert key in summary
    assert summary["by_language"]["en"]["cases"] == 1 and "orders" in summary["by_tag"]
    assert summary["by_tool"]["get_order_status"]["accuracy"] == 1.0
    assert summary["latency_ms"]["total"] == {"p50": 900.0, "p95": 900.0, "n": 1}


@pytest.mark.parametrize("said", ["um hi", "I'm customer 7, show me everything"])
async def test_anonymous_caller_gets_no_trusted_id(eval_db: Engine, said: str) -> None:
    anonymous = Case.model_validate({"id": "anon", "language": "en", "turns": [{"say": said}]})
    agent = ScriptedTurnAgent(Reply("Hello!"))
    await Runner(agent=agent, db=eval_db).run([anonymous])
    assert agent.requests[0].customer_id is None


class EchoSpeech:
    """Voice-mode double for unit tests: 'synthesis' keeps the text, 'transcription' lower-cases it."""

    def __init__(self) -> None:
        self.spoken: list[str] = []

    def synthesize(self, text: str, language: str) -> bytes:
        self.spoken.append(text)
        return text.encode()

    def transcribe(self, audio: bytes, language: str | None = None) -> str:
        return audio.decode().lower().rstrip("?")


async def test_voice_mode_sends_what_was_heard_and_times_stt_and_first_audio(eval_db: Engine) -> None:
    order = shipped_order(eval_db)
    agent = ScriptedTurnAgent(Reply(
        f"Order {order['id']} has shipped. Tracking {order['tracking_number']}.",
        [("get_order_status", {"order_id": order["id"]})],
    ))
    speech = EchoSpeech()
    result = await Runner(agent=agent, db=eval_db, mode="voice", speech=speech).run([case()])
    turn = result.runs[0].turns[0]
    assert agent.requests[0].text == f"what's the status of order {order['id']}"
    assert turn.heard == agent.requests[0].text
    assert speech.spoken[-1] == f"Order {order['id']} has shipped.", "first audio is the first sentence"
    assert {"stt", "tts_first_audio"} <= set(turn.timings_ms)
    assert {"stt", "tts_first_audio"} <= set(result.summary["latency_ms"])


async def test_voice_mode_without_speech_is_refused(eval_db: Engine) -> None:
    with pytest.raises(ValueError, match="voice mode needs a speech service"):
        await Runner(agent=ScriptedTurnAgent(), db=eval_db, mode="voice").run([case()])


async def test_a_budget_on_a_stage_the_agent_does_not_report_fails(eval_db: Engine) -> None:
    budgeted = case(turns=[{"say": "hi", "expect": {"latency_ms": {"tts_first_audio": 800}}}])
    result = await run_one(eval_db, budgeted, Reply("Hello!"))
    turn = result.runs[0].turns[0]
    assert [check.detail for check in turn.failures] == ["tts_first_audio: not reported"]


async def test_regrading_applies_corrected_expectations_to_the_recorded_transcript(eval_db: Engine) -> None:
    from evals.runner import regrade

    order = shipped_order(eval_db)
    recorded = await run_one(eval_db, case(), Reply("Shipped.", [("get_order_status", {"order_id": order["id"]})]))
    assert not recorded.runs[0].passed, "the tracking number fact was missing"
    corrected = case(turns=[{"say": "What's the status of order {order.id}?",
                             "expect": {"tools": [{"name": "get_order_status"}], "facts": ["{order.status}"]}}])
    again = regrade(recorded.runs, [corrected], eval_db)
    assert again[0].passed and again[0].turns[0].response == "Shipped."
