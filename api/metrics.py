"""Prometheus metrics of the HTTP/WebSocket service, one registry per app so several apps can live in one process."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

# Spoken turns take seconds on a CPU: buckets reach well past the 2.5 s goal so a regression stays visible.
_LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 7.5, 10.0, 15.0, 30.0, 60.0)

STAGES = ("stt", "agent", "tts", "first_audio", "turn")


class ServiceMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "apitap_requests", "HTTP requests and WebSocket turns handled.", ("route", "method", "status"),
            registry=self.registry,
        )
        self.errors = Counter(
            "apitap_errors", "Requests that ended in an error, by kind.", ("kind",), registry=self.registry
        )
        self.stage_seconds = Histogram(
            "apitap_stage_seconds", "Latency of each pipeline stage.", ("stage",),
            buckets=_LATENCY_BUCKETS, registry=self.registry,
        )
        self.llm_available = Gauge(
            "apitap_llm_available", "1 while turns reach the LLM; 0 after a turn found it overloaded, timed out or "
            "unreachable (see apitap_errors{kind=\"llm_unavailable\"}).", registry=self.registry,
        )
        self.llm_available.set(1)
        self.rejected = Counter(
            "apitap_rejected", "Requests refused before any work (rate limit, full queue, size).", ("reason",),
            registry=self.registry,
        )

    def observe_ms(self, stage: str, milliseconds: float) -> None:
        self.stage_seconds.labels(stage=stage).observe(milliseconds / 1000)

    def render(self) -> bytes:
        return generate_latest(self.registry)
