"""The summary of a run: accuracies, leaks, pass^k and per-stage latency, overall and by language, tag and tool.

Definitions (each is None when nothing in the run measures it):
- tool_accuracy: of turns that expect tools, the share that called every expected tool (and, for
  `tools_match: exact`, nothing else).
- argument_accuracy: of expected calls with argument expectations whose tool was called, the share with matching
  arguments.
- abstention_accuracy: of turns that expect no tool, the share that called none.
- fact_recall: facts said / facts expected.
- leaks: leaks found in replies and tool results (must be 0).
- pass_rate: passing case runs / case runs; pass_k: cases that passed in all K repeats / cases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from evals.results import CaseRun, TurnOutcome

STAGES = ("stt", "llm_first_token", "tools", "respond", "total", "tts_first_audio")

HEADLINE_METRICS = ("pass_rate", "pass_k", "tool_accuracy", "argument_accuracy", "abstention_accuracy", "fact_recall")


def summarize(runs: list[CaseRun], repeat: int) -> dict[str, Any]:
    summary = _group_metrics(runs)
    summary["repeat"] = repeat
    summary["errors"] = sum(1 for run in runs if run.error)
    summary["latency_ms"] = latency(run.turns for run in runs)
    summary["by_language"] = {
        language: _group_metrics(group) for language, group in sorted(_group(runs, lambda r: [r.language]).items())
    }
    summary["by_tag"] = {tag: _group_metrics(group) for tag, group in sorted(_group(runs, lambda r: r.tags).items())}
    summary["by_tool"] = by_tool(runs)
    return summary


def _group_metrics(runs: list[CaseRun]) -> dict[str, Any]:
    turns = [turn for run in runs for turn in run.turns]
    by_case: dict[str, list[bool]] = defaultdict(list)
    for run in runs:
        by_case[run.case_id].append(run.passed)
    return {
        "cases": len(by_case),
        "runs": len(runs),
        "passed": sum(run.passed for run in runs),
        "pass_rate": _ratio(sum(run.passed for run in runs), len(runs)),
        "pass_k": _ratio(sum(all(results) for results in by_case.values()), len(by_case)),
        "tool_accuracy": _ratio(sum(t.tools_correct for t in turns if t.expects_tools),
                                sum(t.expects_tools for t in turns)),
        "argument_accuracy": _ratio(sum(t.arguments_correct for t in turns), sum(t.arguments_checked for t in turns)),
        "abstention_accuracy": _ratio(sum(t.abstained for t in turns if t.expects_abstention),
                                      sum(t.expects_abstention for t in turns)),
        "fact_recall": _ratio(sum(t.facts_found for t in turns), sum(t.facts_expected for t in turns)),
        "leaks": sum(t.leak_count for t in turns),
    }


def by_tool(runs: list[CaseRun]) -> dict[str, dict[str, Any]]:
    expected: dict[str, int] = defaultdict(int)
    hits: dict[str, int] = defaultdict(int)
    for turn in (turn for run in runs for turn in run.turns):
        for name, hit in turn.tool_hits.items():
            expected[name] += 1
            hits[name] += int(hit)
    return {name: {"expected": expected[name], "selected": hits[name], "accuracy": _ratio(hits[name], expected[name])}
            for name in sorted(expected)}


def latency(turn_groups: Iterable[list[TurnOutcome]]) -> dict[str, dict[str, float]]:
    samples: dict[str, list[float]] = defaultdict(list)
    for turns in turn_groups:
        for turn in turns:
            for stage, ms in turn.timings_ms.items():
                samples[stage].append(float(ms))
    ordered = [stage for stage in STAGES if stage in samples] + sorted(set(samples) - set(STAGES))
    return {stage: {"p50": percentile(samples[stage], 50), "p95": percentile(samples[stage], 95),
                    "n": len(samples[stage])} for stage in ordered}


def percentile(values: list[float], pct: float) -> float:
    """Linear-interpolated percentile (the same definition as numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (rank - low), 1)


def _group(runs: list[CaseRun], keys: Any) -> dict[str, list[CaseRun]]:
    groups: dict[str, list[CaseRun]] = defaultdict(list)
    for run in runs:
        for key in keys(run):
            groups[key].append(run)
    return groups


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None
