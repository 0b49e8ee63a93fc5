"""Reports and comparisons of runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from evals.cli import eval_app
from evals.metrics import summarize
from evals.report import compare, load_run, write_reports
from evals.results import CaseRun, CheckResult, RunResult, TurnOutcome


def a_run(passing: dict[str, bool], leaks: int = 0) -> RunResult:
    runs = []
    for case_id, passed in passing.items():
        turn = TurnOutcome(
            index=0, said=f"question for {case_id}", response="answer <b>bold</b>",
            tool_calls=[{"name": "get_order_status", "args": {"order_id": 3}}],
            timings_ms={"llm_first_token": 400.0, "total": 1200.0},
            expects_tools=True, tools_correct=passed, tool_hits={"get_order_status": passed},
            leak_count=leaks if case_id == "b" else 0,
            checks=[CheckResult(name="tools", passed=passed, detail="called get_order_status" if passed
                                else "expected get_order_status, called no tool")],
        )
        runs.append(CaseRun(case_id=case_id, repeat=1, language="en", tags=["orders"], caller="verified",
                            session_id="s", turns=[turn], passed=passed))
    return RunResult(started_at="2026-11-23T00:00:00+00:00", mode="text", provider="llamacpp", repeat=1,
                     cases_source=["bundled"], summary=summarize(runs, 1), runs=runs)


def test_reports_are_written_and_the_html_is_self_contained(tmp_path: Path) -> None:
    paths = write_reports(a_run({"a": True, "b": False}), tmp_path)
    page = paths["html"].read_text(encoding="utf-8")
    assert "<svg" in page and "Failing cases (1)" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), "the report must not load assets"
    assert "answer &lt;b&gt;bold&lt;/b&gt;" in page, "agent text is escaped"
    markdown = paths["markdown"].read_text(encoding="utf-8")
    assert "### b (run 1" in markdown and "expected get_order_status, called no tool" in markdown
    assert load_run(tmp_path).summary["cases"] == 2


def test_compare_finds_a_regression_and_an_improvement() -> None:
    comparison = compare(a_run({"a": True, "b": False}), a_run({"a": False, "b": True}))
    assert comparison.newly_failing == ["a"] and comparison.newly_passing == ["b"]
    assert comparison.has_regressions


def test_compare_flags_metric_drops_and_new_leaks() -> None:
    before, after = a_run({"a": True, "b": True}), a_run({"a": True, "b": False}, leaks=1)
    comparison = compare(before, after)
    assert "tool_accuracy" in comparison.regressed_metrics and comparison.leaks == (0, 1)
    assert not compare(before, before).has_regressions


def test_compare_command_exits_non_zero_on_regression(tmp_path: Path) -> None:
    write_reports(a_run({"a": True, "b": True}), tmp_path / "before")
    write_reports(a_run({"a": True, "b": False}), tmp_path / "after")
    runner = CliRunner()
    worse = runner.invoke(eval_app, ["compare", str(tmp_path / "before"), str(tmp_path / "after"), "--json"])
    assert worse.exit_code == 1, worse.output
    assert json.loads(worse.output)["newly_failing"] == ["b"]
    same = runner.invoke(eval_app, ["compare", str(tmp_path / "before"), str(tmp_path / "before")])
    assert same.exit_code == 0 and "no regressions" in same.output


def test_compare_command_names_a_file_that_is_not_a_run(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(eval_app, ["compare", str(bogus), str(bogus)])
    assert result.exit_code == 2
    assert "bogus.json: not an eval run" in result.output


def test_an_interrupted_run_can_still_be_reported(tmp_path: Path) -> None:
    partial = tmp_path / "runs.partial.jsonl"
    partial.write_text("".join(run.model_dump_json() + "\n" for run in a_run({"a": True, "b": False}).runs))
    result = CliRunner().invoke(eval_app, ["report", str(partial), "--out", str(tmp_path / "out"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["pass_rate"] == 0.5
    assert (tmp_path / "out" / "report.html").is_file()
