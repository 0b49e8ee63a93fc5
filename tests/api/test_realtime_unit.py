"""Hands-free browser socket and phone stream, unit level (scripted agent and voice, real pipecat VAD on silence):
bad input gets a clear error or a clean hang-up, limits refuse with 503, the Twilio webhook and keypad entry."""

from __future__ import annotations

import base64
import json

import pytest
from starlette.testclient import WebSocketDenialResponse
from starlette.websockets import WebSocketDisconnect

from api.routers.twilio import twilio_signature

FRAME = b"\x00\x00" * 320  # 20 ms of silence at 16 kHz
ULAW_FRAME = base64.b64encode(b"\xff" * 160).decode()  # 20 ms of μ-law silence at 8 kHz


def start(**extra) -> str:
    return json.dumps({"type": "start", "sample_rate": 16000, "language": "en", **extra})


def closed_with(ws) -> tuple[int, dict | None]:
    """Read until the server closes; return the close code and the last JSON error seen."""
    error = None
    while True:
        try:
            message = ws.receive()
        except WebSocketDisconnect as exc:
            return exc.code, error
        if message["type"] == "websocket.close":
            return message["code"], error
        if message.get("text"):
            event = json.loads(message["text"])
            if event.get("type") == "error":
                error = event


def hang_up(ws) -> None:
    ws.send_text(json.dumps({"type": "stop"}))
    while ws.receive_json()["type"] != "bye":
        pass


# --- browser -------------------------------------------------------------------------------------------------

def test_wrong_sample_rate_is_refused_with_the_reason(scripted_client):
    with scripted_client() as client, client.websocket_connect("/ws/realtime") as ws:
        ws.send_text(json.dumps({"type": "start", "sample_rate": 48000}))
        code, error = closed_with(ws)
    assert code == 1003
    assert error["detail"] == "sample_rate must be 16000 (16-bit mono PCM at 16 kHz), not 48000."


def test_a_session_that_cannot_start_says_why_and_closes(scripted_client, monkeypatch):
    def broken(services):
        raise RuntimeError("the model cache is unreadable")

    monkeypatch.setattr("api.routers.realtime_ws.sentence_completeness", broken)
    with scripted_client() as client, client.websocket_connect("/ws/realtime") as ws:
        ws.send_text(start())
        code, error = closed_with(ws)
    assert code == 1011
    assert error["detail"] == "The hands-free session could not start (internal error): try again later."


def test_first_message_must_be_the_start_json(scripted_client):
    with scripted_client() as client, client.websocket_connect("/ws/realtime") as ws:
        ws.send_bytes(FRAME)
        code, error = closed_with(ws)
    assert code == 1008
    assert error["detail"] == "The first message must be the JSON 'start' message."


@pytest.mark.parametrize("frame", [b"\x00\x00\x00", b"\x00\x00" * 20_000], ids=["odd-length", "over-0.5s"])
def test_garbage_frames_end_the_session_with_the_reason(scripted_client, frame):
    with scripted_client() as client, client.websocket_connect("/ws/realtime") as ws:
        ws.send_text(start())
        assert ws.receive_json()["type"] in ("state", "ready")
        ws.send_bytes(frame)
        code, error = closed_with(ws)
    assert code == 1003
    assert error["detail"].startswith("Audio frames must be 16-bit PCM")


def test_audio_faster_than_real_time_is_refused(scripted_client):
    with scripted_client() as client, client.websocket_connect("/ws/realtime") as ws:
        ws.send_text(start())
        for _ in range(8):  # 4 s of audio at once
            ws.send_bytes(b"\x00\x00" * 8000)
        code, error = closed_with(ws)
    assert code == 1008
    assert error["detail"] == "Audio is arriving faster than real time: stream it as it is recorded."


def test_silence_is_not_a_turn_and_stop_says_bye(scripted_client, scripted_agent):
    with scripted_client() as client, client.websocket_connect("/ws/realtime") as ws:
        ws.send_text(start())
        for _ in range(50):
            ws.send_bytes(FRAME)
        ws.send_text(json.dumps({"type": "nonsense"}))
        events = []
        while (event := ws.receive_json())["type"] != "error":
            events.append(event)
        ws.send_text(json.dumps({"type": "stop"}))
        while (event := ws.receive_json())["type"] != "bye":
            events.append(event)
    assert not [e for e in events if e["type"] in ("transcript", "partial", "sentence")]
    assert scripted_agent.requests == []


def test_sessions_beyond_the_limit_get_503(scripted_client):
    with scripted_client(realtime_max_sessions=1) as client, client.websocket_connect("/ws/realtime") as first:
        first.send_text(start())
        with pytest.raises(WebSocketDenialResponse) as refused:
            with client.websocket_connect("/ws/realtime"):
                pass
        assert refused.value.status_code == 503
        assert refused.value.json()["detail"] == "All hands-free lines are busy: try again in a minute."
        assert refused.value.headers["retry-after"] == "60"
        hang_up(first)


# --- phone -----------------------------------------------------------------------------------------------------

def webhook(client, call_sid="CA123", **query) -> str:
    reply = client.post("/twilio/voice", params=query, data={"CallSid": call_sid, "From": "+15550100"})
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("text/xml")
    return reply.text


def stream_start(twiml: str, call_sid="CA123", encoding="audio/x-mulaw") -> str:
    import re

    parameters = dict(re.findall(r'<Parameter name="([^"]+)" value="([^"]*)"/>', twiml))
    return json.dumps({"event": "start", "streamSid": "MZ1", "start": {
        "streamSid": "MZ1", "callSid": call_sid, "customParameters": parameters,
        "mediaFormat": {"encoding": encoding, "sampleRate": 8000, "channels": 1}}})


def test_webhook_answers_twiml_that_connects_the_stream(scripted_client):
    with scripted_client() as client:
        twiml = webhook(client, language="es")
    assert twiml.startswith('<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="ws://testserver/twilio/stream">')
    assert '<Parameter name="language" value="es"/>' in twiml
    assert '<Parameter name="token" value="' in twiml


def test_webhook_checks_twilio_signature_when_a_token_is_set(scripted_client):
    with scripted_client(twilio_auth_token="secret-token") as client:
        form = {"CallSid": "CA9", "From": "+15550100"}
        unsigned = client.post("/twilio/voice", data=form)
        assert unsigned.status_code == 403
        assert unsigned.json()["detail"] == "The request is not signed by Twilio."
        signature = twilio_signature("secret-token", "http://testserver/twilio/voice", form)
        signed = client.post("/twilio/voice", data=form, headers={"X-Twilio-Signature": signature})
        assert signed.status_code == 200 and "<Stream" in signed.text


def test_webhook_refuses_bad_input(scripted_client):
    with scripted_client() as client:
        assert client.post("/twilio/voice", data={}).json()["detail"] == "CallSid is missing or malformed."
        bad = client.post("/twilio/voice", params={"language": "fr"}, data={"CallSid": "CA1"})
        assert bad.status_code == 422 and bad.json()["detail"] == "language must be auto or one of en, es."


def test_webhook_says_busy_and_hangs_up_when_lines_are_full(scripted_client):
    with scripted_client(realtime_max_sessions=1) as client, client.websocket_connect("/ws/realtime") as browser:
        browser.send_text(start())
        twiml = webhook(client)
        hang_up(browser)
    assert "<Say language=\"en-US\">All our lines are busy" in twiml and twiml.endswith("<Hangup/></Response>")


def test_stream_without_the_webhook_token_is_closed(scripted_client):
    with scripted_client() as client, client.websocket_connect("/twilio/stream") as ws:
        ws.send_text(stream_start("<Parameter name=\"token\" value=\"1.forged\"/>"))
        code, _ = closed_with(ws)
    assert code == 1008


def test_stream_in_another_encoding_is_closed(scripted_client):
    with scripted_client() as client:
        twiml = webhook(client)
        with client.websocket_connect("/twilio/stream") as ws:
            ws.send_text(stream_start(twiml, encoding="audio/x-alaw"))
            code, _ = closed_with(ws)
    assert code == 1003


def receive_until_mark(ws) -> list[dict]:
    seen = []
    while True:
        message = json.loads(ws.receive_text())
        seen.append(message)
        if message["event"] == "mark":
            return seen


def test_a_call_greets_survives_garbage_and_takes_keypad_digits_as_the_callers_words(scripted_client, scripted_agent):
    with scripted_client() as client:
        twiml = webhook(client)
        with client.websocket_connect("/twilio/stream") as ws:
            ws.send_text(json.dumps({"event": "connected", "protocol": "Call"}))
            ws.send_text(stream_start(twiml))
            greeting = receive_until_mark(ws)
            ws.send_text(json.dumps({"event": "media", "media": {"payload": ULAW_FRAME}}))
            ws.send_text("not json at all")
            ws.send_text(json.dumps({"event": "media", "media": {"payload": "@@not base64@@"}}))
            ws.send_text(json.dumps({"event": "mark", "mark": {"name": "sentence-0"}}))
            for digit in "4321*1001#":
                ws.send_text(json.dumps({"event": "dtmf", "dtmf": {"track": "inbound_track", "digit": digit}}))
            answer = receive_until_mark(ws)
            # The scripted voice speaks 0.1 s clips; the stream resampler holds back ~50 ms of each.
            assert any(m["event"] == "media" and m["streamSid"] == "MZ1" for m in greeting + answer)
            assert answer[-1]["mark"]["name"].startswith("sentence-")
            ws.send_text(json.dumps({"event": "stop"}))
            assert closed_with(ws)[0] == 1000
    [request] = scripted_agent.requests
    assert request.text == "The last four digits of my phone are 4321 and my order number is 1001."
    assert request.customer_id is None, "a call is anonymous until it verifies; caller ID is never identity"
    assert request.session_id.startswith("call-")


@pytest.mark.parametrize(("limit", "reason"), [
    ({"realtime_idle_timeout_s": 1.0}, "idle"),
    ({"realtime_max_call_s": 1.0, "realtime_idle_timeout_s": 60.0}, "call_too_long"),
], ids=["idle", "too-long"])
def test_a_silent_or_endless_session_is_ended_with_a_spoken_goodbye(scripted_client, limit, reason):
    with scripted_client(**limit) as client, client.websocket_connect("/ws/realtime") as ws:
        ws.send_text(start())
        events = []
        for _ in range(150):  # up to 3 s of silence, streamed as a browser would
            ws.send_bytes(FRAME)
            try:
                message = ws.receive()
            except WebSocketDisconnect:
                break
            if message["type"] == "websocket.close":
                break
            if message.get("text"):
                events.append(json.loads(message["text"]))
    goodbye = [e for e in events if e["type"] == "sentence"]
    assert goodbye and goodbye[-1]["seq"] == -1
    assert events[-1] == {"type": "bye", "reason": reason}


class GoneSocket:
    """A WebSocket double whose peer vanished while the server still saw it connected (uvicorn then raises on send)."""

    def __init__(self) -> None:
        from starlette.websockets import WebSocketState

        self.client_state = WebSocketState.CONNECTED
        self.close_calls = 0

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        from fastapi import WebSocketDisconnect

        self.close_calls += 1
        raise WebSocketDisconnect(code=1006)


async def test_closing_a_socket_whose_peer_is_gone_is_quiet():
    """Measured: a carrier that hung up as the call ended left an ASGI traceback in the server log."""
    from api.phone_stream import PhoneTransport, StreamStart
    from api.routers.realtime_ws import BrowserTransport
    from api.routers.twilio import TwilioStream

    carrier = TwilioStream()
    call = StreamStart(stream_id="MZ1", call_ref="CA1", token="", language=None, encoding="PCMU")
    phone = PhoneTransport(GoneSocket(), await carrier.serializer(call), carrier, call)
    for transport in (BrowserTransport(GoneSocket()), phone):
        await transport.close(1000, "bye")
        await transport.close(1000, "bye")
        assert transport.websocket.close_calls == 1
