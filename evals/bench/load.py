"""`apitap bench load`: mixed typed and spoken turns from N concurrent callers against the API, on loopback only.

Every caller loops until the duration is up: three typed questions (`/text-query`) for each spoken one
(`/process-voice` with a WAV synthesised once at the start). Admitted work is waited for; refused work is counted:
503 (work queue full, with Retry-After — the refusal itself is timed, goal ≤ 100 ms at p95) and 429 (rate limit).
With no `--url` the benchmark starts its own server (uvicorn on a free loopback port, the configured settings, the
rate limit lifted so one client can saturate it) and reports that process's resident memory at the start and the
end; a soak is the same with `--duration 600`.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from rich.progress import Progress

from evals.bench.local_server import ServerStartError, serve_locally
from evals.bench.stats import percentile

REJECT_GOAL_MS = 100.0
REQUEST_TIMEOUT_S = 300.0
"""Admitted work is waited for: one CPU turn can queue behind WORK_QUEUE_SIZE others."""
BACKOFF_AFTER_REFUSAL_S = 0.2
"""Callers retry soon after a refusal (not after the whole Retry-After) to keep the server saturated."""
MAX_REQUESTS_PER_CALLER_PER_S = 20
"""A bound on the request count: even a server answering everything at once is not flooded past this."""
VOICE_EVERY = 4

TEXT_QUESTIONS = (
    ("en", "What is your return policy?"),
    ("es", "¿Cuál es su política de devoluciones?"),
    ("en", "Do you have headphones in stock?"),
    ("es", "¿Cuánto cuesta el envío?"),
    ("en", "Hello, good morning."),
    ("es", "¿Tengo algún ticket de soporte abierto?"),
)
SPOKEN_QUESTION = ("en", "What is the status of my last order?")


class LoadBenchError(RuntimeError):
    """The benchmark cannot run (a non-loopback URL, a server that does not start); the message says why."""


@dataclass
class Tally:
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: {"text": [], "voice": []})
    queue_waits_ms: list[float] = field(default_factory=list)
    reject_ms: list[float] = field(default_factory=list)
    rate_limited: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    missing_retry_after: int = 0

    @property
    def requests(self) -> int:
        done = sum(len(values) for values in self.latencies_ms.values())
        return done + len(self.reject_ms) + self.rate_limited + self.errors

    def error(self, what: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what[:200])


def run(concurrency: int, duration: float, url: str | None = None, progress: bool = True) -> dict[str, Any]:
    if url is not None:
        _require_loopback(url)
        return asyncio.run(_drive(url, concurrency, duration, progress, server_pid=None))
    with _own_server() as (own_url, pid):
        return asyncio.run(_drive(own_url, concurrency, duration, progress, server_pid=pid))


def _require_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise LoadBenchError(f"the load benchmark only targets loopback servers, not {host or url!r}")


@contextmanager
def _own_server() -> Iterator[tuple[str, int]]:
    from core.settings import get_settings

    settings = get_settings()
    with tempfile.TemporaryDirectory(prefix="apitap-load-") as scratch:
        env = {
            "DATABASE_URL": settings.effective_database_url,
            "CHECKPOINTER": "sqlite",
            "CHECKPOINT_URL": str(Path(scratch) / "checkpoints.sqlite"),
            "DATA_DIR": scratch,
            "RATE_LIMIT_PER_MINUTE": "1000000",
            "LOG_LEVEL": "WARNING",
        }
        try:
            with serve_locally(env, ["--no-access-log"]) as (url, pid):
                yield url, pid
        except ServerStartError as exc:
            raise LoadBenchError(str(exc)) from None


def _rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


async def _drive(url: str, concurrency: int, duration: float, progress: bool, server_pid: int | None) -> dict:
    limits = httpx.Limits(max_connections=concurrency + 2, max_keepalive_connections=concurrency + 2)
    async with httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT_S, limits=limits) as http:
        wav = await _spoken_question(http)
        customer_id = await _demo_customer(http)
        # One warm-up turn so the start memory is that of a serving process, not of one still loading lazily.
        await http.post("/text-query", json={"text": "Hello", "speak": False})
        memory_start = _rss_mb(server_pid)
        tally = Tally()
        started = time.monotonic()
        deadline = started + duration
        max_per_caller = max(1, int(duration * MAX_REQUESTS_PER_CALLER_PER_S))
        callers = [_caller(http, index, deadline, max_per_caller, wav, customer_id, tally)
                   for index in range(concurrency)]
        memory_samples: list[float] = []
        sampler = asyncio.create_task(_sample_memory(server_pid, memory_samples, min(30.0, duration / 4)))
        try:
            if progress:
                with Progress(transient=True) as bar:
                    task = bar.add_task("load", total=duration)
                    watcher = asyncio.create_task(_advance(bar, task, started, duration, tally))
                    await asyncio.gather(*callers)
                    watcher.cancel()
            else:
                await asyncio.gather(*callers)
        finally:
            sampler.cancel()
        elapsed = time.monotonic() - started
    memory = {"start": memory_start, "end": _rss_mb(server_pid), "samples": memory_samples}
    return _report(tally, concurrency, duration, elapsed, wav is not None, memory)


async def _sample_memory(pid: int | None, samples: list[float], every_s: float) -> None:
    """The server's resident memory every `every_s` seconds: a soak shows whether it levels off or keeps growing."""
    while True:
        await asyncio.sleep(every_s)
        if (rss := _rss_mb(pid)) is not None:
            samples.append(rss)


async def _advance(bar: Progress, task: Any, started: float, duration: float, tally: Tally) -> None:
    while True:
        bar.update(task, completed=min(duration, time.monotonic() - started),
                   description=f"load: {tally.requests} requests")
        await asyncio.sleep(0.5)


async def _spoken_question(http: httpx.AsyncClient) -> bytes | None:
    language, text = SPOKEN_QUESTION
    reply = await http.post("/synthesize", json={"text": text, "language": language})
    return reply.content if reply.status_code == 200 else None


async def _demo_customer(http: httpx.AsyncClient) -> int | None:
    reply = await http.get("/demo/customers")
    return reply.json()[0]["id"] if reply.status_code == 200 and reply.json() else None


async def _caller(http: httpx.AsyncClient, index: int, deadline: float, max_requests: int, wav: bytes | None,
                  customer_id: int | None, tally: Tally) -> None:
    questions = itertools.cycle(TEXT_QUESTIONS[index % len(TEXT_QUESTIONS):] + TEXT_QUESTIONS)
    session = f"load-{index}-{os.getpid()}"
    for sent in range(max_requests):
        if time.monotonic() >= deadline:
            return
        spoken = wav is not None and sent % VOICE_EVERY == VOICE_EVERY - 1
        began = time.perf_counter()
        try:
            if spoken:
                form = {"session_id": session, "speak": "false"}
                if customer_id is not None:
                    form["customer_id"] = str(customer_id)
                reply = await http.post("/process-voice", data=form, files={"audio": ("q.wav", wav, "audio/wav")})
            else:
                language, text = next(questions)
                body = {"text": text, "language": language, "session_id": session, "speak": False}
                if customer_id is not None:
                    body["customer_id"] = customer_id
                reply = await http.post("/text-query", json=body)
        except httpx.HTTPError as exc:
            tally.error(f"{type(exc).__name__}: {exc}")
            continue
        took_ms = (time.perf_counter() - began) * 1000
        if reply.status_code == 200:
            tally.latencies_ms["voice" if spoken else "text"].append(took_ms)
            if not spoken:
                agent_ms = reply.json().get("timings_ms", {}).get("total")
                if agent_ms is not None:
                    tally.queue_waits_ms.append(max(0.0, took_ms - agent_ms))
        elif reply.status_code == 503 and "Retry-After" in reply.headers:
            tally.reject_ms.append(took_ms)
            await asyncio.sleep(BACKOFF_AFTER_REFUSAL_S)
        elif reply.status_code == 429:
            tally.rate_limited += 1
            await asyncio.sleep(BACKOFF_AFTER_REFUSAL_S)
        else:
            if reply.status_code == 503:
                tally.missing_retry_after += 1
            tally.error(f"{reply.status_code}: {reply.text[:160]}")


def _triple(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "p99": None}
    return {"p50": percentile(values, 50), "p95": percentile(values, 95), "p99": percentile(values, 99)}


def _report(tally: Tally, concurrency: int, duration: float, elapsed: float, with_voice: bool,
            memory: dict[str, Any]) -> dict[str, Any]:
    """`memory`: {"start", "end", "samples"} in MB; the report adds the peak and the growth over the second half of
    the samples (a process that levels off grows little there, one that leaks keeps growing)."""
    completed = tally.latencies_ms["text"] + tally.latencies_ms["voice"]
    reject_p95 = percentile(tally.reject_ms, 95) if tally.reject_ms else None
    return {
        "concurrency": concurrency,
        "duration_s": duration,
        "elapsed_s": round(elapsed, 1),
        "requests": tally.requests,
        "completed": len(completed),
        "errors": tally.errors,
        "rejected_503": len(tally.reject_ms),
        "rejected_503_without_retry_after": tally.missing_retry_after,
        "rate_limited_429": tally.rate_limited,
        "throughput_rps": round(len(completed) / elapsed, 3) if elapsed > 0 else 0.0,
        "latency_ms": _triple(completed),
        "latency_ms_by_kind": {kind: _triple(values) | {"count": len(values)}
                               for kind, values in tally.latencies_ms.items()},
        "queue_wait_ms": _triple(tally.queue_waits_ms),
        "reject_ms": {"p95": reject_p95},
        "reject_within_goal": None if reject_p95 is None else reject_p95 <= REJECT_GOAL_MS,
        "voice_traffic": with_voice,
        "memory_mb": _memory_summary(memory),
        "error_samples": tally.error_samples,
    }


def _memory_summary(memory: dict[str, Any]) -> dict[str, Any]:
    samples = [v for v in memory.get("samples", []) if v is not None]
    known = [v for v in (memory.get("start"), *samples, memory.get("end")) if v is not None]
    half = samples[len(samples) // 2] if samples else None
    end = memory.get("end")
    return {
        "start": memory.get("start"),
        "end": end,
        "peak": max(known) if known else None,
        "second_half_growth": None if half is None or end is None else round(end - half, 1),
        "samples": samples,
    }
