"""What the routes depend on: the loaded services, the caller, and the limits, as `Annotated` aliases."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader
from starlette.requests import HTTPConnection

from api.audio_cache import AudioCache
from api.metrics import ServiceMetrics
from api.security import Caller, RateLimiter, Unauthorized, WorkQueue, resolve_caller
from core.settings import Settings

if TYPE_CHECKING:
    from agent.contract import TurnResult
    from agent.review import Review
    from agent.service import AgentService
    from voice.service import VoiceService


@dataclass
class Services:
    """Everything loaded once per app. A component that failed to load is None with the reason beside it."""

    settings: Settings
    metrics: ServiceMetrics
    audio_cache: AudioCache
    limiter: RateLimiter
    agent: AgentService | None = None
    agent_error: str | None = None
    voice: VoiceService | None = None
    voice_error: str | None = None
    work: WorkQueue | None = None
    review: Review | None = None
    """Turn records and handoffs (the review page); shared with the agent, which writes them."""
    tts_failure: str | None = None
    """Why the last speech synthesis failed at run time; cleared by the next one that succeeds (shown by /health)."""
    background: set[asyncio.Task] = field(default_factory=set)
    """Work that outlives its request (answer audio made after the text was sent); cancelled at shutdown."""
    speech_slot: asyncio.Lock = field(default_factory=asyncio.Lock)
    """Answer audio made after its turn is synthesised one clip at a time: the engines share one espeak-ng, and
    several at once on a few cores only slow each other (and the turns) down."""

    def keep(self, task: asyncio.Task) -> None:
        self.background.add(task)
        task.add_done_callback(self.background.discard)

    def note_turn(self, result: TurnResult) -> None:
        """Count a turn the LLM could not serve (overloaded, timed out, unreachable) for /metrics."""
        if result.error == "llm_unavailable":
            self.metrics.errors.labels(kind="llm_unavailable").inc()
            self.metrics.llm_available.set(0)
        else:
            self.metrics.llm_available.set(1)

    def note_tts(self, failure: str | None) -> None:
        """Record how a synthesis ended: None when it succeeded, else why it failed (also counted as an error)."""
        if failure is not None:
            self.metrics.errors.labels(kind="tts").inc()
        self.tts_failure = failure


def get_services(connection: HTTPConnection) -> Services:
    return connection.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_settings_dep(services: ServicesDep) -> Settings:
    return services.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_agent(services: ServicesDep) -> AgentService:
    if services.agent is None:
        raise HTTPException(503, f"The assistant is not available: {services.agent_error or 'not loaded'}.")
    return services.agent


AgentDep = Annotated["AgentService", Depends(get_agent)]


def get_voice(services: ServicesDep) -> VoiceService:
    if services.voice is None:
        raise HTTPException(503, f"Speech is not available: {services.voice_error or 'not loaded'}.")
    return services.voice


VoiceDep = Annotated["VoiceService", Depends(get_voice)]


def get_work_queue(services: ServicesDep) -> WorkQueue:
    assert services.work is not None, "the lifespan creates the work queue"
    return services.work


WorkQueueDep = Annotated[WorkQueue, Depends(get_work_queue)]

_api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False,
    description="Service key. Needed to act for a customer (customer_id) when the server has keys configured.",
)


async def get_caller(
    request: Request, services: ServicesDep, api_key: Annotated[str | None, Security(_api_key_header)]
) -> Caller:
    """Identify the caller (401 for an invalid key) and take one token from its rate-limit bucket (429)."""
    try:
        caller = resolve_caller(services.settings, api_key, request.client.host if request.client else None)
    except Unauthorized as exc:
        services.metrics.rejected.labels(reason="unauthorized").inc()
        raise HTTPException(401, exc.detail, headers={"WWW-Authenticate": "X-API-Key"}) from None
    retry_after = await services.limiter.acquire(caller.client_key)
    if retry_after is not None:
        services.metrics.rejected.labels(reason="rate_limited").inc()
        raise HTTPException(
            429, f"Too many requests: try again in {retry_after} s.", headers={"Retry-After": str(retry_after)}
        )
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]
