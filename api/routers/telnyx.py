"""The phone through Telnyx. `POST /telnyx/voice` is a TeXML application's voice webhook: it answers TeXML that
starts a bidirectional media stream (RTP, PCMU 8 kHz) to `WS /telnyx/stream` and keeps the call up while the stream
runs. Message formats and the codecs (PCMU, PCMA) are pipecat's TelnyxFrameSerializer; the call itself is
`api.phone_stream`'s, shared with Twilio.

Telnyx's `start` message names the call by its call-control id, not the TeXML CallSid, so the webhook puts the call's
reference, its stream token and the language in the stream URL's query. With `TELNYX_PUBLIC_KEY` set, the webhook
checks Telnyx's Ed25519 signature; with `TELNYX_API_KEY` set, the call is hung up through Telnyx's API when the
conversation ends (else it ends when the TeXML's pause runs out, at the longest call allowed).
"""

from __future__ import annotations

import base64
import binascii
import math
import time
from typing import Any
from urllib.parse import urlencode
from xml.sax.saxutils import quoteattr

from fastapi import APIRouter, HTTPException, Request, WebSocket
from fastapi.responses import Response

from api.deps import ServicesDep
from api.phone_stream import (
    SAMPLE_RATE,
    Carrier,
    Refused,
    StreamStart,
    busy_markup,
    call_ref_valid,
    check_language,
    lines_free,
    markup,
    parse_json,
    public_stream_url,
    serve_stream,
    stream_token,
)
from api.realtime_calls import language_choice
from core.settings import Settings

router = APIRouter(prefix="/telnyx", tags=["phone"])

_CODECS = ("PCMU", "PCMA")
_SIGNATURE_TOLERANCE_S = 300


def signature_valid(public_key_b64: str, timestamp: str, body: bytes, signature_b64: str) -> bool:
    """Telnyx's webhook signature: Ed25519 over `timestamp|body`, with the account's public key (base64)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > _SIGNATURE_TOLERANCE_S:
        return False
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64))
        key.verify(base64.b64decode(signature_b64), timestamp.encode() + b"|" + body)
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


async def _webhook_fields(request: Request) -> dict[str, str]:
    """TeXML posts form fields; a JSON body is read as well."""
    if request.headers.get("content-type", "").startswith("application/json"):
        body = parse_json((await request.body()).decode(errors="replace")) or {}
        return {str(key): str(value) for key, value in body.items()}
    return {key: str(value) for key, value in (await request.form()).items()}


@router.post("/voice", summary="Telnyx TeXML voice webhook: stream the call to the agent")
async def voice_webhook(request: Request, services: ServicesDep, language: str = "auto") -> Response:
    """Set this URL (POST) as the TeXML application's voice webhook. `?language=en|es` fixes the call's language;
    the default detects it from the caller's speech."""
    check_language(language)
    settings = services.settings
    if settings.telnyx_public_key is not None:
        signed = signature_valid(
            settings.telnyx_public_key, request.headers.get("telnyx-timestamp", ""), await request.body(),
            request.headers.get("telnyx-signature-ed25519", ""),
        )
        if not signed:
            raise HTTPException(403, "The request is not signed by Telnyx.")
    call_sid = (await _webhook_fields(request)).get("CallSid", "")
    if not call_ref_valid(call_sid):
        raise HTTPException(422, "CallSid is missing or malformed.")
    if not lines_free(services):
        return busy_markup(language)
    query = urlencode({"call": call_sid, "token": stream_token(services, call_sid), "language": language})
    url = f"{public_stream_url(request, '/telnyx/stream', settings.telnyx_stream_url)}?{query}"
    stream = f'<Stream url={quoteattr(url)} bidirectionalMode="rtp" bidirectionalCodec="PCMU"/>'
    # The stream runs beside the call: the pause holds the call up meanwhile, never longer than a call may last.
    return markup(f"<Start>{stream}</Start><Pause length=\"{_call_length_s(settings)}\"/><Hangup/>")


def _call_length_s(settings: Settings) -> int:
    return math.ceil(settings.realtime_max_call_s) + 5


class TelnyxStream(Carrier):
    """Telnyx media streaming's messages: snake_case fields, PCMU or PCMA at 8 kHz, the token in the URL's query."""

    name = "telnyx"
    stream_id_field = "stream_id"

    def __init__(self, settings: Settings):
        self.api_key = settings.telnyx_api_key.get_secret_value() if settings.telnyx_api_key else None

    def read_start(self, message: dict[str, Any], query: dict[str, str]) -> StreamStart:
        start = message["start"]
        media = start.get("media_format") or {}
        if media.get("encoding") not in _CODECS or int(media.get("sample_rate") or 0) != 8000:
            raise Refused(1003, "Only PCMU or PCMA at 8000 Hz is supported.")
        return StreamStart(
            stream_id=str(message.get("stream_id") or ""), call_ref=query.get("call", ""),
            token=query.get("token", ""), language=language_choice(query.get("language")),
            encoding=media["encoding"], carrier_call_id=str(start.get("call_control_id") or ""),
        )

    def new_serializer(self, start: StreamStart):
        from pipecat.serializers.telnyx import TelnyxFrameSerializer

        hang_up = bool(self.api_key and start.carrier_call_id)
        return TelnyxFrameSerializer(
            start.stream_id, outbound_encoding=start.encoding, inbound_encoding="PCMU",
            call_control_id=start.carrier_call_id or None, api_key=self.api_key,
            params=TelnyxFrameSerializer.InputParams(auto_hang_up=hang_up, sample_rate=SAMPLE_RATE),
        )


@router.websocket("/stream")
async def media_stream(websocket: WebSocket) -> None:
    """Telnyx media streaming (bidirectional RTP, from the TeXML `<Stream>`)."""
    await serve_stream(websocket, TelnyxStream(websocket.app.state.services.settings))
