"""The `/ws/voice` protocol around scripted doubles: frame order, interrupts, trust and bad input."""

from __future__ import annotations

import asyncio

import pytest
from starlette.websockets import WebSocketDisconnect

from tests.api.doubles import SCRIPTED_TOKENS, SCRIPTED_TRANSCRIPT, ScriptedAgent
from tests.api.ws_helpers import check_audio_pairs, first_index, frames_until, next_frame, types


def test_spoken_turn_streams_transcript_tool_call_tokens_audio_then_done(scripted_client):
    with scripted_client() as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_json({"type": "start", "session_id": "call-1", "language": "auto"})
        assert next_frame(ws) == {"type": "session", "session_id": "call-1", "customer_id": None}
        ws.send_bytes(b"first chunk ")
        ws.send_bytes(b"second chunk")
        ws.send_json({"type": "end"})
        frames = frames_until(ws, "done", "error")
    assert types(frames)[0] == "transcript" and frames[0]["text"] == SCRIPTED_TRANSCRIPT
    assert first_index(frames, "transcript") < first_index(frames, "tool_call") < first_index(frames, "token") \
        < first_index(frames, "audio") < first_index(frames, "done")
    assert [f["text"] for f in frames if f["type"] == "token"] == list(SCRIPTED_TOKENS)
    assert [f["text"] for f in frames if f["type"] == "audio"] == \
        ["Order 1 has shipped.", "It should arrive on Monday."]
    assert len(check_audio_pairs(frames)) == 2
    done = frames[-1]
    assert done["result"]["session_id"] == "call-1"
    assert done["timings_ms"]["first_audio_ms"] <= done["timings_ms"]["turn_ms"]
    assert {"stt_ms", "agent_ms", "turn_ms"} <= done["timings_ms"].keys()


def test_text_turn_and_speak_off(scripted_client, scripted_agent):
    with scripted_client() as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_json({"type": "start", "speak": False, "language": "es"})
        session = next_frame(ws)
        ws.send_json({"type": "text", "text": "¿Dónde está mi pedido 1?"})
        frames = frames_until(ws, "done", "error")
    assert session["type"] == "session" and len(session["session_id"]) == 32
    assert "audio" not in types(frames) and "transcript" not in types(frames)
    assert frames[-1]["type"] == "done"
    assert scripted_agent.requests[-1].language == "es"
    assert scripted_agent.requests[-1].session_id == session["session_id"]


def test_first_turn_without_start_announces_the_session(scripted_client):
    with scripted_client() as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_json({"type": "text", "text": "hello"})
        frames = frames_until(ws, "done", "error")
    assert frames[0]["type"] == "session" and frames[-1]["type"] == "done"


def test_interrupt_stops_the_turn(make_settings, scripted_voice):
    from fastapi.testclient import TestClient

    from api.app import create_app

    # The first turn is never released: it only ends by the interrupt.
    held_agent = ScriptedAgent(gate=asyncio.Event(), held_turns=1)
    app = create_app(make_settings(), agent=held_agent, voice=scripted_voice)
    with TestClient(app) as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_json({"type": "text", "text": "What is the status of order 1?"})
        assert next_frame(ws)["type"] == "session"
        ws.send_json({"type": "interrupt"})
        assert next_frame(ws) == {"type": "interrupted"}
        assert app.state.services.work.running == 0
        ws.send_json({"type": "text", "text": "still there?"})
        frames = frames_until(ws, "done", "error")
    assert frames[-1]["type"] == "done" and frames[-1]["result"]["text"] == "still there?"
    assert "tool_call" in types(frames)


def test_a_new_question_interrupts_the_running_turn(make_settings, scripted_voice):
    from fastapi.testclient import TestClient

    from api.app import create_app

    held_agent = ScriptedAgent(gate=asyncio.Event(), held_turns=1)
    app = create_app(make_settings(), agent=held_agent, voice=scripted_voice)
    with TestClient(app) as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_json({"type": "text", "text": "first question"})
        assert next_frame(ws)["type"] == "session"
        ws.send_json({"type": "text", "text": "second question"})
        assert next_frame(ws) == {"type": "interrupted"}
        frames = frames_until(ws, "done", "error")
    assert frames[-1]["type"] == "done" and frames[-1]["result"]["text"] == "second question"


@pytest.mark.parametrize(
    ("message", "detail"),
    [
        ("not json", "Messages must be JSON objects with a 'type'."),
        ('{"type": "dance"}', "Unknown message type: expected start, end, text or interrupt."),
        ('[1, 2]', "Unknown message type: expected start, end, text or interrupt."),
        ('{"type": "end"}', "No audio was received before 'end'."),
        ('{"type": "text", "text": 5}', "text: Input should be a valid string"),
        ('{"type": "start", "session_id": "../etc"}', "session_id: String should match pattern '^[A-Za-z0-9_.:-]+$'"),
        ('{"type": "start", "customer_id": "me"}',
         "customer_id: Input should be a valid integer, unable to parse string as an integer"),
    ],
)
def test_bad_messages_get_an_error_and_the_socket_stays_open(scripted_client, message, detail):
    with scripted_client() as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_text(message)
        assert next_frame(ws) == {"type": "error", "detail": detail}
        ws.send_json({"type": "text", "text": "hello"})
        assert frames_until(ws, "done", "error")[-1]["type"] == "done"


def test_an_empty_question_is_an_error_frame(make_settings, scripted_voice):
    from fastapi.testclient import TestClient

    from agent.service import InvalidTurn
    from api.app import create_app

    class ValidatingAgent(ScriptedAgent):
        async def stream_turn(self, request):
            if not request.text.strip():
                raise InvalidTurn("The question is empty.")
            async for event in super().stream_turn(request):
                yield event

    with TestClient(create_app(make_settings(), agent=ValidatingAgent(), voice=scripted_voice)) as client, \
            client.websocket_connect("/ws/voice") as ws:
        ws.send_json({"type": "text", "text": "   "})
        frames = frames_until(ws, "done", "error")
    assert frames[-1] == {"type": "error", "detail": "The question is empty."}


def test_too_much_audio_is_refused_at_end(scripted_client, scripted_voice):
    with scripted_client(max_upload_mb=1) as client, client.websocket_connect("/ws/voice") as ws:
        for _ in range(3):
            ws.send_bytes(b"\0" * 512 * 1024)
        ws.send_json({"type": "end"})
        assert next_frame(ws) == {"type": "error", "detail": "The recording is too large: the limit is 1 MB."}
    assert scripted_voice.heard == []


def test_customer_id_needs_a_key_when_keys_are_configured(scripted_client, scripted_agent):
    with scripted_client(api_keys="s3cret-key") as client:
        with client.websocket_connect("/ws/voice") as ws:
            ws.send_json({"type": "start", "customer_id": 7})
            assert next_frame(ws) == {"type": "error", "detail": "A valid X-API-Key is required to act for a customer."}
            assert next_frame(ws)["customer_id"] is None
        with client.websocket_connect("/ws/voice?api_key=s3cret-key") as ws:
            ws.send_json({"type": "start", "customer_id": 7})
            assert next_frame(ws)["customer_id"] == 7
            ws.send_json({"type": "text", "text": "my orders"})
            frames_until(ws, "done", "error")
    assert scripted_agent.requests[-1].customer_id == 7


def test_an_invalid_key_closes_the_socket(scripted_client):
    with scripted_client(api_keys="s3cret-key") as client, client.websocket_connect("/ws/voice?api_key=nope") as ws:
        assert next_frame(ws) == {"type": "error", "detail": "Invalid API key.", "fatal": True}
        assert next_frame(ws) == {"type": "closed", "code": 1008}


def test_a_foreign_web_page_cannot_open_the_socket(scripted_client):
    with scripted_client() as client:
        with pytest.raises(WebSocketDisconnect) as refused:
            with client.websocket_connect("/ws/voice", headers={"Origin": "https://evil.example"}) as ws:
                ws.receive()
        with client.websocket_connect("/ws/voice", headers={"Origin": "http://testserver"}) as ws:
            ws.send_json({"type": "start"})
            assert next_frame(ws)["type"] == "session"
    assert refused.value.code == 1008


def test_rate_limit_applies_per_turn(scripted_client):
    with scripted_client(rate_limit_per_minute=1) as client, client.websocket_connect("/ws/voice") as ws:
        ws.send_json({"type": "text", "text": "one"})
        assert frames_until(ws, "done", "error")[-1]["type"] == "done"
        ws.send_json({"type": "text", "text": "two"})
        refused = next_frame(ws)
    assert refused["type"] == "error" and refused["detail"].startswith("Too many requests")
    assert refused["retry_after_s"] >= 1
