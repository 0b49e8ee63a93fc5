"""OpenTelemetry: spans for HTTP, speech to text, each graph node, each model call and speech synthesis, recorded
by an in-memory exporter; off by default; exported over OTLP/HTTP to the configured collector (a real HTTP server
on loopback standing in for it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from fastapi.testclient import TestClient
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from agent.graph import builder
from agent.service import AgentService
from api.app import create_app
from core import tracing
from tests.agent.scripted_model import ScriptedChatModel, tool_call
from tests.api.conftest import LOOPBACK_CLIENT
from tests.api.doubles import ScriptedVoice

WAV = {"audio": ("question.wav", b"RIFF-not-really-audio", "audio/wav")}


@pytest.fixture(autouse=True)
def tracing_off_afterwards() -> Iterator[None]:
    yield
    tracing.reset()


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
def provider(exporter) -> TracerProvider:
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider


def order_agent(settings, demo_sqlite_engine) -> AgentService:
    model = ScriptedChatModel(replies=[tool_call("get_order_status", order_id=1)])
    return AgentService.from_settings(settings, chat_model=model, db=demo_sqlite_engine)


def test_a_voice_turn_is_traced_from_http_to_speech(make_settings, demo_sqlite_url, demo_sqlite_engine, provider,
                                                    exporter):
    settings = make_settings(database_url=demo_sqlite_url)
    agent = order_agent(settings, demo_sqlite_engine)
    app = create_app(settings, agent=agent, voice=ScriptedVoice(), tracer_provider=provider)
    with TestClient(app, client=LOOPBACK_CLIENT) as client:
        reply = client.post("/process-voice", files=WAV, data={"customer_id": "1", "wait_for_audio": "true"})
    assert reply.status_code == 200, reply.text
    finished = exporter.get_finished_spans()
    spans = {span.name: span for span in finished}
    assert {"POST /process-voice", "voice.stt", "agent.turn", "agent.llm", "agent.node run_tools",
            "agent.node respond", "voice.tts"} <= set(spans)
    node_spans = [span for span in finished if span.name.startswith("agent.node ")]
    assert {span.name for span in node_spans} <= {f"agent.node {name}" for name in builder.nodes}

    http = spans["POST /process-voice"]
    turn = spans["agent.turn"]
    assert spans["voice.stt"].parent.span_id == http.context.span_id
    assert turn.parent.span_id == http.context.span_id
    assert all(span.parent.span_id == turn.context.span_id for span in node_spans)
    llm_parent = spans["agent.llm"].parent.span_id
    assert llm_parent in {span.context.span_id for span in node_spans}, "a model call belongs to its node"
    assert {span.context.trace_id for span in finished} == {http.context.trace_id}
    assert turn.attributes["language"] == "en"
    tool_spans = [span for span in finished if span.name.startswith("agent.tool ")]
    within = {turn.context.span_id} | {s.context.span_id for s in node_spans}
    assert [span.name for span in tool_spans] == ["agent.tool get_order_status"]
    assert all(span.parent.span_id in within for span in tool_spans), "a tool call belongs to its turn"


def test_nothing_is_recorded_when_tracing_is_not_configured(make_settings, demo_sqlite_url, demo_sqlite_engine):
    settings = make_settings(database_url=demo_sqlite_url)
    app = create_app(settings, agent=order_agent(settings, demo_sqlite_engine), voice=ScriptedVoice())
    with TestClient(app, client=LOOPBACK_CLIENT) as client:
        reply = client.post("/text-query", json={"text": "Status of order 1?", "customer_id": 1, "speak": False})
    assert reply.status_code == 200
    assert tracing.enabled() is False
    with tracing.span("voice.tts") as span:
        assert span is None


class CollectorHandler(BaseHTTPRequestHandler):
    received: list[tuple[str, str, int]] = []

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("content-length", "0"))
        self.rfile.read(length)
        CollectorHandler.received.append((self.path, self.headers.get("content-type", ""), length))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_spans_go_over_otlp_http_to_the_configured_collector(make_settings, demo_sqlite_url, demo_sqlite_engine):
    collector = HTTPServer(("127.0.0.1", 0), CollectorHandler)
    threading.Thread(target=collector.serve_forever, daemon=True).start()
    CollectorHandler.received.clear()
    try:
        settings = make_settings(database_url=demo_sqlite_url,
                                 otel_exporter_otlp_endpoint=f"http://127.0.0.1:{collector.server_port}")
        app = create_app(settings, agent=order_agent(settings, demo_sqlite_engine), voice=ScriptedVoice())
        with TestClient(app, client=LOOPBACK_CLIENT) as client:
            client.post("/text-query", json={"text": "Status of order 1?", "customer_id": 1, "speak": False})
        provider = tracing.provider()
        assert provider is not None
        assert provider.force_flush(timeout_millis=10_000)
    finally:
        collector.shutdown()
    assert CollectorHandler.received, "no spans reached the collector"
    path, content_type, length = CollectorHandler.received[0]
    assert path == "/v1/traces"
    assert content_type == "application/x-protobuf"
    assert length > 0
