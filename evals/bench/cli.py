"""`apitap bench …`: every benchmark prints one JSON object (pretty with --json omitted, compact with --json)."""

from __future__ import annotations

import json
from pathlib import Path
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


@bench_app.command("routing")
def bench_routing(
    cases: Annotated[list[Path] | None, typer.Option(
        "--cases", help="Case files or directories (e.g. evals/frozen); default: the dev cases.")] = None,
    shortlist: Annotated[int, typer.Option(min=1, help="At most this many labels for the model to choose among.")] = 4,
    mass: Annotated[float, typer.Option(
        min=0.0, max=1.0, help="Shortlist the fewest tools whose probabilities add up to this.")] = 0.9,
    as_json: JsonFlag = False,
) -> None:
    """The router alone (no model): how often its best label and its shortlist hold the expected tool."""
    from evals.bench import routing

    _emit(routing.run(cases, shortlist, mass, progress=not as_json), as_json)


@bench_app.command("endpointing")
def bench_endpointing(
    cases: Annotated[list[Path] | None, typer.Option(
        "--cases", help="Case files or directories (e.g. evals/frozen); default: the dev cases.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The words-based end-of-turn judge alone (no audio): whole caller turns held vs cut-off turns let through,
    per threshold."""
    from evals.bench import endpointing

    _emit(endpointing.run(cases, progress=not as_json), as_json)


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


@bench_app.command("realtime")
def bench_realtime(
    url: Annotated[str | None, typer.Option("--url", help="A running server; default: start one.")] = None,
    path: Annotated[list[str] | None, typer.Option("--path", help="browser, phone (Twilio) and/or telnyx; default: browser and phone.")] = None,
    language: Annotated[list[str] | None, typer.Option("--language", help="en and/or es; default: both.")] = None,
    rounds: Annotated[int, typer.Option(min=1, help="Calls per path and language.")] = 1,
    turns: Annotated[int, typer.Option(min=2, max=6, help="Utterances per call (the 2nd is talked over).")] = 6,
    as_json: JsonFlag = False,
) -> None:
    """Hands-free turns at real-time pace with pauses (browser PCM and phone μ-law): true end of speech → first
    answer audio, false end-of-turn rate, barge-in stop time, turns without an answer, per-stage timings."""
    from evals.bench import realtime

    paths = tuple(path or ("browser", "phone"))
    languages = tuple(language or ("en", "es"))
    for name, allowed, given in (("--path", {"browser", "phone", "telnyx"}, paths), ("--language", {"en", "es"}, languages)):
        if unknown := set(given) - allowed:
            raise typer.BadParameter(f"unknown {', '.join(sorted(unknown))}; choose from {', '.join(sorted(allowed))}",
                                     param_hint=name)
    _emit(realtime.run(url=url, paths=paths, languages=languages, rounds=rounds, turns=turns,
                       progress=not as_json), as_json)
