"""Overload: more callers than the work queue holds. New work is refused at once with 503 + Retry-After, admitted
work completes, and nothing errors. Driven by the real load benchmark (`apitap bench load`) against the real app
served on loopback, around a deliberately slow scripted agent so the queue fills in seconds."""

from __future__ import annotations

import asyncio

import pytest

from agent.contract import TurnRequest
from api.app import create_app
from evals.bench import load
from tests.api.doubles import ScriptedAgent, ScriptedVoice
from tests.security.live_server import serve

TURN_S = 0.25


class SlowAgent(ScriptedAgent):
    """Every turn takes TURN_S, like a (very fast) model on a CPU (test double)."""

    async def stream_turn(self, request: TurnRequest):  # type: ignore[override]
        await asyncio.sleep(TURN_S)
        async for event in super().stream_turn(request):
            yield event


def test_overload_is_refused_with_retry_after_while_admitted_work_completes(fault_settings) -> None:
    settings = fault_settings(work_concurrency=1, work_queue_size=2, rate_limit_per_minute=1_000_000)
    with serve(create_app(settings, agent=SlowAgent(), voice=ScriptedVoice())) as url:
        report = load.run(concurrency=8, duration=3, url=url, progress=False)
    assert report["errors"] == 0, report["error_samples"]
    assert report["completed"] > 0 and report["rejected_503"] > 0
    assert report["rejected_503_without_retry_after"] == 0
    assert report["requests"] == report["completed"] + report["rejected_503"] + report["rate_limited_429"]
    assert report["latency_ms_by_kind"]["voice"]["count"] > 0 and report["latency_ms_by_kind"]["text"]["count"] > 0
    assert report["reject_ms"]["p95"] is not None
    assert report["memory_mb"] == {"start": None, "end": None, "peak": None, "second_half_growth": None, "samples": []}, \
        "a server given by URL is not ours to measure"
    assert set(report) >= {"requests", "errors", "rejected_503", "throughput_rps", "latency_ms", "reject_ms"}
    assert set(report["latency_ms"]) == {"p50", "p95", "p99"}


def test_the_load_benchmark_refuses_a_non_loopback_target() -> None:
    with pytest.raises(load.LoadBenchError, match="loopback"):
        load.run(concurrency=1, duration=1, url="http://203.0.113.7:8000", progress=False)


def test_the_soak_report_tells_levelling_off_from_growing() -> None:
    levelled = load._memory_summary({"start": 2500.0, "end": 2562.0, "samples": [2540.0, 2555.0, 2560.0, 2561.0]})
    assert levelled["peak"] == 2562.0 and levelled["second_half_growth"] == 2.0
    growing = load._memory_summary({"start": 2500.0, "end": 2800.0, "samples": [2550.0, 2600.0, 2700.0, 2750.0]})
    assert growing["second_half_growth"] == 100.0
