"""The phone: Twilio Media Streams. `POST /twilio/voice` is the number's voice webhook and answers TwiML that
connects the call to `WS /twilio/stream` (μ-law 8 kHz both ways, `clear` on barge-in, `mark` after each sentence,
keypad digits as the caller's own entry). Message formats and the μ-law codec are pipecat's TwilioFrameSerializer.

A stream is accepted only with the one-time token the webhook put in its TwiML (an HMAC of the call id), so the
socket cannot be reached without a call the webhook answered. Caller ID is never identity: every call starts
anonymous, in a conversation of its own, and verification happens inside it.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid
from typing import Any
from xml.sax.saxutils import quoteattr

from fastapi import APIRouter, HTTPException, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import Response
from starlette.websockets import WebSocketState

from api.deps import Services, ServicesDep
from api.realtime_calls import (
    AgentLine,
    language_choice,
    next_message,
    sentence_completeness,
    session_slots,
    unavailable_reason,
)
from api.routers.realtime_ws import refuse
from core.i18n import say

log = logging.getLogger(__name__)

router = APIRouter(prefix="/twilio", tags=["phone"])

SAMPLE_RATE = 16_000
_TOKEN_TTL_S = 120
_START_TIMEOUT_S = 10.0
_MAX_BAD_MESSAGES = 50
_AHEAD_ALLOWED_S = 2.0
_LANGUAGE_TAGS = {"en": "en-US", "es": "es-ES"}
_PROCESS_SECRET = secrets.token_bytes(32)


def _secret(services: Services) -> bytes:
    token = services.settings.twilio_auth_token
    # With the auth token every replica derives the same stream tokens; without it, only this process can.
    return token.get_secret_value().encode() if token is not None else _PROCESS_SECRET


def stream_token(services: Services, call_sid: str, issued_at: int | None = None) -> str:
    issued_at = int(time.time()) if issued_at is None else issued_at
    digest = hmac.new(_secret(services), f"{call_sid}:{issued_at}".encode(), hashlib.sha256).hexdigest()[:32]
    return f"{issued_at}.{digest}"


def _token_valid(services: Services, call_sid: str, token: str) -> bool:
    issued, _, _ = token.partition(".")
    if not issued.isdigit() or time.time() - int(issued) > _TOKEN_TTL_S:
        return False
    return hmac.compare_digest(stream_token(services, call_sid, int(issued)), token)


def twilio_signature(auth_token: str, url: str, params: dict[str, str]) -> str:
    """Twilio's X-Twilio-Signature: base64 HMAC-SHA1 of the URL followed by each POST field name+value, sorted."""
    payload = url + "".join(f"{name}{params[name]}" for name in sorted(params))
    return base64.b64encode(hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()).decode()


def _stream_url(request: Request, services: Services) -> str:
    if services.settings.twilio_stream_url:
        return services.settings.twilio_stream_url
    scheme = "wss" if request.headers.get("x-forwarded-proto", request.url.scheme) in ("https", "wss") else "ws"
    host = request.headers.get("x-forwarded-host") or request.headers.get("host") or request.url.netloc
    return f"{scheme}://{host}/twilio/stream"


def _twiml(body: str) -> Response:
    return Response(f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>', media_type="text/xml")


@router.post("/voice", summary="Twilio voice webhook: connect the call to the media stream")
async def voice_webhook(request: Request, services: ServicesDep, language: str = "auto") -> Response:
    """Set this URL (POST) as the phone number's "A call comes in" webhook. `?language=en|es` fixes the call's
    language; the default detects it from the caller's speech."""
    if language not in ("auto", *_LANGUAGE_TAGS):
        raise HTTPException(422, "language must be auto, en or es.")
    form = {key: str(value) for key, value in (await request.form()).items()}
    auth_token = services.settings.twilio_auth_token
    if auth_token is not None:
        expected = twilio_signature(auth_token.get_secret_value(), str(request.url), form)
        if not hmac.compare_digest(expected, request.headers.get("x-twilio-signature", "")):
            raise HTTPException(403, "The request is not signed by Twilio.")
    call_sid = form.get("CallSid", "")
    if not call_sid or len(call_sid) > 64 or not call_sid.isalnum():
        raise HTTPException(422, "CallSid is missing or malformed.")
    spoken = "en" if language == "auto" else language
    slots = session_slots(services)
    if unavailable_reason(services) is not None or slots.active >= slots.limit:
        services.metrics.rejected.labels(reason="realtime_full").inc()
        busy = say("realtime.busy", spoken)
        return _twiml(f"<Say language={quoteattr(_LANGUAGE_TAGS[spoken])}>{_xml_text(busy)}</Say><Hangup/>")
    parameters = {"token": stream_token(services, call_sid), "language": language}
    tags = "".join(f"<Parameter name={quoteattr(k)} value={quoteattr(v)}/>" for k, v in parameters.items())
    return _twiml(f"<Connect><Stream url={quoteattr(_stream_url(request, services))}>{tags}</Stream></Connect>")


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _SerializerSetup:
    """The one field TwilioFrameSerializer.setup reads (a whole pipeline setup is not needed outside a pipeline)."""

    audio_in_sample_rate = SAMPLE_RATE


class TwilioTransport:
    def __init__(self, websocket: WebSocket, serializer, stream_sid: str):
        self.websocket = websocket
        self.serializer = serializer
        self.stream_sid = stream_sid
        self._lock = asyncio.Lock()
        self.closed = False
        self.marks_played: list[str] = []

    async def _send(self, text: str | None) -> None:
        if text is None or self.closed:
            return
        async with self._lock:
            try:
                await self.websocket.send_text(text)
            except (WebSocketDisconnect, RuntimeError, OSError):  # the call dropped mid-answer: a hang-up
                self.closed = True

    async def send_event(self, event: dict[str, Any]) -> None:
        # A phone has no screen: what the browser shows only goes to the log (without the caller's words).
        log.debug("call event", extra={"event": event.get("type")})

    async def send_audio(self, pcm16: bytes, sample_rate: int) -> None:
        from pipecat.frames.frames import OutputAudioRawFrame

        await self._send(await self.serializer.serialize(OutputAudioRawFrame(pcm16, sample_rate, 1)))

    async def clear_audio(self) -> None:
        from pipecat.frames.frames import InterruptionFrame

        await self._send(await self.serializer.serialize(InterruptionFrame()))

    async def sentence_sent(self, seq: int) -> None:
        from pipecat.frames.frames import OutputTransportMessageUrgentFrame

        mark = {"event": "mark", "streamSid": self.stream_sid, "mark": {"name": f"sentence-{seq}"}}
        await self._send(await self.serializer.serialize(OutputTransportMessageUrgentFrame(message=mark)))

    async def hang_up(self, reason: str) -> None:
        await self.close(1000, reason)

    async def close(self, code: int, reason: str) -> None:
        if self.closed:
            return
        self.closed = True
        if self.websocket.client_state == WebSocketState.CONNECTED:
            try:
                await self.websocket.close(code=code, reason=reason[:120])
            except (RuntimeError, WebSocketDisconnect):  # already closed from the other side
                pass


@router.websocket("/stream")
async def media_stream(websocket: WebSocket) -> None:
    """Twilio Media Streams (bidirectional, from `<Connect><Stream>`)."""
    services: Services = websocket.app.state.services
    if (reason := unavailable_reason(services)) is not None:
        await refuse(websocket, 503, reason, retry_after_s=30)
        return
    slots = session_slots(services)
    if not slots.try_take():
        services.metrics.rejected.labels(reason="realtime_full").inc()
        await refuse(websocket, 503, "All lines are busy.", retry_after_s=60)
        return
    try:
        await websocket.accept()
        await PhoneCall(websocket, services).serve()
    finally:
        slots.give_back()


class PhoneCall:
    def __init__(self, websocket: WebSocket, services: Services):
        self.websocket = websocket
        self.services = services
        self.bad_messages = 0

    async def _close(self, code: int, reason: str) -> None:
        if self.websocket.client_state == WebSocketState.CONNECTED:
            await self.websocket.close(code=code, reason=reason)

    async def serve(self) -> None:
        start = await self._wait_for_start()
        if start is None:
            return
        from pipecat.serializers.twilio import TwilioFrameSerializer

        from voice.realtime.session import RealtimeSession, SessionSettings

        stream_sid = str(start.get("streamSid") or "")
        language = language_choice(start.get("customParameters", {}).get("language"))
        serializer = TwilioFrameSerializer(
            stream_sid, params=TwilioFrameSerializer.InputParams(auto_hang_up=False, sample_rate=SAMPLE_RATE)
        )
        await serializer.setup(_SerializerSetup())  # type: ignore[arg-type]
        transport = TwilioTransport(self.websocket, serializer, stream_sid)
        session_id = f"call-{uuid.uuid4().hex}"
        agent = AgentLine(self.services, session_id, customer_id=None)
        session = RealtimeSession(
            transport, self.services.voice, agent.respond, SessionSettings.from_settings(self.services.settings),
            language=language, on_heard=agent.heard, on_withdrawn=agent.withdrawn,
            completeness=await asyncio.to_thread(sentence_completeness, self.services),
        )
        log.info("call connected", extra={"session": session_id})
        await session.start(greeting=say("realtime.greeting_phone", language or "en"))
        try:
            await self._pump(session, serializer, transport)
        finally:
            await session.close("hung up")
            await transport.close(1000, session.close_reason or "closed")
            log.info("call ended", extra={"session": session_id, "reason": session.close_reason})

    async def _wait_for_start(self) -> dict[str, Any] | None:
        deadline = time.monotonic() + _START_TIMEOUT_S
        while (left := deadline - time.monotonic()) > 0:
            try:
                raw = await asyncio.wait_for(self.websocket.receive_text(), left)
            except (TimeoutError, WebSocketDisconnect, RuntimeError, KeyError):
                break
            message = _json(raw)
            event = message.get("event") if message else None
            if event == "connected":
                continue
            if event != "start" or not isinstance(message.get("start"), dict):
                await self._close(1008, "Expected the 'start' message.")
                return None
            start = message["start"]
            start.setdefault("streamSid", message.get("streamSid"))
            media = start.get("mediaFormat") or {}
            if media.get("encoding") != "audio/x-mulaw" or media.get("sampleRate") != 8000:
                await self._close(1003, "Only audio/x-mulaw at 8000 Hz is supported.")
                return None
            call_sid = str(start.get("callSid") or "")
            token = str((start.get("customParameters") or {}).get("token") or "")
            if not _token_valid(self.services, call_sid, token):
                log.warning("media stream refused: no valid token from the voice webhook")
                await self._close(1008, "This stream was not set up by the voice webhook.")
                return None
            return start
        await self._close(1008, "No 'start' message arrived.")
        return None

    async def _pump(self, session, serializer, transport: TwilioTransport) -> None:
        from pipecat.frames.frames import InputAudioRawFrame, InputDTMFFrame

        began = time.monotonic()
        received_s = 0.0
        while not session.closed.is_set():
            raw = await next_message(self.websocket, session.closed)
            if raw is None:
                return
            text = raw.get("text")
            message = _json(text) if text is not None else None
            event = message.get("event") if message else None
            if event in ("media", "dtmf"):
                try:
                    frame = await serializer.deserialize(text)
                except (ValueError, binascii.Error):  # a damaged payload: this frame is lost, the call goes on
                    frame = None
                    self.bad_messages += 1
                if isinstance(frame, InputAudioRawFrame):
                    received_s += len(frame.audio) / 2 / SAMPLE_RATE
                    if received_s > time.monotonic() - began + _AHEAD_ALLOWED_S:
                        log.warning("media stream faster than real time; hanging up")
                        return
                    try:
                        await session.push_audio(frame.audio)
                    except Exception:  # a bug ends this call cleanly, never the process; the log has the trace
                        log.exception("phone session failed")
                        return
                    continue
                if isinstance(frame, InputDTMFFrame):
                    await session.push_digit(frame.button.value)
                    continue
            elif event == "mark":
                transport.marks_played.append(str((message.get("mark") or {}).get("name")))
            elif event == "stop":
                return
            else:
                self.bad_messages += 1
            if self.bad_messages > _MAX_BAD_MESSAGES:
                log.warning("media stream sent too many unreadable messages; hanging up")
                return


def _json(text: str | None) -> dict[str, Any] | None:
    try:
        value = json.loads(text or "")
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None
