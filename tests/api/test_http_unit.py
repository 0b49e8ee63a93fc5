"""The HTTP service around scripted doubles: trust, limits, the work queue, errors and degraded components."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security import InsecureBindError
from tests.api.doubles import SCRIPTED_TRANSCRIPT, ScriptedAgent, ScriptedVoice

ORDER_QUESTION = {"text": "What is the status of order 1?", "speak": False}


# --- trust -------------------------------------------------------------------------------------------------------

def test_customer_id_is_honoured_on_loopback_without_keys(scripted_client, scripted_agent):
    with scripted_client() as client:
        reply = client.post("/text-query", json={**ORDER_QUESTION, "customer_id": 7})
    assert reply.status_code == 200
    assert scripted_agent.requests[-1].customer_id == 7


def test_customer_id_without_a_key_is_refused_when_keys_are_configured(scripted_client, scripted_agent):
    with scripted_client(api_keys="s3cret-key") as client:
        reply = client.post("/text-query", json={**ORDER_QUESTION, "customer_id": 7})
    assert reply.status_code == 401
    assert reply.json() == {"detail": "A valid X-API-Key is required to act for a customer."}
    assert scripted_agent.requests == []


def test_anonymous_question_needs_no_key(scripted_client, scripted_agent):
    with scripted_client(api_keys="s3cret-key") as client:
        reply = client.post("/text-query", json=ORDER_QUESTION)
    assert reply.status_code == 200
    assert scripted_agent.requests[-1].customer_id is None


def test_customer_id_is_honoured_with_a_valid_key(scripted_client, scripted_agent):
    with scripted_client(api_keys="other-key,s3cret-key") as client:
        reply = client.post("/text-query", json={**ORDER_QUESTION, "customer_id": 7},
                            headers={"X-API-Key": "s3cret-key"})
    assert reply.status_code == 200
    assert scripted_agent.requests[-1].customer_id == 7


@pytest.mark.parametrize("path", ["/text-query", "/synthesize"])
def test_an_invalid_key_is_refused(scripted_client, path):
    with scripted_client(api_keys="s3cret-key") as client:
        reply = client.post(path, json={"text": "hello"}, headers={"X-API-Key": "wrong"})
    assert reply.status_code == 401
    assert reply.json() == {"detail": "Invalid API key."}


def test_public_server_allowed_without_keys_ignores_customer_id(scripted_client, scripted_agent):
    with scripted_client(api_host="0.0.0.0", allow_public_without_keys=True) as client:
        reply = client.post("/text-query", json={**ORDER_QUESTION, "customer_id": 7})
        info = client.get("/api").json()
    assert reply.status_code == 200
    assert scripted_agent.requests[-1].customer_id is None
    assert info["demo_customer_picker"] is False


def test_public_address_without_keys_refuses_to_start(make_settings, scripted_agent, scripted_voice):
    with pytest.raises(InsecureBindError, match="API_KEYS"):
        create_app(make_settings(api_host="0.0.0.0"), agent=scripted_agent, voice=scripted_voice)


def test_demo_customers_are_hidden_outside_local_mode(scripted_client):
    with scripted_client(api_keys="s3cret-key") as client:
        reply = client.get("/demo/customers", headers={"X-API-Key": "s3cret-key"})
    assert reply.status_code == 404
    assert reply.json() == {"detail": "The demo customer picker is only available in local mode."}


# --- limits ------------------------------------------------------------------------------------------------------

def test_rate_limit_answers_429_with_retry_after(scripted_client):
    with scripted_client(rate_limit_per_minute=2) as client:
        statuses = [client.post("/text-query", json=ORDER_QUESTION) for _ in range(3)]
    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert int(statuses[-1].headers["Retry-After"]) >= 1
    assert statuses[-1].json()["detail"].startswith("Too many requests")


async def test_full_work_queue_answers_503_at_once(make_settings, scripted_voice):
    gate = asyncio.Event()
    slow_agent = ScriptedAgent(gate=gate)
    app = create_app(make_settings(work_concurrency=1, work_queue_size=1), agent=slow_agent, voice=scripted_voice)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            running = asyncio.create_task(client.post("/text-query", json=ORDER_QUESTION))
            await asyncio.wait_for(slow_agent.started.wait(), timeout=30)
            waiting = asyncio.create_task(client.post("/text-query", json=ORDER_QUESTION))
            while app.state.services.work.waiting == 0:
                await asyncio.sleep(0.01)
            # The slow agent is still held at its gate: this answer cannot have waited for it.
            refused = await asyncio.wait_for(client.post("/text-query", json=ORDER_QUESTION), timeout=30)
            assert not gate.is_set() and not running.done()
            gate.set()
            first, second = await running, await waiting
    assert refused.status_code == 503
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.json()["detail"].startswith("The server is busy")
    assert (first.status_code, second.status_code) == (200, 200)


def test_oversized_upload_is_refused_by_content_length(scripted_client, scripted_voice):
    with scripted_client(max_upload_mb=1) as client:
        reply = client.post("/process-voice", files={"audio": ("big.wav", b"\0" * (2 * 1024 * 1024), "audio/wav")})
    assert reply.status_code == 413
    assert reply.json() == {"detail": "The request is too large: the limit is 1 MB."}
    assert scripted_voice.heard == []


def test_oversized_chunked_body_is_refused_while_streaming(scripted_client):
    def chunks():
        for _ in range(40):
            yield b"x" * 64 * 1024

    with scripted_client(max_upload_mb=1) as client:
        reply = client.post("/text-query", content=chunks(), headers={"Content-Type": "application/json"})
    assert reply.status_code == 413
    assert reply.json()["detail"] == "The request is too large: the limit is 1 MB."


# --- answers, audio and errors -----------------------------------------------------------------------------------

def test_text_query_speaks_the_answer_into_the_audio_cache(scripted_client):
    with scripted_client() as client:
        reply = client.post("/text-query", json={"text": "What is the status of order 1?"})
        body = reply.json()
        audio = client.get(body["audio_url"])
        by_id = client.get("/download-audio", params={"id": body["audio_url"].rsplit("/", 1)[1]})
    assert reply.status_code == 200
    assert body["audio_error"] is None
    assert body["tool_calls"] == [{"name": "get_order_status", "args": {"order_id": 1}}]
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/wav"
    assert audio.content[:4] == b"RIFF" and by_id.content == audio.content


def test_process_voice_returns_the_transcription(scripted_client):
    with scripted_client() as client:
        reply = client.post("/process-voice", files={"audio": ("q.wav", b"RIFF-ish", "audio/wav")},
                            data={"speak": "false", "language": "auto"})
    assert reply.status_code == 200
    body = reply.json()
    assert body["transcription"] == {"text": SCRIPTED_TRANSCRIPT, "language": "en", "duration_s": 1.5}
    assert body["text"] == SCRIPTED_TRANSCRIPT and body["audio_url"] is None


def test_unwritable_audio_cache_still_answers_with_a_reason(make_settings, scripted_agent, scripted_voice, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    app = create_app(make_settings(data_dir=blocker), agent=scripted_agent, voice=scripted_voice)
    with TestClient(app) as client:
        reply = client.post("/text-query", json={"text": "What is the status of order 1?"})
    assert reply.status_code == 200
    body = reply.json()
    assert body["response"] and body["audio_url"] is None
    assert "could not store the answer audio" in body["audio_error"]


def test_without_voice_text_answers_work_and_audio_says_why(make_settings, scripted_agent):
    app = create_app(make_settings(), agent=scripted_agent, voice=ScriptedVoice())
    with TestClient(app) as client:
        services = client.app.state.services
        services.voice, services.voice_error = None, "EngineUnavailable: no TTS model"
        reply = client.post("/text-query", json={"text": "What is the status of order 1?"})
        transcribe = client.post("/transcribe", files={"audio": ("q.wav", b"123", "audio/wav")})
        health = client.get("/health")
    assert reply.status_code == 200 and reply.json()["response"]
    assert reply.json()["audio_error"] == "Speech synthesis is not available: EngineUnavailable: no TTS model."
    assert transcribe.status_code == 503
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["components"]["tts"]["status"] == "down"


def test_health_is_503_when_the_assistant_is_missing(make_settings, scripted_voice):
    app = create_app(make_settings(), agent=ScriptedAgent(), voice=scripted_voice)
    with TestClient(app) as client:
        ok = client.get("/health")
        services = client.app.state.services
        services.agent, services.agent_error = None, "LLMUnavailable: model file missing"
        down = client.get("/health")
        turn = client.post("/text-query", json=ORDER_QUESTION)
    assert ok.status_code == 200 and ok.json()["status"] == "ok"
    assert down.status_code == 503 and down.json()["status"] == "down"
    assert down.json()["components"]["llm"]["detail"] == "not loaded: LLMUnavailable: model file missing"
    assert turn.status_code == 503
    assert turn.json()["detail"] == "The assistant is not available: LLMUnavailable: model file missing."


def test_unexpected_errors_become_a_500_without_internals(make_settings, scripted_voice):
    class BrokenAgent(ScriptedAgent):
        async def run_turn(self, request):
            raise KeyError("secret internal state")

    app = create_app(make_settings(), agent=BrokenAgent(), voice=scripted_voice)
    with TestClient(app, raise_server_exceptions=False) as client:
        reply = client.post("/text-query", json=ORDER_QUESTION, headers={"X-Request-ID": "req-123"})
    assert reply.status_code == 500
    assert reply.json() == {"detail": "Internal error", "request_id": "req-123"}
    assert reply.headers["X-Request-ID"] == "req-123"


def test_every_response_carries_a_request_id(scripted_client):
    with scripted_client() as client:
        given = client.get("/api", headers={"X-Request-ID": "abc-1"})
        made = client.get("/api")
        bogus = client.get("/api", headers={"X-Request-ID": "../../etc passwd"})
    assert given.headers["X-Request-ID"] == "abc-1"
    assert len(made.headers["X-Request-ID"]) == 32
    assert bogus.headers["X-Request-ID"] != "../../etc passwd"


def test_metrics_count_requests_and_stage_latencies(scripted_client):
    with scripted_client() as client:
        client.post("/text-query", json={"text": "What is the status of order 1?"})
        metrics = client.get("/metrics").text
    assert 'apitap_requests_total{method="POST",route="/text-query",status="200"} 1.0' in metrics
    assert 'apitap_stage_seconds_count{stage="agent"} 1.0' in metrics
    assert 'apitap_stage_seconds_count{stage="tts"} 1.0' in metrics


def test_cors_is_closed_by_default_and_opens_for_configured_origins(scripted_client):
    preflight = {"Origin": "https://shop.example", "Access-Control-Request-Method": "POST"}
    with scripted_client() as client:
        closed = client.options("/text-query", headers=preflight)
    with scripted_client(cors_origins="https://shop.example") as client:
        opened = client.options("/text-query", headers=preflight)
    assert "access-control-allow-origin" not in closed.headers
    assert opened.headers["access-control-allow-origin"] == "https://shop.example"


# --- languages ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "body"), [
    ("/text-query", {"text": "hi", "language": "fr", "speak": False}),
    ("/synthesize", {"text": "hi", "language": "fr"}),
])
def test_a_language_without_a_catalogue_is_a_422_naming_the_choices(scripted_client, scripted_agent, path, body):
    with scripted_client() as client:
        reply = client.post(path, json=body)
    assert reply.status_code == 422
    choices = "'en', 'es' or 'auto'" if path == "/text-query" else "'en' or 'es'"
    assert reply.json()["detail"] == f"language: Input should be {choices}"
    assert scripted_agent.requests == []


def test_a_language_added_as_a_catalogue_is_accepted_and_listed(scripted_client, scripted_agent, tmp_path):
    from core.i18n import add_catalogue_dir, remove_catalogue_dir

    (tmp_path / "pt.yaml").write_text('fixed:\n  how_can_i_help: "Em que posso ajudar?"\n', encoding="utf-8")
    add_catalogue_dir(tmp_path)
    try:
        with scripted_client() as client:
            reply = client.post("/text-query", json={"text": "Olá", "language": "pt", "speak": False})
            info = client.get("/api").json()
    finally:
        remove_catalogue_dir(tmp_path)
    assert reply.status_code == 200 and scripted_agent.requests[-1].language == "pt"
    assert info["languages"] == ["en", "es", "pt"]
