"""`apitap bench voice-e2e`: spoken questions through `WS /ws/voice`, timed from the end of speech (the `end`
frame) to the first audio byte of the answer and to the end of the turn. Goal: first audio p50 ≤ 2.5 s."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from rich.progress import Progress
from websockets.sync.client import connect

from evals.bench.local_server import serve_locally
from evals.bench.stats import p50_p95

FIRST_AUDIO_GOAL_MS = 2500.0
TURN_TIMEOUT_S = 300.0
# A browser's MediaRecorder delivers a recording in pieces; so does the benchmark.
CHUNK_BYTES = 16 * 1024

QUESTIONS: list[tuple[str, str]] = [
    ("en", "What is the status of my last order?"),
    ("es", "¿Cuál es el estado de mi último pedido?"),
    ("en", "What is your return policy?"),
    ("es", "¿Cuál es su política de devoluciones?"),
    ("en", "Show me my recent orders."),
    ("es", "Muéstrame mis pedidos recientes."),
    ("en", "Where is my order? Can you track it?"),
    ("es", "¿Dónde está mi pedido? ¿Puede rastrearlo?"),
    ("en", "Which payment methods do I have saved?"),
    ("es", "¿Qué métodos de pago tengo guardados?"),
    ("en", "Do you have headphones in stock?"),
    ("es", "¿Tienen auriculares disponibles?"),
    ("en", "Hello, good morning."),
    ("es", "Hola, buenos días."),
    ("en", "Do I have any open support tickets?"),
    ("es", "¿Tengo algún ticket de soporte abierto?"),
    ("en", "How much does shipping cost?"),
    ("es", "¿Cuánto cuesta el envío?"),
    ("en", "Thank you, that is all."),
    ("es", "Muchas gracias, eso es todo."),
]


def _ws_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(("wss" if parts.scheme == "https" else "ws", parts.netloc, "/ws/voice", "", ""))


def _spoken_questions(http: httpx.Client, count: int) -> list[tuple[str, str, bytes]]:
    spoken = []
    for index in range(count):
        language, question = QUESTIONS[index % len(QUESTIONS)]
        reply = http.post("/synthesize", json={"text": question, "language": language})
        reply.raise_for_status()
        spoken.append((language, question, reply.content))
    return spoken


def _demo_customer(http: httpx.Client) -> int | None:
    reply = http.get("/demo/customers")
    return reply.json()[0]["id"] if reply.status_code == 200 and reply.json() else None


def _one_turn(ws_url: str, wav: bytes, customer_id: int | None) -> dict[str, Any]:
    with connect(ws_url, max_size=None, open_timeout=30) as ws:
        ws.send(json.dumps({"type": "start", "customer_id": customer_id, "language": "auto", "speak": True}))
        for offset in range(0, len(wav), CHUNK_BYTES):
            ws.send(wav[offset:offset + CHUNK_BYTES])
        ws.send(json.dumps({"type": "end"}))
        ended = time.perf_counter()
        first_audio_ms: float | None = None
        while True:
            try:
                message = ws.recv(timeout=TURN_TIMEOUT_S)
            except TimeoutError:
                return {"error": f"no answer within {TURN_TIMEOUT_S:.0f} s"}
            if isinstance(message, bytes):
                if first_audio_ms is None:
                    first_audio_ms = (time.perf_counter() - ended) * 1000
                continue
            frame = json.loads(message)
            if frame["type"] == "error":
                return {"error": frame["detail"]}
            if frame["type"] == "done":
                return {
                    "first_audio_ms": first_audio_ms,
                    "turn_ms": (time.perf_counter() - ended) * 1000,
                    "server_timings_ms": frame["timings_ms"],
                    "heard_language": frame["result"]["language"],
                }


def run(url: str | None = None, turns: int = 20, progress: bool = True) -> dict[str, Any]:
    if url is None:
        with serve_locally() as (local_url, _):
            return _measure(local_url, turns, progress)
    return _measure(url.rstrip("/"), turns, progress)


def _measure(url: str, turns: int, progress: bool) -> dict[str, Any]:
    with httpx.Client(base_url=url, timeout=120) as http:
        spoken = _spoken_questions(http, max(turns, 1))
        customer_id = _demo_customer(http)
    ws_url = _ws_url(url)
    # The first turn pays cold caches (prompt prefix, ONNX sessions); it is reported apart.
    warmup = _one_turn(ws_url, spoken[0][2], customer_id)

    first_audio: list[float] = []
    first_audio_by_language: dict[str, list[float]] = {}
    whole_turns: list[float] = []
    server_stages: dict[str, list[float]] = {}
    errors: list[str] = []
    without_audio = 0
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("spoken turns", total=len(spoken))
        for language, question, wav in spoken:
            outcome = _one_turn(ws_url, wav, customer_id)
            bar.advance(task)
            if "error" in outcome:
                errors.append(f"{question!r}: {outcome['error']}")
                continue
            whole_turns.append(outcome["turn_ms"])
            if outcome["first_audio_ms"] is None:
                without_audio += 1
            else:
                first_audio.append(outcome["first_audio_ms"])
                first_audio_by_language.setdefault(language, []).append(outcome["first_audio_ms"])
            for stage, ms in outcome["server_timings_ms"].items():
                server_stages.setdefault(stage, []).append(ms)

    result: dict[str, Any] = {
        "turns": len(whole_turns),
        "first_audio_ms": p50_p95(first_audio) if first_audio else None,
        "turn_ms": p50_p95(whole_turns) if whole_turns else None,
        "first_audio_ms_by_language": {lang: p50_p95(v) for lang, v in sorted(first_audio_by_language.items())},
        "server_stages_ms": {stage: p50_p95(values) for stage, values in sorted(server_stages.items())},
        "warmup_turn_ms": round(warmup.get("turn_ms", 0.0), 1),
        "turns_without_audio": without_audio,
        "errors": errors,
        "goal_first_audio_p50_ms": FIRST_AUDIO_GOAL_MS,
    }
    result["meets_goal"] = bool(first_audio) and result["first_audio_ms"]["p50"] <= FIRST_AUDIO_GOAL_MS
    return result
