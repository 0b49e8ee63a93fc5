"""`apitap bench …`: every benchmark prints one JSON object (pretty with --json omitted, compact with --json)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

bench_app = typer.Typer(help="Benchmarks: latency and throughput on this machine, printed as JSON.",
                        no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print compact JSON only (no progress).")]


def _emit(result: dict, as_json: bool) -> None:
    typer.echo(json.dumps(result, separators=(",", ":")) if as_json else json.dumps(result, indent=2))


@bench_app.command("tools")
def bench_tools(
    url: Annotated[str | None, typer.Option("--url", help="Database URL; default: the configured one.")] = None,
    repeat: Annotated[int, typer.Option(min=1, help="Calls per tool.")] = 200,
    as_json: JsonFlag = False,
) -> None:
    """p50/p95 latency of every tool against the database."""
    from evals.bench import tools

    _emit(tools.run(url=url, repeat=repeat, progress=not as_json), as_json)


@bench_app.command("voice")
def bench_voice(as_json: JsonFlag = False) -> None:
    """Speech-to-text latency/RTF for 2 s, 5 s, 10 s clips; text-to-speech first audio and RTF per engine."""
    from evals.bench import voice

    _emit(voice.run(progress=not as_json), as_json)


@bench_app.command("agent")
def bench_agent(
    repeat: Annotated[int, typer.Option(min=1, help="Rounds over the question set.")] = 1,
    as_json: JsonFlag = False,
) -> None:
    """Text-turn latency per stage with the configured LLM."""
    from evals.bench import agent

    _emit(agent.run(repeat=repeat, progress=not as_json), as_json)


@bench_app.command("voice-e2e")
def bench_voice_e2e(
    url: Annotated[str | None, typer.Option("--url", help="A running server; default: start one.")] = None,
    turns: Annotated[int, typer.Option(min=1)] = 20,
    as_json: JsonFlag = False,
) -> None:
    """End of speech → first audio byte, and full turn, over spoken EN/ES questions through /ws/voice."""
    from evals.bench import voice_e2e

    _emit(voice_e2e.run(url=url, turns=turns, progress=not as_json), as_json)


@bench_app.command("load")
def bench_load(
    concurrency: Annotated[int, typer.Option(min=1, max=256)] = 8,
    duration: Annotated[float, typer.Option(min=1, max=3600, help="Seconds.")] = 30,
    url: Annotated[str | None, typer.Option("--url", help="A running server on loopback; default: start one.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Mixed text/voice traffic against the API on loopback: throughput, latency, 503 rejections."""
    from evals.bench import load

    _emit(load.run(concurrency=concurrency, duration=duration, url=url, progress=not as_json), as_json)
