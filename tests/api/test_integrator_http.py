"""What an integrator meets over HTTP: timings, the answer before its audio, the SSE stream, a checked customer id,
415 for bodies that are not JSON, HEAD /, route labels in /metrics, security headers, and an overloaded LLM
reported as such. The real app around scripted doubles (the models are not what these tests are about)."""

from __future__ import annotations

import json
import threading

import pytest
from fastapi.testclient import TestClient
from langchain_core.messages import AIMessage

from agent.llm import LLMUnavailable
from agent.service import AgentService
from api.app import create_app
from api.middleware import DOCS_CSP, NOT_JSON_DETAIL, PAGE_CSP
from api.routers.turns import unknown_customer_detail
from tests.agent.scripted_model import ScriptedChatModel
from tests.api.conftest import LOOPBACK_CLIENT
from tests.api.doubles import UNKNOWN_CUSTOMER_ID, ScriptedVoice, SilentTTS
from voice.interfaces import SynthesizedAudio

QUESTION = {"text": "What is the status of order 1?"}
WAV = {"audio": ("question.wav", b"RIFF-not-really-audio", "audio/wav")}


class GatedTTS(SilentTTS):
    """Speaks only once `gate` is set: the answer's audio is still being made while the test looks."""

    def __init__(self) -> None:
        self.gate = threading.Event()

    def synthesize(self, text: str, language: str, voice: str | None = None) -> SynthesizedAudio:
        assert self.gate.wait(timeout=60), "the test never let the speech through"
        return super().synthesize(text, language, voice)


class BrokenTTS(SilentTTS):
    def synthesize(self, text: str, language: str, voice: str | None = None) -> SynthesizedAudio:
        raise RuntimeError("the engine fell over")


def sse_events(body: str) -> list[tuple[str, dict]]:
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
        if "event" in fields:
            events.append((fields["event"], json.loads(fields["data"])))
    return events


# --- timings and audio -------------------------------------------------------------------------------------------

def test_text_query_answers_before_its_audio_which_follows_at_audio_url(scripted_client, scripted_voice):
    gated = GatedTTS()
    scripted_voice.tts = gated
    with scripted_client() as client:
        reply = client.post("/text-query", json=QUESTION)
        assert reply.status_code == 200
        assert not gated.gate.is_set(), "the text came back while its audio was still being made"
        body = reply.json()
        threading.Timer(0.2, gated.gate.set).start()
        audio = client.get(body["audio_url"])
    assert body["audio_url"].startswith("/audio/") and body["audio_error"] is None
    assert {"queue", "request"} <= set(body["timings_ms"])
    assert "tts_total" not in body["timings_ms"]
    assert audio.status_code == 200
    assert audio.headers["content-type"] == "audio/wav"
    assert audio.content[:4] == b"RIFF"


def test_wait_for_audio_returns_with_the_audio_made_and_its_timing(scripted_client):
    with scripted_client() as client:
        body = client.post("/text-query", json={**QUESTION, "wait_for_audio": True}).json()
        audio = client.get(body["audio_url"])
    assert body["timings_ms"]["tts_total"] >= 0
    assert audio.status_code == 200


def test_audio_that_cannot_be_made_is_a_clear_error_at_audio_url(scripted_client, scripted_voice):
    scripted_voice.tts = BrokenTTS()
    with scripted_client() as client:
        body = client.post("/text-query", json=QUESTION).json()
        audio = client.get(body["audio_url"])
        waited = client.post("/text-query", json={**QUESTION, "wait_for_audio": True}).json()
    assert audio.status_code == 503
    assert audio.json() == {"detail": "The spoken answer could not be made: Speech synthesis failed."}
    assert waited["audio_url"] is None and waited["audio_error"] == "Speech synthesis failed."


def test_process_voice_times_speech_to_text(scripted_client):
    with scripted_client() as client:
        reply = client.post("/process-voice", files=WAV, data={"speak": "false"})
    assert reply.status_code == 200
    timings = reply.json()["timings_ms"]
    assert {"queue", "stt", "request"} <= set(timings)
    assert timings["stt"] <= timings["request"]


def test_the_stream_sends_tokens_then_the_turn_then_its_audio(scripted_client):
    with scripted_client() as client:
        reply = client.post("/text-query/stream", json=QUESTION)
        events = sse_events(reply.text)
        audio_url = events[-1][1]["audio_url"]
        audio = client.get(audio_url)
        work = client.app.state.services.work
        slots_in_use = (work.running, work.waiting)
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/event-stream")
    kinds = [kind for kind, _ in events]
    assert kinds == ["tool_call", "token", "token", "token", "done", "audio"]
    tokens = "".join(data["text"] for kind, data in events if kind == "token")
    done = events[kinds.index("done")][1]
    assert done["response"] == tokens
    assert done["audio_url"] == audio_url
    assert events[-1][1]["audio_error"] is None and events[-1][1]["timings_ms"]["tts_total"] >= 0
    assert audio.status_code == 200
    assert slots_in_use == (0, 0), "the stream gave its worker back"


def test_the_stream_refuses_like_text_query_before_any_event(scripted_client):
    with scripted_client() as client:
        reply = client.post("/text-query/stream", json={**QUESTION, "customer_id": UNKNOWN_CUSTOMER_ID})
    assert reply.status_code == 404
    assert reply.json() == {"detail": unknown_customer_detail(UNKNOWN_CUSTOMER_ID)}


# --- a trusted customer id is checked ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/text-query", "/process-voice"])
def test_a_trusted_customer_id_that_does_not_exist_is_404(scripted_client, scripted_agent, path):
    with scripted_client() as client:
        if path == "/text-query":
            reply = client.post(path, json={**QUESTION, "customer_id": UNKNOWN_CUSTOMER_ID})
        else:
            reply = client.post(path, files=WAV, data={"customer_id": str(UNKNOWN_CUSTOMER_ID)})
    assert reply.status_code == 404
    assert reply.json() == {
        "detail": "Customer 999999 does not exist: send the id of an existing customer, or none to ask anonymously."
    }
    assert scripted_agent.requests == []


def test_the_websocket_refuses_an_unknown_trusted_customer(scripted_client, scripted_agent):
    with scripted_client() as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_json({"type": "start", "customer_id": UNKNOWN_CUSTOMER_ID})
        refused = ws.receive_json()
        session = ws.receive_json()
        ws.send_json({"type": "start", "customer_id": 7})
        accepted = ws.receive_json()
    assert refused == {"type": "error", "detail": unknown_customer_detail(UNKNOWN_CUSTOMER_ID), "status": 404}
    assert session["type"] == "session" and session["customer_id"] is None
    assert accepted["type"] == "session" and accepted["customer_id"] == 7


# --- small ones ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["form", "text", "none"])
def test_a_body_that_is_not_json_is_415(scripted_client, scripted_agent, kind):
    with scripted_client() as client:
        if kind == "form":
            reply = client.post("/text-query", data={"text": "hello"})
        elif kind == "text":
            reply = client.post("/text-query", content=b'{"text": "hello"}', headers={"Content-Type": "text/plain"})
        else:
            reply = client.post("/text-query", content=b'{"text": "hello"}')
        metrics = client.get("/metrics").text
    assert reply.status_code == 415
    assert reply.json() == {"detail": NOT_JSON_DETAIL}
    assert scripted_agent.requests == []
    assert 'apitap_requests_total{method="POST",route="/text-query",status="415"} 1.0' in metrics


def test_json_with_a_charset_and_multipart_uploads_are_accepted(scripted_client):
    with scripted_client() as client:
        typed = client.post("/text-query", content=json.dumps({**QUESTION, "speak": False}).encode(),
                            headers={"Content-Type": "application/json; charset=utf-8"})
        spoken = client.post("/process-voice", files=WAV, data={"speak": "false"})
    assert typed.status_code == 200
    assert spoken.status_code == 200


def test_head_of_the_page_is_200_without_a_body(scripted_client):
    with scripted_client() as client:
        reply = client.head("/")
    assert reply.status_code == 200
    assert reply.content == b""


def test_metrics_label_every_route_by_its_template(scripted_client):
    with scripted_client() as client:
        client.get("/audio/" + "a" * 32)
        client.get("/static/app.css")
        client.get("/docs-assets/swagger-ui.css")
        client.get("/no/such/page")
        with client.websocket_connect("/ws/voice") as ws:
            ws.send_json({"type": "start"})
            ws.receive_json()
        metrics = client.get("/metrics").text
    assert 'route="/audio/{audio_id}",status="404"' in metrics
    assert 'route="/static/{path}"' in metrics
    assert 'route="/docs-assets/{path}",status="200"' in metrics
    assert 'route="unmatched",status="404"' in metrics
    assert 'method="WEBSOCKET",route="/ws/voice",status="101"' in metrics
    assert "a" * 32 not in metrics and "/no/such/page" not in metrics


@pytest.mark.parametrize(("path", "policy"), [("/", PAGE_CSP), ("/health", PAGE_CSP), ("/docs", DOCS_CSP),
                                              ("/redoc", DOCS_CSP)])
def test_security_headers(scripted_client, path, policy):
    with scripted_client() as client:
        headers = client.get(path).headers
    assert headers["content-security-policy"] == policy
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


def test_only_the_docs_pages_allow_inline_styles():
    assert "'unsafe-inline'" not in PAGE_CSP
    assert "style-src 'self' 'unsafe-inline'" in DOCS_CSP
    assert "'unsafe-inline'" not in DOCS_CSP.split("script-src")[1].split(";")[0]


def test_docs_pages_load_nothing_from_another_origin(scripted_client):
    with scripted_client() as client:
        pages = {path: client.get(path).text for path in ("/docs", "/redoc")}
        assets = [client.get(f"/docs-assets/{name}") for name in
                  ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js")]
        init = client.get("/docs/init.js")
    for html in pages.values():
        assert "http://" not in html and "https://" not in html
        assert "<script>" not in html, "an inline script would need the CSP opened"
    assert all(asset.status_code == 200 for asset in assets)
    assert init.status_code == 200 and "SwaggerUIBundle" in init.text


# --- an overloaded LLM -------------------------------------------------------------------------------------------

def test_an_overloaded_llm_is_flagged_in_the_turn_health_and_metrics(make_settings, demo_sqlite_url,
                                                                     demo_sqlite_engine):
    def overloaded(messages, kwargs):
        raise LLMUnavailable("the embedded model is overloaded: busy with other callers for 60 s")

    settings = make_settings(database_url=demo_sqlite_url, agent_answers="model")
    model = ScriptedChatModel(replies=[overloaded, AIMessage("Hello! How can I help you?")])
    agent = AgentService.from_settings(settings, chat_model=model, db=demo_sqlite_engine)
    with TestClient(create_app(settings, agent=agent, voice=ScriptedVoice()), client=LOOPBACK_CLIENT) as client:
        failed = client.post("/text-query", json={"text": "Hello", "speak": False}).json()
        health = client.get("/health").json()
        metrics_while_down = client.get("/metrics").text
        answered = client.post("/text-query", json={"text": "Hello", "speak": False}).json()
        metrics_after = client.get("/metrics").text
    assert failed["error"] == "llm_unavailable"
    assert health["components"]["llm"]["status"] == "degraded"
    assert "overloaded" in health["components"]["llm"]["detail"]
    assert 'apitap_errors_total{kind="llm_unavailable"} 1.0' in metrics_while_down
    assert "apitap_llm_available 0.0" in metrics_while_down
    assert answered["error"] is None
    assert "apitap_llm_available 1.0" in metrics_after

