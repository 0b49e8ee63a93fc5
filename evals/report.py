"""Reports of a run: `run.json` for machines, a self-contained `report.html` (inline CSS and SVG, no external
assets) and `report.md` for people, each listing the failing cases with their transcript and why they failed.
`compare` finds what got worse between two runs."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.metrics import HEADLINE_METRICS
from evals.results import CaseRun, RunResult

_GREEN, _RED, _AMBER, _BLUE = "#2e7d32", "#c62828", "#ef6c00", "#1565c0"


class ReportError(ValueError):
    """A run file cannot be read as a run. The message names the file."""


def write_reports(result: RunResult, out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"json": out_dir / "run.json", "html": out_dir / "report.html", "markdown": out_dir / "report.md"}
    paths["json"].write_text(result.model_dump_json(indent=1), encoding="utf-8")
    paths["html"].write_text(render_html(result), encoding="utf-8")
    paths["markdown"].write_text(render_markdown(result), encoding="utf-8")
    return paths


def load_run(path: Path) -> RunResult:
    if path.is_dir():
        path = path / "run.json"
    try:
        return RunResult.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path}: no such run file") from None
    except ValueError as exc:
        raise ReportError(f"{path}: not an eval run ({str(exc).splitlines()[0]})") from None


def load_partial(path: Path) -> RunResult:
    """A RunResult from the `runs.partial.jsonl` an interrupted run leaves behind."""
    from evals.metrics import summarize

    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        runs = [CaseRun.model_validate_json(line) for line in lines]
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file") from None
    except ValueError as exc:
        raise ReportError(f"{path}: not a partial eval run ({str(exc).splitlines()[0]})") from None
    repeat = max((run.repeat for run in runs), default=1)
    return RunResult(started_at=f"partial:{path.name}", mode="text", provider="unknown", repeat=repeat,
                     cases_source=[str(path)], summary=summarize(runs, repeat), runs=runs)


# --- failures ------------------------------------------------------------------------------------------------

def failing_runs(result: RunResult) -> list[CaseRun]:
    return [run for run in result.runs if not run.passed]


def failure_reasons(run: CaseRun) -> list[str]:
    reasons = [f"turn {turn.index + 1}: {check.name}: {check.detail.splitlines()[0] if check.detail else ''}"
               for turn in run.turns for check in turn.failures]
    if run.error:
        reasons.insert(0, run.error)
    return reasons


# --- markdown ------------------------------------------------------------------------------------------------

def render_markdown(result: RunResult) -> str:
    summary = result.summary
    lines = [
        f"# Eval run {result.started_at}",
        "",
        f"Mode **{result.mode}**, provider **{result.provider}**, {summary.get('cases', 0)} cases × "
        f"{result.repeat} repeat(s). Leaks: **{summary.get('leaks', 0)}**.",
        "",
        "| metric | value |",
        "|---|---|",
    ]
    lines += [f"| {name} | {_pct(summary.get(name))} |" for name in HEADLINE_METRICS]
    lines += ["", "## By language", "", *_group_table(summary.get("by_language", {})),
              "", "## By tag", "", *_group_table(summary.get("by_tag", {})),
              "", "## By tool", "", "| tool | expected | selected | accuracy |", "|---|---|---|---|"]
    lines += [f"| {name} | {row['expected']} | {row['selected']} | {_pct(row['accuracy'])} |"
              for name, row in summary.get("by_tool", {}).items()]
    lines += ["", "## Latency (ms)", "", "| stage | p50 | p95 | n |", "|---|---|---|---|"]
    lines += [f"| {stage} | {row['p50']:.0f} | {row['p95']:.0f} | {row['n']} |"
              for stage, row in summary.get("latency_ms", {}).items()]
    failures = failing_runs(result)
    lines += ["", f"## Failing cases ({len(failures)})", ""]
    for run in failures:
        lines += [f"### {run.case_id} (run {run.repeat}, {run.language}, {run.caller}"
                  f"{f', customer {run.customer_id}' if run.customer_id else ''})", ""]
        lines += [f"- {_md(reason)}" for reason in failure_reasons(run)]
        lines.append("")
        for turn in run.turns:
            lines.append(f"> **caller:** {_md(turn.said)}")
            if turn.heard is not None:
                lines.append(f"> **heard:** {_md(turn.heard)}")
            for call in turn.tool_calls:
                lines.append(f"> **tool:** `{call['name']}({json.dumps(call['args'], ensure_ascii=False)})`")
            lines.append(f"> **agent:** {_md(turn.response)}")
            lines.append(">")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _group_table(groups: dict[str, dict[str, Any]]) -> list[str]:
    rows = ["| group | cases | pass | tool acc. | arg acc. | abstention | fact recall | leaks |",
            "|---|---|---|---|---|---|---|---|"]
    for name, row in groups.items():
        rows.append(f"| {name} | {row['cases']} | {_pct(row['pass_rate'])} | {_pct(row['tool_accuracy'])} | "
                    f"{_pct(row['argument_accuracy'])} | {_pct(row['abstention_accuracy'])} | "
                    f"{_pct(row['fact_recall'])} | {row['leaks']} |")
    return rows


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


# --- HTML ----------------------------------------------------------------------------------------------------

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid #ddd;border-radius:8px;padding:10px 14px;min-width:120px}.card b{display:block;font-size:22px}
.bad{color:#c62828}.good{color:#2e7d32}details{border:1px solid #eee;border-radius:6px;margin:8px 0;padding:6px 10px}
summary{cursor:pointer;font-weight:600}.turn{margin:6px 0 6px 8px;border-left:3px solid #ccc;padding-left:8px}
code{background:#f5f5f5;padding:1px 4px;border-radius:3px}ul.why{color:#c62828;margin:4px 0}
"""


def render_html(result: RunResult) -> str:
    summary = result.summary
    leaks = summary.get("leaks", 0)
    cards = "".join(
        f'<div class="card">{html.escape(name)}<b>{_pct(summary.get(name))}</b></div>' for name in HEADLINE_METRICS
    ) + f'<div class="card">leaks<b class="{"bad" if leaks else "good"}">{leaks}</b></div>'
    tag_rows = [(tag, row.get("pass_rate")) for tag, row in summary.get("by_tag", {}).items()]
    language_rows = [(lang, row.get("pass_rate")) for lang, row in summary.get("by_language", {}).items()]
    tool_rows = [(name, row.get("accuracy")) for name, row in summary.get("by_tool", {}).items()]
    latency_samples = _latency_samples(result)
    failures = failing_runs(result)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Apitap eval {html.escape(result.started_at)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Apitap eval — {html.escape(result.started_at)}</h1>",
        f"<p>Mode <b>{result.mode}</b>, provider <b>{html.escape(result.provider)}</b>, "
        f"{summary.get('cases', 0)} cases × {result.repeat} repeat(s), {summary.get('errors', 0)} errors.</p>",
        f"<div class='cards'>{cards}</div>",
        "<h2>Pass rate by language</h2>", _bar_chart(language_rows),
        "<h2>Pass rate by tag</h2>", _bar_chart(tag_rows),
        "<h2>Tool selection accuracy by tool</h2>", _bar_chart(tool_rows),
        "<h2>Latency distributions</h2>", _latency_charts(latency_samples, summary.get("latency_ms", {})),
        "<h2>By language</h2>", _html_table(summary.get("by_language", {})),
        "<h2>By tag</h2>", _html_table(summary.get("by_tag", {})),
        f"<h2>Failing cases ({len(failures)})</h2>",
        *(_failure_html(run) for run in failures),
        "</body></html>",
    ]
    return "\n".join(parts)


def _bar_chart(rows: list[tuple[str, float | None]]) -> str:
    if not rows:
        return "<p>—</p>"
    label_w, bar_w, row_h = 190, 520, 20
    height = row_h * len(rows) + 10
    bars = []
    for i, (label, value) in enumerate(rows):
        y = i * row_h + 5
        share = value or 0.0
        color = _GREEN if share >= 0.9 else _AMBER if share >= 0.7 else _RED
        bars.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" font-size="12">{html.escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{bar_w}" height="{row_h - 6}" fill="#eee"/>'
            f'<rect x="{label_w}" y="{y + 2}" width="{bar_w * share:.1f}" height="{row_h - 6}" fill="{color}"/>'
            f'<text x="{label_w + bar_w + 6}" y="{y + 13}" font-size="12">{_pct(value)}</text>'
        )
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" height="{height}" '
            f'role="img">{"".join(bars)}</svg>')


def _latency_samples(result: RunResult) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {}
    for run in result.runs:
        for turn in run.turns:
            for stage, ms in turn.timings_ms.items():
                samples.setdefault(stage, []).append(float(ms))
    return samples


def _latency_charts(samples: dict[str, list[float]], stats: dict[str, dict[str, float]]) -> str:
    """One strip plot per stage: every turn a tick, p50 and p95 marked."""
    if not samples:
        return "<p>—</p>"
    width, label_w, row_h = 720, 130, 34
    stages = [stage for stage in stats if stage in samples]
    top = max(max(values) for values in samples.values()) or 1.0
    scale = (width - label_w - 20) / top
    rows = []
    for i, stage in enumerate(stages):
        y = i * row_h + 8
        ticks = "".join(
            f'<line x1="{label_w + v * scale:.1f}" x2="{label_w + v * scale:.1f}" y1="{y}" y2="{y + 16}" '
            f'stroke="{_BLUE}" stroke-opacity="0.35"/>' for v in samples[stage]
        )
        marks = "".join(
            f'<line x1="{label_w + stats[stage][p] * scale:.1f}" x2="{label_w + stats[stage][p] * scale:.1f}" '
            f'y1="{y - 3}" y2="{y + 19}" stroke="{color}" stroke-width="2"/>'
            for p, color in (("p50", _GREEN), ("p95", _RED))
        )
        rows.append(
            f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end" font-size="12">{html.escape(stage)}</text>'
            f'{ticks}{marks}<text x="{label_w}" y="{y + 30}" font-size="10" fill="#555">'
            f'p50 {stats[stage]["p50"]:.0f} ms · p95 {stats[stage]["p95"]:.0f} ms · n {stats[stage]["n"]}</text>'
        )
    axis = (f'<text x="{label_w}" y="{len(stages) * row_h + 20}" font-size="10">0</text>'
            f'<text x="{width - 20}" y="{len(stages) * row_h + 20}" font-size="10" text-anchor="end">{top:.0f} ms</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{len(stages) * row_h + 28}" '
            f'role="img">{"".join(rows)}{axis}</svg>')


def _html_table(groups: dict[str, dict[str, Any]]) -> str:
    head = ("<tr><th>group</th><th>cases</th><th>pass</th><th>pass^k</th><th>tool acc.</th><th>arg acc.</th>"
            "<th>abstention</th><th>fact recall</th><th>leaks</th></tr>")
    body = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{row['cases']}</td><td>{_pct(row['pass_rate'])}</td>"
        f"<td>{_pct(row['pass_k'])}</td><td>{_pct(row['tool_accuracy'])}</td>"
        f"<td>{_pct(row['argument_accuracy'])}</td><td>{_pct(row['abstention_accuracy'])}</td>"
        f"<td>{_pct(row['fact_recall'])}</td><td class='{'bad' if row['leaks'] else ''}'>{row['leaks']}</td></tr>"
        for name, row in groups.items()
    )
    return f"<table>{head}{body}</table>"


def _failure_html(run: CaseRun) -> str:
    why = "".join(f"<li>{html.escape(reason)}</li>" for reason in failure_reasons(run))
    turns = []
    for turn in run.turns:
        calls = "".join(
            f"<div>tool <code>{html.escape(call['name'])}({html.escape(json.dumps(call['args'], ensure_ascii=False))})"
            f"</code></div>" for call in turn.tool_calls
        )
        heard = f"<div><b>heard:</b> {html.escape(turn.heard)}</div>" if turn.heard is not None else ""
        turns.append(f"<div class='turn'><div><b>caller:</b> {html.escape(turn.said)}</div>{heard}{calls}"
                     f"<div><b>agent:</b> {html.escape(turn.response)}</div></div>")
    who = f"{run.language}, {run.caller}" + (f", customer {run.customer_id}" if run.customer_id else "")
    return (f"<details><summary>{html.escape(run.case_id)} (run {run.repeat}; {html.escape(who)}; "
            f"{html.escape(', '.join(run.tags))})</summary><ul class='why'>{why}</ul>{''.join(turns)}</details>")


# --- compare -------------------------------------------------------------------------------------------------

@dataclass
class Comparison:
    metric_changes: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    regressed_metrics: list[str] = field(default_factory=list)
    newly_failing: list[str] = field(default_factory=list)
    newly_passing: list[str] = field(default_factory=list)
    leaks: tuple[int, int] = (0, 0)
    latency_changes: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def has_regressions(self) -> bool:
        return bool(self.regressed_metrics or self.newly_failing or self.leaks[1] > self.leaks[0])

    def as_dict(self) -> dict[str, Any]:
        return {
            "regressions": self.has_regressions,
            "regressed_metrics": self.regressed_metrics,
            "newly_failing": self.newly_failing,
            "newly_passing": self.newly_passing,
            "leaks": {"before": self.leaks[0], "after": self.leaks[1]},
            "metrics": {name: {"before": a, "after": b} for name, (a, b) in self.metric_changes.items()},
            "latency_p50_ms": {stage: {"before": a, "after": b} for stage, (a, b) in self.latency_changes.items()},
        }


def compare(before: RunResult, after: RunResult, tolerance: float = 0.0) -> Comparison:
    """What got worse from `before` to `after`: headline metrics that dropped by more than `tolerance`, cases
    that passed every repeat before and fail now, and any increase in leaks."""
    result = Comparison(leaks=(before.summary.get("leaks", 0), after.summary.get("leaks", 0)))
    for name in HEADLINE_METRICS:
        a, b = before.summary.get(name), after.summary.get(name)
        result.metric_changes[name] = (a, b)
        if a is not None and b is not None and b < a - tolerance:
            result.regressed_metrics.append(name)
    passed_before = _passing_cases(before)
    passed_after = _passing_cases(after)
    common = passed_before.keys() & passed_after.keys()
    result.newly_failing = sorted(case for case in common if passed_before[case] and not passed_after[case])
    result.newly_passing = sorted(case for case in common if not passed_before[case] and passed_after[case])
    for stage, row in after.summary.get("latency_ms", {}).items():
        earlier = before.summary.get("latency_ms", {}).get(stage)
        if earlier:
            result.latency_changes[stage] = (earlier["p50"], row["p50"])
    return result


def _passing_cases(result: RunResult) -> dict[str, bool]:
    passing: dict[str, bool] = {}
    for run in result.runs:
        passing[run.case_id] = passing.get(run.case_id, True) and run.passed
    return passing
