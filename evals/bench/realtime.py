"""`apitap bench realtime`: hands-free turns streamed at real-time pace (20 ms frames, natural pauses), EN and ES,
through the browser path (16 kHz PCM, /ws/realtime) and the phone path (Twilio protocol, μ-law 8 kHz; `--path telnyx`
takes Telnyx's).

Timed from the true end of the caller's speech (known from the audio: the benchmark wrote it) to the first answer
audio received, endpointing wait included. Also: false end-of-turn rate (an answer, or a transcript, before the
caller finished an utterance with mid-sentence pauses), barge-in stop time (caller starts speaking over the answer
→ playback cleared), turns without an answer, and the server's own per-stage timings (browser path).
"""

from __future__ import annotations

import asyncio
import io
import time
import wave
from typing import Any

import httpx
from rich.console import Console
from rich.progress import Progress

from evals.bench.local_server import serve_locally
from evals.bench.stats import p50_p95
from evals.realtime_clients import BrowserCaller, PhoneCarrier, TelnyxCarrier
from evals.realtime_speech import Speech, speak_phrases
from voice.interfaces import SynthesizedAudio

GOALS = {"first_audio_p50_ms": 1200.0, "first_audio_p95_ms": 2500.0, "false_cutoff_rate": 0.05,
         "barge_in_stop_ms": 300.0, "turns_without_answer": 0}
ANSWER_TIMEOUT_S = 90.0
PHONE_QUIET_S = 3.0
"""The phone carries no events: an answer counts as finished after this much silence. Shorter, and a gap between
two sentences on a busy CPU (synthesis slower than playback) reads as the end, and the next question talks over the
rest of the answer."""

# Text and pauses (seconds) inside each utterance: the pauses fall where callers hesitate.
UTTERANCES: dict[str, list[list[str | float]]] = {
    "en": [
        ["What is your return policy?"],
        ["I would like to know", 0.7, "how much shipping costs."],
        ["Do you have headphones in stock?"],
        ["My order number is", 0.8, "one zero zero", 0.6, "two."],
        ["Which payment methods", 0.6, "do you accept?"],
        ["Hello, good morning."],
    ],
    "es": [
        ["¿Cuál es su política de devoluciones?"],
        ["Quería saber", 0.7, "cuánto cuesta el envío."],
        ["¿Tienen auriculares disponibles?"],
        ["Mi número de pedido es el", 0.8, "uno cero cero", 0.6, "dos."],
        ["¿Qué métodos de pago", 0.6, "aceptan?"],
        ["Hola, buenos días."],
    ],
}
BARGE_IN: dict[str, list[str | float]] = {
    "en": ["Sorry, stop, I have another question about my delivery."],
    "es": ["Perdone, espere, tengo otra pregunta sobre mi entrega."],
}


class ServerVoice:
    """Synthesises caller speech with the server's own packaged voices (POST /synthesize)."""

    def __init__(self, http: httpx.Client):
        self.http = http

    def synthesize(self, text: str, language: str) -> SynthesizedAudio:
        reply = self.http.post("/synthesize", json={"text": text, "language": language})
        reply.raise_for_status()
        with wave.open(io.BytesIO(reply.content)) as wav:
            return SynthesizedAudio(pcm16=wav.readframes(wav.getnframes()), sample_rate=wav.getframerate())


_PARTS_PROBE = r"""
import json, time
import numpy as np
began = time.perf_counter()
from voice.realtime import pipecat_parts as p
imported = time.perf_counter() - began
began = time.perf_counter()
vad = p.SileroVADAnalyzer(sample_rate=16000)
vad.set_sample_rate(16000)
vad_load = time.perf_counter() - began
began = time.perf_counter()
turn = p.LocalSmartTurnAnalyzerV3(sample_rate=16000)
turn.set_sample_rate(16000)
turn_load = time.perf_counter() - began
window = (np.random.default_rng(0).normal(0, 0.05, 512) * 32767).astype("<i2").tobytes()
began = time.perf_counter()
for _ in range(200):
    vad.voice_confidence(window)
vad_ms = (time.perf_counter() - began) / 200 * 1000
import asyncio
async def decide():
    times = []
    for _ in range(5):
        for _ in range(150):
            turn.append_audio(window[:640], True)
        _, metrics = await turn.analyze_end_of_turn()
        times.append(metrics.e2e_processing_time_ms)
        turn.clear()
    return sorted(times)[len(times) // 2]
turn_ms = asyncio.run(decide())
print(json.dumps({"import_s": round(imported, 2), "silero_load_s": round(vad_load, 3),
                  "smart_turn_load_s": round(turn_load, 3), "silero_ms_per_32ms_window": round(vad_ms, 3),
                  "smart_turn_decision_ms_p50": round(turn_ms, 1)}))
"""
_ADDED_BY_PIPECAT = ("pipecat-ai", "numba", "llvmlite", "resampy", "soxr", "loguru", "aiohttp")


def measure_parts() -> dict[str, Any]:
    """Load and run pipecat's VAD and end-of-turn model in a fresh process (so the import is timed cold), and size
    what the `realtime` extra installs beyond the base and `local` extras."""
    import importlib.metadata
    import json
    import subprocess
    import sys
    from pathlib import Path

    probe = subprocess.run([sys.executable, "-c", _PARTS_PROBE], capture_output=True, text=True, timeout=300,
                           cwd=Path(__file__).resolve().parents[2])
    parts = json.loads(probe.stdout.strip().splitlines()[-1]) if probe.returncode == 0 else {"error": probe.stderr[-500:]}
    sizes = {}
    for name in _ADDED_BY_PIPECAT:
        try:
            files = importlib.metadata.distribution(name).files or []
        except importlib.metadata.PackageNotFoundError:
            continue
        sizes[name] = round(sum(f.locate().stat().st_size for f in files if f.locate().is_file()) / 1e6, 1)
    parts["installed_mb"] = {**sizes, "total": round(sum(sizes.values()), 1)}
    return parts


def run(url: str | None = None, paths: tuple[str, ...] = ("browser", "phone"), languages: tuple[str, ...] = ("en", "es"),
        rounds: int = 1, turns: int | None = None, progress: bool = True) -> dict[str, Any]:
    if url is None:
        with serve_locally() as (local_url, _):
            return _measure(local_url, paths, languages, rounds, turns, progress)
    return _measure(url.rstrip("/"), paths, languages, rounds, turns, progress)


def _measure(url: str, paths, languages, rounds: int, turns: int | None, progress: bool) -> dict[str, Any]:
    with httpx.Client(base_url=url, timeout=120) as http:
        voice = ServerVoice(http)
        speech = {lang: [speak_phrases(voice, lang, parts) for parts in UTTERANCES[lang][:turns]]
                  for lang in languages}
        barge = {lang: speak_phrases(voice, lang, BARGE_IN[lang], lead_s=0.0) for lang in languages}
    report: dict[str, Any] = {"goals": GOALS, "pipecat_parts": measure_parts(), "paths": {}}
    total = len(paths) * sum(len(s) for s in speech.values()) * rounds
    with Progress(console=Console(stderr=True), disable=not progress, transient=True) as bar:
        task = bar.add_task("real-time turns", total=total)
        for path in paths:
            report["paths"][path] = asyncio.run(
                _path(url, path, speech, barge, rounds, lambda: bar.advance(task))
            )
    return report


async def _path(url, path, speech, barge, rounds, advance) -> dict[str, Any]:
    first_audio: dict[str, list[float]] = {}
    first_answer: dict[str, list[float]] = {}
    stages: dict[str, list[float]] = {}
    false_cuts = paused_utterances = without_answer = 0
    barge_ms: list[float] = []
    greetings: list[float] = []
    errors: list[str] = []
    each: list[dict[str, Any]] = []
    for language, utterances in speech.items():
        for _ in range(rounds):
            try:
                outcome = await CALLS[path](url, language, utterances, barge[language], advance)
            except (TimeoutError, OSError, httpx.HTTPError) as exc:
                errors.append(f"{language}: {type(exc).__name__}: {exc}")
                continue
            for index, turn in enumerate(outcome["turns"]):
                each.append({"language": language, "utterance": index, "paused": turn["paused"],
                             "first_audio_ms": turn["first_audio_ms"], "cut_off": turn["cut_off"]})
                if turn["first_audio_ms"] is None:
                    without_answer += 1
                else:
                    first_audio.setdefault(language, []).append(turn["first_audio_ms"])
                if turn.get("first_answer_ms") is not None:
                    first_answer.setdefault(language, []).append(turn["first_answer_ms"])
                if turn["paused"]:
                    paused_utterances += 1
                    false_cuts += turn["cut_off"]
                for stage, ms in turn.get("stages", {}).items():
                    stages.setdefault(stage, []).append(ms)
            if outcome.get("barge_in_ms") is not None:
                barge_ms.append(outcome["barge_in_ms"])
            if outcome.get("greeting_first_audio_ms") is not None:
                greetings.append(outcome["greeting_first_audio_ms"])
            errors.extend(outcome.get("errors", []))
    every = [ms for values in first_audio.values() for ms in values]
    return {
        "turns": sum(len(v) for v in first_audio.values()) + without_answer,
        "first_audio_ms": p50_p95(every) if every else None,
        "first_audio_ms_by_language": {k: p50_p95(v) for k, v in sorted(first_audio.items())},
        "first_answer_audio_ms_by_language": {k: p50_p95(v) for k, v in sorted(first_answer.items())},
        "false_cutoff_rate": round(false_cuts / paused_utterances, 3) if paused_utterances else None,
        "utterances_with_pauses": paused_utterances,
        "barge_in_stop_ms": p50_p95(barge_ms) if barge_ms else None,
        "turns_without_answer": without_answer,
        **({"greeting_first_audio_ms": p50_p95(greetings)} if greetings else {}),
        "server_stages_ms": {k: p50_p95(v) for k, v in sorted(stages.items())},
        "each_turn": each,
        "errors": errors,
    }


async def _browser_call(url, language, utterances: list[Speech], barge: Speech, advance) -> dict[str, Any]:
    turns: list[dict[str, Any]] = []
    result: dict[str, Any] = {"turns": turns, "errors": []}
    async with BrowserCaller(url, language=language) as caller:
        for index, speech in enumerate(utterances):
            sent_at = await caller.say(speech.pcm16)
            end = sent_at + speech.speech_end_s
            turn: dict[str, Any] = {"paused": _has_pause(index, language), "first_audio_ms": None,
                                    "cut_off": False, "stages": {}}
            try:
                answered_at, answered = await caller.wait_event(
                    lambda e: e["type"] == "answered", ANSWER_TIMEOUT_S, after=sent_at)
            except TimeoutError as exc:
                result["errors"].append(f"{language} turn {index}: {exc}")
                turns.append(turn)
                advance()
                continue
            first = caller.first_audio_after(sent_at)
            if first is not None:
                turn["first_audio_ms"] = round((first - end) * 1000, 1)
            answer = next((at for at, e in caller.events
                           if at >= sent_at and e["type"] == "sentence" and e["seq"] >= 0), None)
            if answer is not None:
                turn["first_answer_ms"] = round((answer - end) * 1000, 1)
            transcripts = [(at, e) for at, e in caller.events if at >= sent_at and e["type"] == "transcript"]
            turn["cut_off"] = any(at < end for at, _ in transcripts) or len(transcripts) > 1
            if transcripts:
                turn["stages"] = {**transcripts[-1][1].get("timings_ms", {}), **answered.get("timings_ms", {})}
                turn["stages"].pop("speech_s", None)
            turns.append(turn)
            advance()
            if index == 1 and _speaking(caller):
                onset = await caller.say(barge.pcm16)
                try:
                    cleared_at, _ = await caller.wait_event(lambda e: e["type"] == "clear", 10, after=onset)
                    result["barge_in_ms"] = round((cleared_at - onset) * 1000, 1)
                    answered_at, _ = await caller.wait_event(
                        lambda e: e["type"] == "answered", ANSWER_TIMEOUT_S, after=cleared_at)
                except TimeoutError as exc:
                    result["errors"].append(f"{language} barge-in: {exc}")
            try:
                await caller.wait_event(lambda e: e["type"] == "state" and e["state"] == "listening",
                                        ANSWER_TIMEOUT_S, after=answered_at)
            except TimeoutError as exc:
                result["errors"].append(f"{language} turn {index}: {exc}")
    return result


def _speaking(caller: BrowserCaller) -> bool:
    states = [e["state"] for _, e in caller.events if e["type"] == "state"]
    return bool(states) and states[-1] == "speaking"


def _has_pause(index: int, language: str) -> bool:
    return any(isinstance(part, float) for part in UTTERANCES[language][index])


async def _phone_call(url, language, utterances: list[Speech], barge: Speech, advance,
                      carrier_type: type[PhoneCarrier] = PhoneCarrier) -> dict[str, Any]:
    turns: list[dict[str, Any]] = []
    result: dict[str, Any] = {"turns": turns, "errors": []}
    async with carrier_type(url, language=language) as carrier:
        connected = time.monotonic()
        result["greeting_first_audio_ms"] = round(
            (await carrier.wait_greeting(PHONE_QUIET_S, ANSWER_TIMEOUT_S) - connected) * 1000, 1)
        for index, speech in enumerate(utterances):
            sent_at = await (await carrier.say(speech.pcm16))
            end = sent_at + speech.speech_end_s
            turn: dict[str, Any] = {"paused": _has_pause(index, language), "first_audio_ms": None, "cut_off": False}
            deadline = time.monotonic() + ANSWER_TIMEOUT_S
            while carrier.first_audio_after(sent_at) is None and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
            first = carrier.first_audio_after(sent_at)
            if first is not None:
                turn["first_audio_ms"] = round((first - end) * 1000, 1)
                turn["cut_off"] = first < end
            if index == 1 and first is not None:
                await asyncio.sleep(0.3)
                if carrier.playing():
                    cleared_before = len(carrier.cleared)
                    onset = await (await carrier.say(barge.pcm16))
                    deadline = time.monotonic() + 10
                    while not [c for c in carrier.cleared[cleared_before:] if c >= onset] and time.monotonic() < deadline:
                        await asyncio.sleep(0.01)
                    if cleared := [c for c in carrier.cleared[cleared_before:] if c >= onset]:
                        result["barge_in_ms"] = round((cleared[0] - onset) * 1000, 1)
            turns.append(turn)
            advance()
            await carrier.wait_answered(PHONE_QUIET_S, ANSWER_TIMEOUT_S)
    return result


async def _telnyx_call(url, language, utterances: list[Speech], barge: Speech, advance) -> dict[str, Any]:
    return await _phone_call(url, language, utterances, barge, advance, carrier_type=TelnyxCarrier)


CALLS = {"browser": _browser_call, "phone": _phone_call, "telnyx": _telnyx_call}
"""Each path the bench can take: "phone" is Twilio's protocol, "telnyx" Telnyx's (the same call otherwise)."""
