"""`WS /ws/realtime`: hands-free conversation from the browser — 16 kHz PCM in, paced sentence audio out.

Client → server: one `start` JSON (`sample_rate` 16000, `language` auto|en|es, optional `session_id`,
`customer_id`), then binary frames of 16-bit little-endian mono PCM at 16 kHz (20 ms each is usual, at most 0.5 s),
sent at the pace they are recorded; `{"type": "stop"}` ends the session.
Server → client: `ready`, `state` (listening | user_speaking | thinking | speaking), `partial`, `transcript`,
`tool_call`, `sentence` (then its PCM as binary frames at the sentence's `sample_rate`), `clear` (stop playback now),
`interrupted`, `resumed`, `answered`, `done`, `error`, `bye`. The full protocol is in the README.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from typing import Any, Literal

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field, ValidationError
from starlette.websockets import WebSocketState

from api.deps import Services
from api.realtime_calls import (
    AgentLine,
    a_line,
    language_choice,
    next_message,
    refuse,
    sentence_completeness,
)
from api.routers.voice_ws import _error_detail, _origin_allowed
from api.schemas import LanguageChoice
from api.security import Caller, Unauthorized, resolve_caller

log = logging.getLogger(__name__)

router = APIRouter(tags=["voice"])

SAMPLE_RATE = 16_000
_MAX_FRAME_BYTES = SAMPLE_RATE  # 0.5 s of 16-bit samples
_START_TIMEOUT_S = 10.0
_AHEAD_ALLOWED_S = 2.0
"""How far ahead of the wall clock a client may stream before it counts as flooding."""
_POLICY_VIOLATION, _UNSUPPORTED_DATA = 1008, 1003
_SESSION_PATTERN = r"^[A-Za-z0-9_.:-]+$"


class RealtimeStart(BaseModel):
    type: Literal["start"]
    sample_rate: int = Field(description="Must be 16000: 16-bit mono PCM at 16 kHz.")
    language: LanguageChoice | None = None
    session_id: str | None = Field(None, min_length=1, max_length=128, pattern=_SESSION_PATTERN)
    customer_id: int | None = Field(None, ge=1)


class BrowserTransport:
    def __init__(self, websocket: WebSocket):
        self.websocket = websocket
        self._lock = asyncio.Lock()
        self.closed = False

    async def send_event(self, event: dict[str, Any]) -> None:
        await self._send({"type": "websocket.send", "text": json.dumps(event, ensure_ascii=False)})

    async def send_audio(self, pcm16: bytes, sample_rate: int) -> None:
        await self._send({"type": "websocket.send", "bytes": pcm16})

    async def _send(self, message: dict[str, Any]) -> None:
        if self.closed:
            return
        async with self._lock:
            try:
                await self.websocket.send(message)
            except (WebSocketDisconnect, RuntimeError, OSError):  # the browser went away mid-answer: a hang-up
                self.closed = True

    async def clear_audio(self) -> None:
        await self.send_event({"type": "clear"})

    async def sentence_sent(self, seq: int) -> None:
        return None

    async def hang_up(self, reason: str) -> None:
        await self.send_event({"type": "bye", "reason": reason})
        await self.close(1000, reason)

    async def close(self, code: int, reason: str) -> None:
        if self.closed:
            return
        self.closed = True
        if self.websocket.client_state == WebSocketState.CONNECTED:
            try:
                await self.websocket.close(code=code, reason=reason[:120])
            except (RuntimeError, WebSocketDisconnect):  # already closing from the other side
                pass


@router.websocket("/ws/realtime")
async def realtime_socket(websocket: WebSocket) -> None:
    """Hands-free conversation (see the module docstring for the protocol)."""
    services: Services = websocket.app.state.services
    if not _origin_allowed(websocket, services):
        await websocket.close(code=_POLICY_VIOLATION, reason="Origin not allowed.")
        return
    api_key = websocket.headers.get("x-api-key") or websocket.query_params.get("api_key")
    try:
        caller = resolve_caller(services.settings, api_key, websocket.client.host if websocket.client else None)
    except Unauthorized as exc:
        await refuse(websocket, 401, exc.detail)
        return
    async with a_line(websocket, services, "All hands-free lines are busy: try again in a minute.") as held:
        if held:
            await BrowserSession(websocket, services, caller).serve()


class BrowserSession:
    def __init__(self, websocket: WebSocket, services: Services, caller: Caller):
        self.websocket = websocket
        self.services = services
        self.caller = caller
        self.transport = BrowserTransport(websocket)

    async def fail(self, detail: str, code: int = _POLICY_VIOLATION) -> None:
        await self.transport.send_event({"type": "error", "detail": detail, "fatal": True})
        await self.transport.close(code, detail)

    async def serve(self) -> None:
        start = await self._start()
        if start is None:
            return
        from voice.realtime.session import RealtimeSession, SessionSettings

        services = self.services
        try:
            customer_id = self.caller.customer_for(start.customer_id, services.settings)
        except Unauthorized as exc:
            await self.fail(exc.detail)
            return
        session_id = start.session_id or uuid.uuid4().hex
        language = language_choice(start.language)
        agent = AgentLine(services, session_id, customer_id)
        try:
            session = RealtimeSession(
                self.transport, services.voice, agent.respond, SessionSettings.from_settings(services.settings),
                language=language, on_heard=agent.heard, on_withdrawn=agent.withdrawn,
                completeness=await asyncio.to_thread(sentence_completeness, services),
            )
        except Exception:  # the client is waiting for `ready`: it gets a reason and a closed socket, not silence
            log.exception("hands-free session could not start")
            await self.fail("The hands-free session could not start (internal error): try again later.", 1011)
            return
        await session.start()
        await self.transport.send_event({
            "type": "ready", "session_id": session_id, "customer_id": customer_id, "sample_rate": SAMPLE_RATE,
        })
        try:
            await self._pump(session)
        finally:
            await session.close("disconnected")
            await self.transport.close(1000, session.close_reason or "closed")

    async def _start(self) -> RealtimeStart | None:
        try:
            message = await asyncio.wait_for(self.websocket.receive(), _START_TIMEOUT_S)
        except TimeoutError:
            await self.fail("No 'start' message arrived: send it first.")
            return None
        if message["type"] == "websocket.disconnect":
            return None
        try:
            frame = json.loads(message.get("text") or "")
            start = RealtimeStart.model_validate(frame)
        except (json.JSONDecodeError, TypeError):
            await self.fail("The first message must be the JSON 'start' message.")
            return None
        except ValidationError as exc:
            await self.fail(_error_detail(exc))
            return None
        if start.sample_rate != SAMPLE_RATE:
            await self.fail(f"sample_rate must be {SAMPLE_RATE} (16-bit mono PCM at 16 kHz), not {start.sample_rate}.",
                            _UNSUPPORTED_DATA)
            return None
        return start

    async def _pump(self, session) -> None:
        began = time.monotonic()
        received = 0
        while not session.closed.is_set():
            message = await next_message(self.websocket, session.closed)
            if message is None:
                return
            chunk = message.get("bytes")
            if chunk is not None:
                if not chunk or len(chunk) % 2 or len(chunk) > _MAX_FRAME_BYTES:
                    await self.fail(
                        "Audio frames must be 16-bit PCM: an even number of bytes, at most 0.5 s "
                        f"({_MAX_FRAME_BYTES} bytes) each.", _UNSUPPORTED_DATA,
                    )
                    return
                received += len(chunk)
                if received / 2 / SAMPLE_RATE > time.monotonic() - began + _AHEAD_ALLOWED_S:
                    await self.fail("Audio is arriving faster than real time: stream it as it is recorded.")
                    return
                try:
                    await session.push_audio(chunk)
                except Exception:  # a bug must end this session cleanly, never the process; the log has the trace
                    log.exception("hands-free session failed")
                    await self.fail("Internal error", 1011)
                    return
                continue
            try:
                frame = json.loads(message.get("text") or "")
            except json.JSONDecodeError:
                frame = None
            kind = frame.get("type") if isinstance(frame, dict) else None
            if kind == "stop":
                await self.transport.send_event({"type": "bye", "reason": "stopped"})
                return
            await self.transport.send_event({
                "type": "error", "detail": "Send binary PCM frames, or {\"type\": \"stop\"} to end the session.",
            })
