"""The Telnyx phone path, unit level (scripted agent and voice, real pipecat serializer and VAD): the TeXML webhook and
its Ed25519 signature, the stream token in the URL, bad input, and a call that takes keypad digits."""

from __future__ import annotations

import base64
import html
import json
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tests.api.test_realtime_unit import closed_with, hang_up, receive_until_mark, start

PCMU_FRAME = base64.b64encode(b"\xff" * 160).decode()  # 20 ms of μ-law silence at 8 kHz


def texml(client, call_sid="v3:abc-123_x", **query) -> str:
    reply = client.post("/telnyx/voice", params=query, data={"CallSid": call_sid, "From": "+15550100"})
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("text/xml")
    return reply.text


def stream_path(markup: str) -> str:
    url = html.unescape(re.search(r'<Stream url="([^"]+)"', markup).group(1))
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def stream_start(encoding="PCMU", sample_rate=8000) -> str:
    return json.dumps({"event": "start", "sequence_number": "1", "stream_id": "S-1", "start": {
        "call_control_id": "v3:control", "from": "+15550100", "to": "+15550199", "custom_parameters": {},
        "media_format": {"encoding": encoding, "sample_rate": sample_rate, "channels": 1}}})


def test_webhook_answers_texml_that_streams_both_ways_and_holds_the_call(scripted_client):
    with scripted_client(realtime_max_call_s=600) as client:
        markup = texml(client, language="es")
    assert markup.startswith('<?xml version="1.0" encoding="UTF-8"?><Response><Start><Stream url="ws://testserver/')
    assert 'bidirectionalMode="rtp" bidirectionalCodec="PCMU"' in markup
    assert markup.endswith('<Pause length="605"/><Hangup/></Response>')
    query = parse_qs(urlsplit(stream_path(markup)).query)
    assert query["call"] == ["v3:abc-123_x"] and query["language"] == ["es"]
    assert re.fullmatch(r"\d+\.[0-9a-f]{32}", query["token"][0])


def signed(key: Ed25519PrivateKey, body: bytes, at: int) -> dict[str, str]:
    signature = base64.b64encode(key.sign(str(at).encode() + b"|" + body)).decode()
    return {"telnyx-signature-ed25519": signature, "telnyx-timestamp": str(at),
            "content-type": "application/x-www-form-urlencoded"}


def test_webhook_checks_the_ed25519_signature_when_a_public_key_is_set(scripted_client):
    key = Ed25519PrivateKey.generate()
    public = base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()
    body = b"CallSid=v3%3Aabc&From=%2B15550100"
    with scripted_client(telnyx_public_key=public) as client:
        unsigned = client.post("/telnyx/voice", content=body,
                               headers={"content-type": "application/x-www-form-urlencoded"})
        assert unsigned.status_code == 403
        assert unsigned.json()["detail"] == "The request is not signed by Telnyx."
        stale = client.post("/telnyx/voice", content=body, headers=signed(key, body, int(time.time()) - 3600))
        assert stale.status_code == 403
        other_key = client.post("/telnyx/voice", content=body,
                                headers=signed(Ed25519PrivateKey.generate(), body, int(time.time())))
        assert other_key.status_code == 403
        good = client.post("/telnyx/voice", content=body, headers=signed(key, body, int(time.time())))
        assert good.status_code == 200 and "<Stream" in good.text


def test_webhook_reads_a_json_body_and_refuses_bad_input(scripted_client):
    with scripted_client() as client:
        as_json = client.post("/telnyx/voice", json={"CallSid": "v3:json-call"})
        assert as_json.status_code == 200 and "call=v3%3Ajson-call" in as_json.text
        assert client.post("/telnyx/voice", data={}).json()["detail"] == "CallSid is missing or malformed."
        odd = client.post("/telnyx/voice", data={"CallSid": "v3:<script>"})
        assert odd.status_code == 422
        bad = client.post("/telnyx/voice", params={"language": "fr"}, data={"CallSid": "v3:a"})
        assert bad.status_code == 422 and bad.json()["detail"] == "language must be auto or one of en, es."


def test_webhook_says_busy_and_hangs_up_when_lines_are_full(scripted_client):
    with scripted_client(realtime_max_sessions=1) as client, client.websocket_connect("/ws/realtime") as browser:
        browser.send_text(start())
        markup = texml(client, language="es")
        hang_up(browser)
    assert '<Say language="es-ES">' in markup and markup.endswith("<Hangup/></Response>")
    assert "<Stream" not in markup


@pytest.mark.parametrize("tamper", ["forged token", "other call", "no query"])
def test_a_stream_without_the_webhooks_token_for_its_call_is_closed(scripted_client, tamper):
    with scripted_client() as client:
        path = stream_path(texml(client))
        if tamper == "forged token":
            path = re.sub(r"token=[^&]+", "token=1.forged", path)
        elif tamper == "other call":
            path = path.replace("call=v3%3Aabc-123_x", "call=v3%3Aanother")
        else:
            path = "/telnyx/stream"
        with client.websocket_connect(path) as ws:
            ws.send_text(stream_start())
            code, _ = closed_with(ws)
    assert code == 1008


@pytest.mark.parametrize(("encoding", "sample_rate"), [("G722", 8000), ("PCMU", 16000)])
def test_a_stream_in_another_codec_is_closed(scripted_client, encoding, sample_rate):
    with scripted_client() as client:
        path = stream_path(texml(client))
        with client.websocket_connect(path) as ws:
            ws.send_text(stream_start(encoding, sample_rate))
            code, _ = closed_with(ws)
    assert code == 1003


@pytest.mark.parametrize("encoding", ["PCMU", "PCMA"])
def test_a_call_greets_survives_garbage_and_takes_keypad_digits(scripted_client, scripted_agent, encoding):
    with scripted_client() as client:
        path = stream_path(texml(client))
        with client.websocket_connect(path) as ws:
            ws.send_text(json.dumps({"event": "connected", "version": "1.0.0"}))
            ws.send_text(stream_start(encoding))
            greeting = receive_until_mark(ws)
            ws.send_text(json.dumps({"event": "media", "stream_id": "S-1",
                                     "media": {"track": "inbound", "chunk": "1", "payload": PCMU_FRAME}}))
            ws.send_text("not json at all")
            ws.send_text(json.dumps({"event": "media", "media": {"track": "inbound", "payload": "@@not base64@@"}}))
            ws.send_text(json.dumps({"event": "error", "stream_id": "S-1", "payload": {"code": 100002}}))
            ws.send_text(json.dumps({"event": "mark", "stream_id": "S-1", "mark": {"name": "sentence-0"}}))
            for digit in "4321*1001#":
                ws.send_text(json.dumps({"event": "dtmf", "stream_id": "S-1", "dtmf": {"digit": digit}}))
            answer = receive_until_mark(ws)
            assert any(m["event"] == "media" and m["media"]["payload"] for m in greeting + answer)
            assert answer[-1] == {"event": "mark", "stream_id": "S-1", "mark": {"name": answer[-1]["mark"]["name"]}}
            assert answer[-1]["mark"]["name"].startswith("sentence-")
            ws.send_text(json.dumps({"event": "stop", "stream_id": "S-1"}))
            assert closed_with(ws)[0] == 1000
    [request] = scripted_agent.requests
    assert request.text == "The last four digits of my phone are 4321 and my order number is 1001."
    assert request.customer_id is None, "a call is anonymous until it verifies; caller ID is never identity"
    assert request.session_id.startswith("call-")
