"""A conversation held with the real agent and the embedded model, recorded by the review, exported as an eval case,
and run by `apitap eval` as a user would run it: a bad call in production becomes a regression test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from agent.case_export import case_yaml
from agent.contract import TurnRequest
from core.settings import CheckpointerKind, Settings

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.models
async def test_an_exported_conversation_runs_as_an_eval_case(demo_sqlite_url, demo_sqlite_engine, tmp_path):
    from agent.service import AgentService

    with demo_sqlite_engine.connect() as conn:
        customer, order = conn.execute(
            text("SELECT user_id, MIN(order_id) FROM dbitems.tbl_order GROUP BY user_id ORDER BY user_id LIMIT 1")
        ).one()
    settings = Settings(_env_file=None, database_url=demo_sqlite_url, checkpointer=CheckpointerKind.memory,
                        data_dir=tmp_path, llm_timeout_s=600)
    agent = AgentService.from_settings(settings)
    try:
        held = await agent.run_turn(TurnRequest(
            text=f"What is the status of order {order}?", session_id="held-1", customer_id=customer))
        conversation = agent.review.store.conversation("held-1")
    finally:
        await agent.aclose()
    assert held.tool_calls, "the embedded model looks the order up"
    case_file = tmp_path / "held-1.yaml"
    case_file.write_text(case_yaml(conversation), encoding="utf-8")

    env = {**os.environ, "DATABASE_URL": demo_sqlite_url, "DATA_DIR": str(tmp_path / "eval-data"),
           "LLM_TIMEOUT_S": "600", "PYTHONPATH": str(REPO)}
    run = subprocess.run([sys.executable, "-m", "api", "eval", "--cases", str(case_file), "--json"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr[-2000:]
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    assert (summary["cases"], summary["runs"], summary["errors"], summary["leaks"]) == (1, 1, 0, 0)
    # The same question to the same model makes the same call: the recorded expectation holds.
    assert summary["tool_accuracy"] == 1.0, summary
    assert not (tmp_path / "eval-data" / "review.sqlite").exists(), "eval turns stay out of the operators' review"
