"""`WS /ws/voice`: streaming turns — audio or text in; transcript, tool calls, answer tokens and sentence audio out.

Client → server: `start` (session settings), binary audio chunks then `end`, `text`, `interrupt`.
Server → client: `session`, `transcript`, `tool_call`, `token`, `audio` (+ one binary WAV frame), `done`,
`interrupted`, `error`. The full protocol is in the README.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.exc import SQLAlchemyError
from starlette.websockets import WebSocketState

from agent.contract import DoneEvent, TokenEvent, ToolCallEvent, TurnRequest, TurnResult
from agent.language import detect_language
from agent.service import InvalidTurn
from api.deps import Services
from api.routers.turns import unknown_customer_detail
from api.schemas import LanguageChoice
from api.security import Caller, QueueFull, Unauthorized, resolve_caller
from core import tracing
from core.logging import request_id_var, session_id_var
from voice.interfaces import AudioInputError, EngineUnavailable, Language, SynthesizedAudio, TextToSpeech
from voice.pipeline import speak_stream

log = logging.getLogger(__name__)

router = APIRouter(tags=["voice"])

_SESSION_PATTERN = r"^[A-Za-z0-9_.:-]+$"
# RFC 6455 "policy violation": the close code for a refused origin or key.
_POLICY_VIOLATION = 1008


class StartFrame(BaseModel):
    type: Literal["start"]
    session_id: str | None = Field(None, min_length=1, max_length=128, pattern=_SESSION_PATTERN)
    customer_id: int | None = Field(None, ge=1)
    language: LanguageChoice | None = None
    speak: bool = True


class TextFrame(BaseModel):
    type: Literal["text"]
    text: str


@dataclass
class Conversation:
    session_id: str
    customer_id: int | None = None
    language: Language | None = None
    """Fixed by `start`; None: detect per turn."""
    last_language: Language | None = None
    """The language of the last answer; None before the first, when the caller's first words decide it."""
    speak: bool = True
    announced: bool = False


class SentenceRecorder:
    """A TextToSpeech wrapper that remembers which sentence each synthesised clip speaks, in order, so every
    `audio` frame can carry its text (speak_stream yields the audio alone)."""

    def __init__(self, tts: TextToSpeech):
        self.name = tts.name
        self._tts = tts
        self.sentences: deque[str] = deque()
        self.synthesis_s = 0.0
        """Time spent synthesising, all sentences together."""

    def synthesize(self, text: str, language: Language, voice: str | None = None) -> SynthesizedAudio:
        self.sentences.append(text)
        began = time.perf_counter()
        try:
            with tracing.span("voice.tts", language=language, chars=len(text)):
                return self._tts.synthesize(text, language, voice)
        finally:
            self.synthesis_s += time.perf_counter() - began


def _origin_allowed(websocket: WebSocket, services: Services) -> bool:
    """Browsers let any web page open a socket to 127.0.0.1; only the page this server serves (or a configured
    CORS origin) may, or a site the user visits could talk to the assistant as the local demo customer."""
    origin = websocket.headers.get("origin")
    if origin is None:
        return True
    if origin in services.settings.cors_origins:
        return True
    return urlsplit(origin).netloc.lower() == websocket.headers.get("host", "").lower()


def _error_detail(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'message'}: {e['msg']}" for e in exc.errors(include_url=False)
    )


class VoiceSocket:
    def __init__(self, websocket: WebSocket, services: Services, caller: Caller):
        self.websocket = websocket
        self.services = services
        self.caller = caller
        self.conversation = Conversation(session_id=uuid.uuid4().hex)
        self.audio = bytearray()
        self.audio_overflow = False
        self.turn: asyncio.Task[None] | None = None
        self._send_lock = asyncio.Lock()
        self._max_audio_bytes = int(services.settings.max_upload_mb * 1024 * 1024)

    # --- sending --------------------------------------------------------------------------------------------

    async def send(self, payload: dict[str, Any]) -> None:
        async with self._send_lock:
            await self.websocket.send_text(json.dumps(payload, ensure_ascii=False))

    async def send_error(self, detail: str, **extra: Any) -> None:
        await self.send({"type": "error", "detail": detail, **extra})

    async def send_audio(self, seq: int, text: str, wav: bytes) -> None:
        # The header and its binary frame must not be split by another task's message.
        async with self._send_lock:
            await self.websocket.send_text(json.dumps(
                {"type": "audio", "seq": seq, "text": text, "mime": "audio/wav", "bytes": len(wav)},
                ensure_ascii=False,
            ))
            await self.websocket.send_bytes(wav)

    async def announce_session(self) -> None:
        self.conversation.announced = True
        await self.send({
            "type": "session", "session_id": self.conversation.session_id,
            "customer_id": self.conversation.customer_id,
        })

    # --- receiving ------------------------------------------------------------------------------------------

    async def serve(self) -> None:
        try:
            while True:
                message = await self.websocket.receive()
                if message["type"] == "websocket.disconnect":
                    return
                if message.get("bytes") is not None:
                    self.take_audio(message["bytes"])
                elif message.get("text") is not None:
                    await self.on_text(message["text"])
        except WebSocketDisconnect:
            return
        finally:
            await self.stop_turn()

    def take_audio(self, chunk: bytes) -> None:
        if self.audio_overflow:
            return
        if len(self.audio) + len(chunk) > self._max_audio_bytes:
            # Keep reading (and dropping) until `end`, then say why: the client may still be streaming.
            self.audio_overflow = True
            self.audio.clear()
            return
        self.audio.extend(chunk)

    async def on_text(self, raw: str) -> None:
        try:
            frame = json.loads(raw)
        except json.JSONDecodeError:
            await self.send_error("Messages must be JSON objects with a 'type'.")
            return
        kind = frame.get("type") if isinstance(frame, dict) else None
        if kind == "start":
            await self.on_start(frame)
        elif kind == "end":
            await self.on_end()
        elif kind == "text":
            try:
                typed = TextFrame.model_validate(frame)
            except ValidationError as exc:
                await self.send_error(_error_detail(exc))
                return
            await self.begin_turn(said=typed.text, audio=None)
        elif kind == "interrupt":
            await self.stop_turn()
            await self.send({"type": "interrupted"})
        else:
            await self.send_error("Unknown message type: expected start, end, text or interrupt.")

    async def on_start(self, frame: dict[str, Any]) -> None:
        try:
            start = StartFrame.model_validate(frame)
        except ValidationError as exc:
            await self.send_error(_error_detail(exc))
            return
        conversation = self.conversation
        if start.session_id:
            conversation.session_id = start.session_id
        conversation.language = None if start.language in (None, "auto") else start.language  # type: ignore[assignment]
        conversation.speak = start.speak
        try:
            conversation.customer_id = self.caller.customer_for(start.customer_id, self.services.settings)
        except Unauthorized as exc:
            conversation.customer_id = None
            await self.send_error(exc.detail)
        if conversation.customer_id is not None and not await self._customer_exists(conversation.customer_id):
            await self.send_error(unknown_customer_detail(conversation.customer_id), status=404)
            conversation.customer_id = None
        await self.announce_session()

    async def _customer_exists(self, customer_id: int) -> bool:
        agent = self.services.agent
        # Without the agent (or its database) there is nothing to check against; turns report that themselves.
        if agent is None:
            return True
        try:
            return await asyncio.to_thread(agent.customer_exists, customer_id)
        except SQLAlchemyError:
            log.exception("customer lookup failed")
            return True

    async def on_end(self) -> None:
        audio, overflow = bytes(self.audio), self.audio_overflow
        self.audio.clear()
        self.audio_overflow = False
        if overflow:
            limit = self.services.settings.max_upload_mb
            await self.send_error(f"The recording is too large: the limit is {limit:g} MB.")
        elif not audio:
            await self.send_error("No audio was received before 'end'.")
        else:
            await self.begin_turn(said=None, audio=audio)

    # --- turns ----------------------------------------------------------------------------------------------

    async def begin_turn(self, said: str | None, audio: bytes | None) -> None:
        # A new question while an answer is still playing is a barge-in: the old turn gives way.
        if self.turn is not None and not self.turn.done():
            await self.stop_turn()
            await self.send({"type": "interrupted"})
        self.turn = asyncio.create_task(self.run_turn(said, audio, ended_at=time.perf_counter()))

    async def stop_turn(self) -> None:
        turn, self.turn = self.turn, None
        if turn is not None and not turn.done():
            turn.cancel()
            try:
                await turn
            except asyncio.CancelledError:
                pass

    async def run_turn(self, said: str | None, audio: bytes | None, ended_at: float) -> None:
        request_id_var.set(uuid.uuid4().hex)
        session_id_var.set(self.conversation.session_id)
        try:
            retry_after = await self.services.limiter.acquire(self.caller.client_key)
            if retry_after is not None:
                self.services.metrics.rejected.labels(reason="rate_limited").inc()
                await self.send_error(f"Too many requests: try again in {retry_after} s.", retry_after_s=retry_after)
                return
            assert self.services.work is not None
            async with self.services.work.slot():
                await self._turn(said, audio, ended_at)
        except QueueFull as exc:
            self.services.metrics.rejected.labels(reason="queue_full").inc()
            await self.send_error(
                f"The server is busy: try again in {exc.retry_after_s} s.", retry_after_s=exc.retry_after_s
            )
        except asyncio.CancelledError:
            raise
        except Exception:
            if self.websocket.client_state != WebSocketState.CONNECTED:
                log.info("the client left during a turn")
                return
            log.exception("voice turn failed")
            self.services.metrics.errors.labels(kind="internal").inc()
            await self.send_error("Internal error", request_id=request_id_var.get())

    async def _turn(self, said: str | None, audio: bytes | None, ended_at: float) -> None:
        services, conversation = self.services, self.conversation
        timings: dict[str, float] = {}
        heard_language: Language | None = None
        if audio is not None:
            if services.voice is None:
                await self.send_error(f"Speech recognition is not available: {services.voice_error}.")
                return
            stt_began = time.perf_counter()
            try:
                with tracing.span("voice.stt", language=conversation.language or "auto", audio_bytes=len(audio)):
                    heard = await asyncio.to_thread(services.voice.transcribe, audio, conversation.language)
            except AudioInputError as exc:
                await self.send_error(exc.message)
                return
            except EngineUnavailable as exc:
                await self.send_error(f"Speech recognition is not available: {exc}.")
                return
            timings["stt_ms"] = _since(ended_at)
            timings["stt"] = _since(stt_began)
            services.metrics.observe_ms("stt", timings["stt_ms"])
            if not heard.text.strip():
                await self.send_error("No speech was recognised in the audio.")
                return
            said, heard_language = heard.text, heard.language
            await self.send({
                "type": "transcript", "text": heard.text, "language": heard.language,
                "duration_s": round(heard.duration_s, 2),
            })
        assert said is not None
        if services.agent is None:
            await self.send_error(f"The assistant is not available: {services.agent_error}.")
            return
        if not conversation.announced:
            await self.announce_session()

        language = conversation.language or heard_language or detect_language(said, conversation.last_language)
        request = TurnRequest(
            text=said, session_id=conversation.session_id, customer_id=conversation.customer_id, language=language,
            channel="ws",
        )
        result, audio_error = await self._stream_answer(request, language, ended_at, timings)
        if result is None:
            return
        conversation.last_language = result.language
        services.note_turn(result)
        timings["turn_ms"] = _since(ended_at)
        services.metrics.observe_ms("turn", timings["turn_ms"])
        # The turn's own timings name the speech stages as /text-query's do (first audio: from the end of the
        # caller's turn, as they hear it).
        for ours, theirs in (("stt", "stt"), ("first_audio_ms", "tts_first_audio"), ("tts_total", "tts_total")):
            if ours in timings:
                result.timings_ms[theirs] = timings[ours]
        timings.pop("stt", None)
        timings.pop("tts_total", None)
        done: dict[str, Any] = {"type": "done", "result": result.model_dump(mode="json"), "timings_ms": timings}
        if audio_error:
            done["audio_error"] = audio_error
        await self.send(done)

    async def _stream_answer(
        self, request: TurnRequest, language: Language, ended_at: float, timings: dict[str, float]
    ) -> tuple[TurnResult | None, str | None]:
        services = self.services
        tokens: asyncio.Queue[str | None] = asyncio.Queue()
        speaker: asyncio.Task[str | None] | None = None
        audio_error: str | None = None
        if self.conversation.speak:
            if services.voice is None:
                audio_error = f"Speech synthesis is not available: {services.voice_error}."
            else:
                speaker = asyncio.create_task(self._speak(_drain(tokens), language, ended_at, timings))
        result: TurnResult | None = None
        began = time.perf_counter()
        try:
            async with aclosing(services.agent.stream_turn(request)) as events:  # type: ignore[union-attr]
                async for event in events:
                    if isinstance(event, ToolCallEvent):
                        await self.send({"type": "tool_call", "name": event.name, "args": event.args})
                    elif isinstance(event, TokenEvent):
                        await self.send({"type": "token", "text": event.text})
                        tokens.put_nowait(event.text)
                    elif isinstance(event, DoneEvent):
                        result = event.result
            timings["agent_ms"] = _since(began)
            services.metrics.observe_ms("agent", timings["agent_ms"])
        except InvalidTurn as exc:
            await self.send_error(str(exc))
        except BaseException:
            if speaker is not None:
                speaker.cancel()
            raise
        finally:
            tokens.put_nowait(None)
        if speaker is not None:
            if result is None:
                speaker.cancel()
            else:
                audio_error = await speaker
        return result, audio_error

    async def _speak(
        self, tokens: AsyncIterator[str], language: Language, ended_at: float, timings: dict[str, float]
    ) -> str | None:
        """Send each sentence's audio as soon as it is synthesised. Returns why audio stopped, if it did."""
        assert self.services.voice is not None
        recorder: SentenceRecorder | None = None
        try:
            recorder = SentenceRecorder(self.services.voice.tts_for(language))
            seq = 0
            async for clip in speak_stream(tokens, language, recorder):
                if seq == 0:
                    timings["first_audio_ms"] = _since(ended_at)
                    self.services.metrics.observe_ms("first_audio", timings["first_audio_ms"])
                await self.send_audio(seq, recorder.sentences.popleft(), clip.to_wav())
                seq += 1
        except EngineUnavailable as exc:
            return f"Speech synthesis is not available: {exc}."
        except (WebSocketDisconnect, asyncio.CancelledError):
            raise
        except Exception as exc:  # a TTS bug must not cost the caller the text answer; the traceback goes to the log
            log.exception("streaming speech synthesis failed")
            self.services.note_tts(type(exc).__name__)
            return "Speech synthesis failed."
        finally:
            if recorder is not None:
                timings["tts_total"] = round(recorder.synthesis_s * 1000, 1)
        if seq:
            self.services.note_tts(None)
        return None


async def _drain(queue: asyncio.Queue[str | None]) -> AsyncIterator[str]:
    while (token := await queue.get()) is not None:
        yield token


def _since(began: float) -> float:
    return round((time.perf_counter() - began) * 1000, 1)


@router.websocket("/ws/voice")
async def voice_socket(websocket: WebSocket) -> None:
    """Streaming voice turns (see the module docstring for the protocol)."""
    services: Services = websocket.app.state.services
    if not _origin_allowed(websocket, services):
        await websocket.close(code=_POLICY_VIOLATION, reason="Origin not allowed.")
        return
    api_key = websocket.headers.get("x-api-key") or websocket.query_params.get("api_key")
    try:
        caller = resolve_caller(services.settings, api_key, websocket.client.host if websocket.client else None)
    except Unauthorized as exc:
        await websocket.accept()
        await websocket.send_text(json.dumps({"type": "error", "detail": exc.detail, "fatal": True}))
        await websocket.close(code=_POLICY_VIOLATION, reason=exc.detail)
        return
    await websocket.accept()
    await VoiceSocket(websocket, services, caller).serve()
