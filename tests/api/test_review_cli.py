"""`apitap review …` as a user runs it (a subprocess, settings from the environment) over a real review store, and
the exported case checked by `apitap eval check`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from agent.contract import ToolCallRecord, TurnResult
from agent.review import ReviewStore, TurnFacts, reviewed_turn

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A DATA_DIR whose review store holds one conversation (two turns) and its handoff."""
    store = ReviewStore(f"sqlite:///{tmp_path / 'review.sqlite'}")
    for said, calls, flags in (
        ("What is the status of order 7?", [("get_order_status", {"order_id": 7},
                                             {"error": "verification_required", "message": "verify"})], ["ask_back"]),
        ("I want to talk to a person", [], ["handoff"]),
    ):
        turn = TurnResult(
            session_id="web-42", language="en", text=said, intent="order_status",
            tool_calls=[ToolCallRecord(name=n, args=a) for n, a, _ in calls],
            data=[{"tool": n, **r} for n, _, r in calls], response="…",
        )
        store.record_turn(reviewed_turn(turn, TurnFacts(), flags, at=datetime.now()))
    store.create_handoff("web-42", "asked_for_person", "text", "en", None, "Why: the caller asked for a person.")
    store.close()
    return tmp_path


def apitap(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO)}
    env.pop("REVIEW_DB_URL", None)
    return subprocess.run([sys.executable, "-m", "api", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300)


def test_export_writes_a_case_that_eval_check_accepts(data_dir, tmp_path):
    case = tmp_path / "cases" / "web-42.yaml"
    exported = apitap("review", "export", "web-42", "-o", str(case), data_dir=data_dir)
    assert exported.returncode == 0, exported.stderr
    assert f"apitap eval --cases {case}" in exported.stderr
    text = case.read_text(encoding="utf-8")
    assert "- say: What is the status of order 7?" in text and "order_id: 7" in text

    checked = apitap("eval", "check", "--cases", str(case), data_dir=data_dir)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "1 cases OK (en: 1)"

    printed = apitap("review", "export", "web-42", data_dir=data_dir)
    assert printed.returncode == 0 and printed.stdout == text


def test_list_and_handoffs(data_dir):
    listed = apitap("review", "list", "--flag", "handoff", "--json", data_dir=data_dir)
    assert listed.returncode == 0, listed.stderr
    body = json.loads(listed.stdout)
    assert body["total"] == 1 and body["conversations"][0]["session_id"] == "web-42"
    queue = apitap("review", "handoffs", data_dir=data_dir)
    assert queue.returncode == 0 and "#1 open asked_for_person" in queue.stdout
    assert "Why: the caller asked for a person." in queue.stdout


@pytest.mark.parametrize(("args", "message"), [
    (("review", "export", "nobody"), "error: no recorded conversation nobody"),
    (("review", "list", "--flag", "nonsense"), "error: --flag must be one of"),
    (("review", "list", "--since", "yesterday"), "error: --since must be a day as YYYY-MM-DD"),
    (("review", "handoffs", "--status", "lost"), "error: --status must be open, taken, closed, active or all"),
])
def test_bad_input_is_one_line_and_a_non_zero_exit(data_dir, args, message):
    result = apitap(*args, data_dir=data_dir)
    assert result.returncode == 2
    assert result.stderr.startswith(message) and len(result.stderr.strip().splitlines()) == 1


def test_sweep_reports_what_went(data_dir):
    result = apitap("review", "sweep", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "deleted 0 turns and 0 handoffs older than 30 days"
