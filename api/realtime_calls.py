"""What the hands-free browser socket and the phone stream share: the cap on live sessions, the agent as a
`Responder` for `voice.realtime.session` (and where it hears what the caller heard of a cut-off answer), and
building a session from the loaded services."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import aclosing, asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.responses import JSONResponse
from starlette.websockets import WebSocket, WebSocketDisconnect

from agent.contract import DoneEvent, TokenEvent, ToolCallEvent, TurnRequest
from agent.service import InvalidTurn
from api.deps import Services
from api.security import QueueFull
from core.trained_cache import load_or_train
from voice.interfaces import EngineUnavailable, Language

if TYPE_CHECKING:  # the session needs the optional hands-free extra: imported where a session runs
    from voice.realtime.completeness import Completeness
    from voice.realtime.session import Notice, Utterance

log = logging.getLogger(__name__)

_TURN_UNWIND_S = 2.0
_POLICY_VIOLATION, _TRY_AGAIN_LATER = 1008, 1013


@dataclass
class SessionSlots:
    """At most `limit` live sessions (browser and phone together); each holds a slot until it ends."""

    limit: int
    active: int = 0

    def try_take(self) -> bool:
        if self.active >= self.limit:
            return False
        self.active += 1
        return True

    def give_back(self) -> None:
        self.active = max(0, self.active - 1)


def session_slots(services: Services) -> SessionSlots:
    slots = getattr(services, "_realtime_slots", None)
    if slots is None:
        slots = SessionSlots(services.settings.realtime_max_sessions)
        services._realtime_slots = slots  # type: ignore[attr-defined]
    return slots


async def refuse(websocket: WebSocket, status: int, detail: str, retry_after_s: int | None = None) -> None:
    """Refuse the upgrade with a plain HTTP answer (503 when full) where the server supports it, else close."""
    headers = {"Retry-After": str(retry_after_s)} if retry_after_s else None
    if "websocket.http.response" in websocket.scope.get("extensions", {}):
        await websocket.send_denial_response(JSONResponse({"detail": detail}, status_code=status, headers=headers))
        return
    await websocket.accept()
    await websocket.send_text(json.dumps({"type": "error", "detail": detail, "fatal": True}))
    await websocket.close(code=_TRY_AGAIN_LATER if status == 503 else _POLICY_VIOLATION, reason=detail[:120])


@asynccontextmanager
async def a_line(websocket: WebSocket, services: Services, busy: str) -> AsyncIterator[bool]:
    """Accept the socket on one of the live-session slots for as long as the block runs (True), or refuse it with
    503 and say why (False): the agent or voice is not loaded, or every line is taken (`busy`)."""
    if (reason := unavailable_reason(services)) is not None:
        await refuse(websocket, 503, reason, retry_after_s=30)
        yield False
        return
    slots = session_slots(services)
    if not slots.try_take():
        services.metrics.rejected.labels(reason="realtime_full").inc()
        await refuse(websocket, 503, busy, retry_after_s=60)
        yield False
        return
    try:
        await websocket.accept()
        yield True
    finally:
        slots.give_back()


def sentence_completeness(services: Services) -> Completeness | None:
    """The words-based end-of-turn judge, learned from the agent's example requests. Built at startup (training
    holds the interpreter for seconds, which would stall live calls' audio) and kept in the model cache, so a later
    start loads it. None when the agent declares no tools to learn from: the word list alone then judges."""
    built = getattr(services, "_realtime_completeness", None)
    tools = getattr(services.agent, "tools", None)
    if built is None and tools:
        from agent.routing import requests_by_language
        from voice.realtime.completeness import Completeness

        corpus = requests_by_language(tools)
        try:
            built = load_or_train(services.settings.model_cache_dir, "completeness", corpus,
                                  lambda: Completeness(corpus))
        except ValueError as exc:
            log.warning("no words-based end-of-turn judge", extra={"error": str(exc)})
            return None
        services._realtime_completeness = built  # type: ignore[attr-defined]
    return built


def unavailable_reason(services: Services) -> str | None:
    """Why hands-free sessions cannot run now (None: they can)."""
    if services.voice is None:
        return f"Speech is not available: {services.voice_error or 'not loaded'}."
    if services.agent is None:
        return f"The assistant is not available: {services.agent_error or 'not loaded'}."
    try:
        import voice.realtime.pipecat_parts  # noqa: F401
    except EngineUnavailable as exc:
        return f"Hands-free audio is not installed: {exc}."
    return None


class AgentLine:
    """The agent as one hands-free session sees it: `respond` is the session's Responder (one `stream_turn` per
    caller turn, in the shared work queue), and `heard` is where the session reports what the caller heard of an
    answer that was cut off, so the conversation keeps only that."""

    def __init__(self, services: Services, session_id: str, customer_id: int | None):
        self.services = services
        self.session_id = session_id
        self.customer_id = customer_id
        self._turn_over = asyncio.Event()
        self._turn_over.set()
        self._turn_stored = False
        """The last turn reached the agent's graph, so its conversation holds the turn (and perhaps its answer)."""

    async def respond(self, utterance: Utterance) -> AsyncIterator[str | Notice]:
        from voice.realtime.session import Notice

        agent, work = self.services.agent, self.services.work
        assert agent is not None and work is not None
        request = TurnRequest(
            text=utterance.text, session_id=self.session_id, customer_id=self.customer_id, language=utterance.language
        )
        self._turn_over.clear()
        self._turn_stored = False
        try:
            async with work.slot():
                async with aclosing(agent.stream_turn(request)) as events:
                    async for event in events:
                        self._turn_stored = True
                        if isinstance(event, ToolCallEvent):
                            yield Notice({"type": "tool_call", "name": event.name, "args": event.args})
                        elif isinstance(event, TokenEvent):
                            yield event.text
                        elif isinstance(event, DoneEvent):
                            yield Notice({"type": "done", "result": event.result.model_dump(mode="json")})
        except QueueFull as exc:
            self.services.metrics.rejected.labels(reason="queue_full").inc()
            yield Notice({"type": "error", "detail": f"The server is busy: try again in {exc.retry_after_s} s."})
        except InvalidTurn as exc:
            yield Notice({"type": "error", "detail": str(exc)})
        finally:
            self._turn_over.set()

    async def heard(self, text: str) -> None:
        if not await self._stopped_turn_stored():
            return  # stopped before the agent began: its conversation holds no answer to trim
        agent = self.services.agent
        assert agent is not None
        await agent.record_heard(self.session_id, text)

    async def withdrawn(self) -> None:
        if not await self._stopped_turn_stored():
            return  # stopped before the agent began: its conversation does not hold the turn
        agent = self.services.agent
        assert agent is not None
        await agent.withdraw_turn(self.session_id)

    async def _stopped_turn_stored(self) -> bool:
        """Whether the turn just stopped reached the agent's conversation, once it has unwound: its cancellation
        reaches the graph a moment later, and its last write must come before the caller's next one."""
        try:
            async with asyncio.timeout(_TURN_UNWIND_S):
                await self._turn_over.wait()
        except TimeoutError:
            log.warning("the stopped turn was still running; going on anyway", extra={"session": self.session_id})
        return self._turn_stored


def language_choice(value: str | None) -> Language | None:
    return None if value in (None, "auto") else value  # type: ignore[return-value]


async def next_message(websocket: WebSocket, closed: asyncio.Event) -> dict | None:
    """The socket's next message, or None once the session closed or the caller hung up (the pending receive is
    cancelled, so no task outlives the call)."""
    receiving = asyncio.ensure_future(websocket.receive())
    closing = asyncio.ensure_future(closed.wait())
    done, _ = await asyncio.wait({receiving, closing}, return_when=asyncio.FIRST_COMPLETED)
    if receiving not in done:
        receiving.cancel()
        return None
    closing.cancel()
    try:
        message = receiving.result()
    except (WebSocketDisconnect, RuntimeError):
        return None
    return None if message["type"] == "websocket.disconnect" else message
