"""The phone through Twilio Media Streams. `POST /twilio/voice` is the number's voice webhook and answers TwiML that
connects the call to `WS /twilio/stream` (μ-law 8 kHz both ways, `clear` on barge-in, `mark` after each sentence,
keypad digits as the caller's own entry). Message formats and the μ-law codec are pipecat's TwilioFrameSerializer;
the call itself is `api.phone_stream`'s, shared with the other carriers.

The stream token rides in the TwiML as a `<Parameter>`, bound to the call's CallSid.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any
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
    public_stream_url,
    serve_stream,
    stream_token,
)
from api.realtime_calls import language_choice

router = APIRouter(prefix="/twilio", tags=["phone"])

def twilio_signature(auth_token: str, url: str, params: dict[str, str]) -> str:
    """Twilio's X-Twilio-Signature: base64 HMAC-SHA1 of the URL followed by each POST field name+value, sorted."""
    payload = url + "".join(f"{name}{params[name]}" for name in sorted(params))
    return base64.b64encode(hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()).decode()


@router.post("/voice", summary="Twilio voice webhook: connect the call to the media stream")
async def voice_webhook(request: Request, services: ServicesDep, language: str = "auto") -> Response:
    """Set this URL (POST) as the phone number's "A call comes in" webhook. `?language=en|es` fixes the call's
    language; the default detects it from the caller's speech."""
    check_language(language)
    form = {key: str(value) for key, value in (await request.form()).items()}
    auth_token = services.settings.twilio_auth_token
    if auth_token is not None:
        expected = twilio_signature(auth_token.get_secret_value(), str(request.url), form)
        if not hmac.compare_digest(expected, request.headers.get("x-twilio-signature", "")):
            raise HTTPException(403, "The request is not signed by Twilio.")
    call_sid = form.get("CallSid", "")
    if not call_ref_valid(call_sid):
        raise HTTPException(422, "CallSid is missing or malformed.")
    if not lines_free(services):
        return busy_markup(language)
    url = public_stream_url(request, "/twilio/stream", services.settings.twilio_stream_url)
    parameters = {"token": stream_token(services, call_sid), "language": language}
    tags = "".join(f"<Parameter name={quoteattr(k)} value={quoteattr(v)}/>" for k, v in parameters.items())
    return markup(f"<Connect><Stream url={quoteattr(url)}>{tags}</Stream></Connect>")


class TwilioStream(Carrier):
    """Twilio Media Streams' messages: camelCase fields, μ-law 8 kHz, the token among the `<Parameter>`s."""

    name = "twilio"
    stream_id_field = "streamSid"

    def read_start(self, message: dict[str, Any], query: dict[str, str]) -> StreamStart:
        start = message["start"]
        media = start.get("mediaFormat") or {}
        if media.get("encoding") != "audio/x-mulaw" or media.get("sampleRate") != 8000:
            raise Refused(1003, "Only audio/x-mulaw at 8000 Hz is supported.")
        parameters = start.get("customParameters") or {}
        return StreamStart(
            stream_id=str(start.get("streamSid") or message.get("streamSid") or ""),
            call_ref=str(start.get("callSid") or ""), token=str(parameters.get("token") or ""),
            language=language_choice(parameters.get("language")), encoding="PCMU",
        )

    def new_serializer(self, start: StreamStart):
        from pipecat.serializers.twilio import TwilioFrameSerializer

        return TwilioFrameSerializer(
            start.stream_id, params=TwilioFrameSerializer.InputParams(auto_hang_up=False, sample_rate=SAMPLE_RATE)
        )


@router.websocket("/stream")
async def media_stream(websocket: WebSocket) -> None:
    """Twilio Media Streams (bidirectional, from `<Connect><Stream>`)."""
    await serve_stream(websocket, TwilioStream())
