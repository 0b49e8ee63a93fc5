"""`apitap eval …`: run the offline eval cases against the agent and compare runs."""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec

import typer

from core.i18n import is_supported, languages

if TYPE_CHECKING:
    from evals.cases import Case
    from evals.results import CaseRun, RunResult

P = ParamSpec("P")


class CLIError(Exception):
    """Ends a command with a one-line `error: …` and exit status 2 (the same contract as `api.cli`)."""
eval_app = typer.Typer(
    help="Offline evaluation of the agent over scripted cases. `apitap eval` runs them; see also `compare`.",
    invoke_without_command=True,
    no_args_is_help=False,
)


class Mode(StrEnum):
    text = "text"
    voice = "voice"


class Provider(StrEnum):
    llamacpp = "llamacpp"
    ollama = "ollama"
    openai = "openai"


def _one_line_errors(command: Callable[P, None]) -> Callable[P, None]:
    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except CLIError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None

    return run


@eval_app.callback()
@_one_line_errors
def run_eval(
    ctx: typer.Context,
    cases: Annotated[list[Path] | None, typer.Option(
        "--cases", help="A case file or a directory of them (repeatable). Default: the bundled cases.")] = None,
    tags: Annotated[list[str] | None, typer.Option(
        "--tags", help="Only cases with any of these tags (repeatable or comma-separated).")] = None,
    language: Annotated[str | None, typer.Option(
        "--lang", help="Only cases in this language (a code with a catalogue: en, es, …).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Run at most this many cases.")] = None,
    repeat: Annotated[int, typer.Option("--repeat", min=1, max=100, help="Runs per case (for pass^k).")] = 1,
    mode: Annotated[Mode, typer.Option("--mode", help="text: words in; voice: TTS → STT → agent.")] = Mode.text,
    provider: Annotated[Provider | None, typer.Option(
        "--provider", help="LLM provider; default: LLM_PROVIDER from the settings.")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write run.json, report.html and report.md here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON (no progress bar).")] = False,
) -> None:
    """Run the eval cases and print a summary. Exits 1 when any leak was found."""
    if ctx.invoked_subcommand is not None:
        return
    if language is not None and not is_supported(language):
        raise CLIError(f"--lang must be one of {', '.join(languages())}")
    from evals.cases import CaseFileError, load_cases
    from evals.runner import CaseDataError, select_cases, validate_cases

    wanted_tags = [tag.strip() for item in tags or [] for tag in item.split(",") if tag.strip()]
    try:
        chosen = select_cases(load_cases(cases), wanted_tags, limit, language)
        validate_cases(chosen)
    except (CaseFileError, CaseDataError) as exc:
        raise CLIError(str(exc)) from None
    if not chosen:
        raise CLIError("no case matches the selection")
    result = asyncio.run(_run(chosen, repeat, mode, provider, sources=[str(p) for p in cases or []] or ["bundled"],
                              progress=not as_json, out=out))
    paths = {}
    if out is not None:
        from evals.report import write_reports

        paths = write_reports(result, out)
    if as_json:
        typer.echo(json.dumps(result.summary, ensure_ascii=False))
    else:
        _print_summary(result.summary)
        for kind, path in paths.items():
            typer.echo(f"{kind}: {path}", err=True)
    if result.summary.get("leaks", 0):
        raise typer.Exit(1)


async def _run(
    cases: list[Case], repeat: int, mode: Mode, provider: Provider | None, sources: list[str], progress: bool,
    out: Path | None,
) -> RunResult:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from agent.service import AgentService
    from core.settings import CheckpointerKind, LLMProvider, get_settings
    from evals.runner import Runner, validate_cases
    from tools.db.engine import DatabaseUnavailable, ensure_initialised

    # Eval turns stay out of the operators' review (their handoffs still happen, in a store of the run's own).
    settings = get_settings().model_copy(update={"checkpointer": CheckpointerKind.memory, "review_db_url": "sqlite://"})
    if provider is not None:
        settings = settings.model_copy(update={"llm_provider": LLMProvider(provider.value)})
    try:
        agent = AgentService.from_settings(settings)
        ensure_initialised(agent.db)
    except DatabaseUnavailable as exc:
        raise CLIError(str(exc)) from None
    try:
        validate_cases(cases, {tool.name for tool in agent.tools})
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    # As the API does at start-up: the served agent has read its prompt prefix before the first caller.
    await agent.warm_up()
    speech = None
    if mode is Mode.voice:
        from voice.service import VoiceService

        speech = await asyncio.to_thread(VoiceService.load, settings)
        problems = [speech.stt_problem] if speech.stt is None else []
        problems += [f"{lang}: {why}" for lang, why in speech.voice_problems.items()
                     if any(case.language == lang for case in cases)]
        if problems:
            raise CLIError("voice mode needs speech-to-text and a voice per language: " + "; ".join(problems))

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.fields[last]}"), disable=not progress, transient=False) as bar:
        task = bar.add_task("eval", total=len(cases) * repeat, last="")

        partial = None
        if out is not None:
            # a long run that is interrupted still leaves every finished case behind
            out.mkdir(parents=True, exist_ok=True)
            partial = out / "runs.partial.jsonl"
            partial.write_text("", encoding="utf-8")

        def done(run: CaseRun) -> None:
            bar.update(task, advance=1, last=f"{'✓' if run.passed else '✗'} {run.case_id}")
            if partial is not None:
                with partial.open("a", encoding="utf-8") as handle:
                    handle.write(run.model_dump_json() + "\n")

        runner = Runner(agent=agent, db=agent.db, mode=mode.value, speech=speech,
                        provider=settings.llm_provider.value, on_case_done=done)
        try:
            return await runner.run(cases, repeat=repeat, sources=sources)
        finally:
            await agent.aclose()


def _print_summary(summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    from evals.metrics import HEADLINE_METRICS
    from evals.report import _pct

    console = Console()
    head = Table(title=f"{summary['cases']} cases, {summary['runs']} runs, leaks: {summary['leaks']}")
    head.add_column("metric")
    head.add_column("value", justify="right")
    for name in HEADLINE_METRICS:
        head.add_row(name, _pct(summary.get(name)))
    console.print(head)
    for title in ("by_language", "by_tag"):
        table = Table(title=title)
        for column in ("group", "cases", "pass", "tool acc.", "arg acc.", "abstention", "fact recall", "leaks"):
            table.add_column(column, justify="left" if column == "group" else "right")
        for name, row in summary.get(title, {}).items():
            table.add_row(name, str(row["cases"]), _pct(row["pass_rate"]), _pct(row["tool_accuracy"]),
                          _pct(row["argument_accuracy"]), _pct(row["abstention_accuracy"]),
                          _pct(row["fact_recall"]), str(row["leaks"]))
        console.print(table)
    latency = Table(title="latency (ms)")
    for column in ("stage", "p50", "p95", "n"):
        latency.add_column(column, justify="left" if column == "stage" else "right")
    for stage, row in summary.get("latency_ms", {}).items():
        latency.add_row(stage, f"{row['p50']:.0f}", f"{row['p95']:.0f}", str(row["n"]))
    console.print(latency)


@eval_app.command("compare")
@_one_line_errors
def compare_runs(
    before: Annotated[Path, typer.Argument(help="The earlier run (run.json or its directory).")],
    after: Annotated[Path, typer.Argument(help="The later run.")],
    tolerance: Annotated[float, typer.Option(
        "--tolerance", min=0, max=1, help="Ignore metric drops up to this much (0.02 = 2 points).")] = 0.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
) -> None:
    """Show what got worse from BEFORE to AFTER. Exits 1 when anything regressed."""
    from evals.report import ReportError, _pct, compare, load_run

    try:
        comparison = compare(load_run(before), load_run(after), tolerance)
    except ReportError as exc:
        raise CLIError(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(comparison.as_dict(), ensure_ascii=False))
    else:
        for name, (a, b) in comparison.metric_changes.items():
            mark = "  REGRESSED" if name in comparison.regressed_metrics else ""
            typer.echo(f"{name:>20}: {_pct(a):>7} → {_pct(b):>7}{mark}")
        typer.echo(f"{'leaks':>20}: {comparison.leaks[0]:>7} → {comparison.leaks[1]:>7}")
        for stage, (a, b) in comparison.latency_changes.items():
            typer.echo(f"{stage + ' p50':>20}: {a:>6.0f}ms → {b:>6.0f}ms")
        if comparison.newly_failing:
            typer.echo("newly failing: " + ", ".join(comparison.newly_failing))
        if comparison.newly_passing:
            typer.echo("newly passing: " + ", ".join(comparison.newly_passing))
        typer.echo("regressions found" if comparison.has_regressions else "no regressions")
    if comparison.has_regressions:
        raise typer.Exit(1)


@eval_app.command("schema")
def export_schema(
    out: Annotated[Path | None, typer.Option("--out", help="Default: evals/case.schema.json.")] = None,
) -> None:
    """Write the JSON Schema of case files (for editors and CI validation)."""
    from evals.cases import SCHEMA_PATH, write_json_schema

    typer.echo(str(write_json_schema(out or SCHEMA_PATH)))


@eval_app.command("check")
@_one_line_errors
def check_cases(
    cases: Annotated[list[Path] | None, typer.Option("--cases", help="Files or directories; default: bundled.")] = None,
) -> None:
    """Validate case files (schema, placeholders, tool names) without running anything."""
    from evals.cases import CaseFileError, load_cases
    from evals.runner import CaseDataError, validate_cases
    from tools import all_tools

    try:
        loaded = load_cases(cases)
        validate_cases(loaded, {tool.name for tool in all_tools()})
    except (CaseFileError, CaseDataError) as exc:
        raise CLIError(str(exc)) from None
    by_language: dict[str, int] = {}
    for case in loaded:
        by_language[case.language] = by_language.get(case.language, 0) + 1
    typer.echo(f"{len(loaded)} cases OK ({', '.join(f'{k}: {v}' for k, v in sorted(by_language.items()))})")


@eval_app.command("report")
@_one_line_errors
def rebuild_report(
    run: Annotated[Path, typer.Argument(help="run.json, or runs.partial.jsonl from an interrupted run.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write run.json, report.html, report.md.")],
    regrade: Annotated[bool, typer.Option(
        "--regrade", help="Grade the recorded turns again against the current case files (no agent calls).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Rebuild the reports of a run, including one that was interrupted."""
    from evals.report import ReportError, load_partial, load_run, write_reports

    try:
        result = load_partial(run) if run.suffix == ".jsonl" else load_run(run)
    except ReportError as exc:
        raise CLIError(str(exc)) from None
    if regrade:
        result = _regraded(result)
    write_reports(result, out)
    if as_json:
        typer.echo(json.dumps(result.summary, ensure_ascii=False))
    else:
        _print_summary(result.summary)


def _regraded(result: RunResult) -> RunResult:
    from core.settings import get_settings
    from evals.cases import CaseFileError, load_cases
    from evals.metrics import summarize
    from evals.runner import regrade
    from tools.db.engine import DatabaseUnavailable, ensure_initialised, make_engine

    try:
        db = make_engine(get_settings().effective_database_url, read_only=True)
        ensure_initialised(db)
        runs = regrade(result.runs, load_cases(), db)
    except (CaseFileError, DatabaseUnavailable) as exc:
        raise CLIError(str(exc)) from None
    return result.model_copy(update={"runs": runs, "summary": summarize(runs, result.repeat)})
