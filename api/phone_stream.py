"""A phone call over a carrier's media stream, whatever the carrier: the stream token its voice webhook hands out, the
transport a `RealtimeSession` speaks through, and the call itself (wait for `start`, then pump audio, keypad digits
and `mark`s until the call ends). What differs between carriers (field names, codecs, the serializer) is a `Carrier`:
`api/routers/twilio.py` and `api/routers/telnyx.py` each declare one.

A stream is accepted only with the token the webhook issued (an HMAC of the call's reference and the time), so the
socket cannot be reached without a call the webhook answered. Caller ID is never identity: every call starts
anonymous, in a conversation of its own, and verification happens inside it.
"""

from __future__ import annotations

import asyncio
import binascii
import hashlib
import hmac
import json
import logging
import re
import secrets
import time
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import quoteattr

from fastapi import HTTPException, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import Response
from starlette.websockets import WebSocketState

from api.deps import Services
from api.realtime_calls import (
    AgentLine,
    a_line,
    next_message,
    sentence_completeness,
    session_slots,
    unavailable_reason,
)
from core.i18n import say
from voice.interfaces import Language

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
_TOKEN_TTL_S = 120
_START_TIMEOUT_S = 10.0
_MAX_BAD_MESSAGES = 50
_AHEAD_ALLOWED_S = 2.0
_PROCESS_SECRET = secrets.token_bytes(32)
_CALL_REF = re.compile(r"^[A-Za-z0-9:_.-]{1,128}$")


def call_ref_valid(call_ref: str) -> bool:
    """A carrier's call id as a webhook may pass it on: short, and nothing that needs escaping."""
    return bool(_CALL_REF.match(call_ref))


def _secret(services: Services) -> bytes:
    settings = services.settings
    shared = settings.phone_stream_secret or settings.twilio_auth_token
    # With a shared secret every replica derives the same stream tokens; without one, only this process can.
    return shared.get_secret_value().encode() if shared is not None else _PROCESS_SECRET


def stream_token(services: Services, call_ref: str, issued_at: int | None = None) -> str:
    issued_at = int(time.time()) if issued_at is None else issued_at
    digest = hmac.new(_secret(services), f"{call_ref}:{issued_at}".encode(), hashlib.sha256).hexdigest()[:32]
    return f"{issued_at}.{digest}"


def token_valid(services: Services, call_ref: str, token: str) -> bool:
    issued, _, _ = token.partition(".")
    if not issued.isdigit() or time.time() - int(issued) > _TOKEN_TTL_S:
        return False
    return hmac.compare_digest(stream_token(services, call_ref, int(issued)), token)


def lines_free(services: Services) -> bool:
    """Whether a webhook may connect one more call now (the stream itself checks again when it opens)."""
    slots = session_slots(services)
    if unavailable_reason(services) is None and slots.active < slots.limit:
        return True
    services.metrics.rejected.labels(reason="realtime_full").inc()
    return False


@dataclass(frozen=True)
class StreamStart:
    """What a carrier's `start` message (and the stream URL) say about the call."""

    stream_id: str
    call_ref: str
    token: str
    language: Language | None
    encoding: str  # the carrier's name for its codec, as its serializer takes it
    carrier_call_id: str = ""  # the carrier's own id of the call, where its API needs one (a hang-up)


class Refused(Exception):
    def __init__(self, code: int, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


class Carrier(ABC):
    """One carrier's media-stream messages. They share the event names (`start`, `media`, `dtmf`, `mark`, `clear`,
    `stop`); what differs is declared here."""

    name: str
    stream_id_field: str
    """The field that names the stream in the messages we send."""

    @abstractmethod
    def read_start(self, message: dict[str, Any], query: dict[str, str]) -> StreamStart:
        """The call's start from the carrier's `start` message and the stream URL's query; `Refused` if unusable."""

    @abstractmethod
    def new_serializer(self, start: StreamStart) -> Any:
        """pipecat's serializer for this carrier and call."""

    async def serializer(self, start: StreamStart) -> Any:
        serializer = self.new_serializer(start)
        await serializer.setup(_SerializerSetup())
        return serializer

    def mark(self, start: StreamStart, name: str) -> dict[str, Any]:
        """The message that asks the carrier to send `name` back once the audio before it has played."""
        return {"event": "mark", self.stream_id_field: start.stream_id, "mark": {"name": name}}

    def is_our_audio(self, message: dict[str, Any]) -> bool:
        """Whether a `media` message carries the caller's audio (not an echo of the outbound track)."""
        return (message.get("media") or {}).get("track", "inbound") == "inbound"


class _SerializerSetup:
    """The one field a pipecat serializer's setup reads (a whole pipeline setup is not needed outside a pipeline)."""

    audio_in_sample_rate = SAMPLE_RATE


class PhoneTransport:
    """What a `RealtimeSession` speaks through on a call: audio, `clear` and `mark` in the carrier's messages."""

    def __init__(self, websocket: WebSocket, serializer, carrier: Carrier, start: StreamStart):
        self.websocket = websocket
        self.serializer = serializer
        self.carrier = carrier
        self.start = start
        self._lock = asyncio.Lock()
        self.closed = False
        self.marks_played: list[str] = []

    async def _send(self, text: str | bytes | None) -> None:
        if text is None or self.closed:
            return
        async with self._lock:
            try:
                await self.websocket.send_text(text if isinstance(text, str) else text.decode())
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
        await self._send(json.dumps(self.carrier.mark(self.start, f"sentence-{seq}")))

    async def hang_up(self, reason: str) -> None:
        await self.close(1000, reason)

    async def close(self, code: int, reason: str) -> None:
        if self.closed:
            return
        self.closed = True
        from pipecat.frames.frames import EndFrame

        # A carrier whose call outlives its stream (Telnyx) is hung up through its API, where one is configured.
        await self.serializer.serialize(EndFrame())
        if self.websocket.client_state == WebSocketState.CONNECTED:
            try:
                await self.websocket.close(code=code, reason=reason[:120])
            except (RuntimeError, WebSocketDisconnect):  # already closed from the other side
                pass


async def serve_stream(websocket: WebSocket, carrier: Carrier) -> None:
    """A carrier's media stream, from the upgrade to the hang-up: refused with 503 when no line is free."""
    services: Services = websocket.app.state.services
    async with a_line(websocket, services, "All lines are busy.") as held:
        if held:
            await PhoneCall(websocket, services, carrier).serve()


class PhoneCall:
    def __init__(self, websocket: WebSocket, services: Services, carrier: Carrier):
        self.websocket = websocket
        self.services = services
        self.carrier = carrier
        self.bad_messages = 0

    async def _close(self, code: int, reason: str) -> None:
        if self.websocket.client_state == WebSocketState.CONNECTED:
            await self.websocket.close(code=code, reason=reason)

    async def serve(self) -> None:
        start = await self._wait_for_start()
        if start is None:
            return
        from voice.realtime.session import RealtimeSession, SessionSettings

        serializer = await self.carrier.serializer(start)
        transport = PhoneTransport(self.websocket, serializer, self.carrier, start)
        session_id = f"call-{uuid.uuid4().hex}"
        agent = AgentLine(self.services, session_id, customer_id=None)
        session = RealtimeSession(
            transport, self.services.voice, agent.respond, SessionSettings.from_settings(self.services.settings),
            language=start.language, on_heard=agent.heard, on_withdrawn=agent.withdrawn,
            completeness=await asyncio.to_thread(sentence_completeness, self.services),
        )
        log.info("call connected", extra={"session": session_id, "carrier": self.carrier.name})
        await session.start(greeting=say("realtime.greeting_phone", start.language or "en"))
        try:
            await self._pump(session, serializer, transport)
        finally:
            await session.close("hung up")
            await transport.close(1000, session.close_reason or "closed")
            log.info("call ended", extra={"session": session_id, "reason": session.close_reason})

    async def _wait_for_start(self) -> StreamStart | None:
        deadline = time.monotonic() + _START_TIMEOUT_S
        query = dict(self.websocket.query_params)
        while (left := deadline - time.monotonic()) > 0:
            try:
                raw = await asyncio.wait_for(self.websocket.receive_text(), left)
            except (TimeoutError, WebSocketDisconnect, RuntimeError, KeyError):
                break
            message = parse_json(raw)
            event = message.get("event") if message else None
            if event == "connected":
                continue
            if event != "start" or not isinstance(message.get("start"), dict):
                await self._close(1008, "Expected the 'start' message.")
                return None
            try:
                start = self.carrier.read_start(message, query)
            except Refused as refused:
                await self._close(refused.code, refused.reason)
                return None
            if not token_valid(self.services, start.call_ref, start.token):
                log.warning("media stream refused: no valid token from the voice webhook",
                            extra={"carrier": self.carrier.name})
                await self._close(1008, "This stream was not set up by the voice webhook.")
                return None
            return start
        await self._close(1008, "No 'start' message arrived.")
        return None

    async def _pump(self, session, serializer, transport: PhoneTransport) -> None:
        from pipecat.frames.frames import InputAudioRawFrame, InputDTMFFrame

        began = time.monotonic()
        received_s = 0.0
        while not session.closed.is_set():
            raw = await next_message(self.websocket, session.closed)
            if raw is None:
                return
            text = raw.get("text")
            message = parse_json(text) if text is not None else None
            event = message.get("event") if message else None
            if event == "media" and not self.carrier.is_our_audio(message):  # type: ignore[arg-type]
                continue
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
                transport.marks_played.append(str((message.get("mark") or {}).get("name")))  # type: ignore[union-attr]
            elif event == "stop":
                return
            elif event == "error":
                log.warning("the carrier reported a stream error", extra={"carrier": self.carrier.name})
            else:
                self.bad_messages += 1
            if self.bad_messages > _MAX_BAD_MESSAGES:
                log.warning("media stream sent too many unreadable messages; hanging up")
                return


def parse_json(text: str | None) -> dict[str, Any] | None:
    try:
        value = json.loads(text or "")
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


_LANGUAGE_TAGS = {"en": "en-US", "es": "es-ES"}


def check_language(language: str) -> None:
    """`?language=` of a voice webhook: auto (detected from the caller's speech) or a language calls are held in."""
    if language not in ("auto", *_LANGUAGE_TAGS):
        raise HTTPException(422, f"language must be auto or one of {', '.join(_LANGUAGE_TAGS)}.")


def markup(body: str) -> Response:
    """A TwiML answer (Telnyx's TeXML reads the same verbs)."""
    return Response(f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>', media_type="text/xml")


def busy_markup(language: str) -> Response:
    """Every line is taken: say so and hang up, in the call's language when the webhook fixed one."""
    spoken = "en" if language == "auto" else language
    text = say("realtime.busy", spoken).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return markup(f"<Say language={quoteattr(_LANGUAGE_TAGS[spoken])}>{text}</Say><Hangup/>")


def public_stream_url(request: Request, path: str, configured: str | None) -> str:
    """The wss:// address a carrier opens: the configured one (behind a proxy that rewrites hosts), else this
    request's host as the proxy forwarded it."""
    if configured:
        return configured
    scheme = "wss" if request.headers.get("x-forwarded-proto", request.url.scheme) in ("https", "wss") else "ws"
    host = request.headers.get("x-forwarded-host") or request.headers.get("host") or request.url.netloc
    return f"{scheme}://{host}{path}"
