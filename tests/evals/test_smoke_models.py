"""The smoke set through the real agent and the real embedded model: no leak, and tool accuracy above a floor.

The floors come from measured runs of the packaged Qwen2.5-Coder-1.5B on the smoke cases; raise them as the agent
improves, never lower them to make a run pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import CheckpointerKind, Settings
from evals.cases import load_cases
from evals.report import failure_reasons, write_reports
from evals.runner import Runner, select_cases

# Measured on the 8 smoke cases with answers read out from tool results: tool accuracy 1.0, fact recall 1.0
# (5 tool turns, 4 facts; full eval run of 2026-11-24); each floor leaves room for one miss.
TOOL_ACCURACY_FLOOR = 0.8
FACT_RECALL_FLOOR = 0.75
ABSTENTION_FLOOR = 1.0


@pytest.mark.models
async def test_smoke_cases_with_the_embedded_model(demo_sqlite_url: str, tmp_path: Path) -> None:
    from agent.service import AgentService

    settings = Settings(database_url=demo_sqlite_url, checkpointer=CheckpointerKind.memory, data_dir=tmp_path)
    agent = AgentService.from_settings(settings)
    await agent.warm_up()
    cases = select_cases(load_cases(), ["smoke"], None)
    assert len(cases) >= 8
    try:
        result = await Runner(agent=agent, db=agent.db, provider=settings.llm_provider.value).run(cases)
    finally:
        await agent.aclose()
    write_reports(result, tmp_path / "smoke-run")
    failures = {run.case_id: failure_reasons(run) for run in result.runs if not run.passed}
    summary = result.summary
    assert summary["errors"] == 0, failures
    assert summary["leaks"] == 0, failures
    assert summary["tool_accuracy"] >= TOOL_ACCURACY_FLOOR, failures
    assert summary["abstention_accuracy"] >= ABSTENTION_FLOOR, failures
    assert summary["fact_recall"] >= FACT_RECALL_FLOOR, failures
