"""Conversation turns over HTTP: typed (`/text-query`, and its server-sent-events variant `/text-query/stream`)
and spoken (`/process-voice`).

A turn answers as soon as its text is ready. With `speak`, the audio is synthesised after that and `audio_url`
serves it once made (a GET that arrives first waits for it); `wait_for_audio` makes the turn wait instead, and then
`timings_ms` holds `tts_total` too.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, aclosing
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, UploadFile
from sqlalchemy.exc import SQLAlchemyError
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.background import BackgroundTask

from agent.contract import DoneEvent, TokenEvent, ToolCallEvent, TurnRequest, TurnResult
from agent.service import AgentService, InvalidTurn
from api.audio_cache import AudioStoreError
from api.deps import AgentDep, CallerDep, Services, ServicesDep, WorkQueueDep
from api.schemas import AUTO, LanguageChoice, TextQuery, Transcription, TurnResponse, VoiceTurnResponse
from api.security import Caller, Unauthorized
from core import tracing
from core.i18n import Language
from voice.interfaces import AudioInputError, EngineUnavailable, TextInputError

log = logging.getLogger(__name__)

router = APIRouter(tags=["conversation"])

_ERRORS = {
    401: {"description": "customer_id sent without a valid X-API-Key (when keys are configured)."},
    404: {"description": "A trusted customer_id names no customer."},
    413: {"description": "The upload is over the size limit."},
    422: {"description": "Unusable input: empty or too long text, audio that cannot be decoded or holds no speech."},
    429: {"description": "Rate limit reached; see Retry-After."},
    503: {"description": "The work queue is full (see Retry-After) or a needed component is unavailable."},
}


def spoken_language(choice: LanguageChoice | None) -> Language | None:
    return None if choice in (None, AUTO) else choice


def customer_for(caller: Caller, requested: int | None, services: Services) -> int | None:
    try:
        return caller.customer_for(requested, services.settings)
    except Unauthorized as exc:
        raise HTTPException(401, exc.detail, headers={"WWW-Authenticate": "X-API-Key"}) from None


def unknown_customer_detail(customer_id: int) -> str:
    return f"Customer {customer_id} does not exist: send the id of an existing customer, or none to ask anonymously."


async def trusted_customer(caller: Caller, requested: int | None, services: Services, agent: AgentService) -> int | None:
    """The customer this caller acts for (401 when it may not), checked to exist (404): a mistyped id must not
    quietly become a customer with no orders."""
    customer = customer_for(caller, requested, services)
    if customer is None:
        return None
    try:
        exists = await asyncio.to_thread(agent.customer_exists, customer)
    except SQLAlchemyError as exc:
        # The records are down: the turn goes ahead and the agent tells the caller so in their language.
        log.warning("could not check the customer id", extra={"error": type(exc).__name__})
        return customer
    if not exists:
        raise HTTPException(404, unknown_customer_detail(customer))
    return customer


def audio_input_error(exc: AudioInputError) -> HTTPException:
    return HTTPException(413 if exc.kind == "too_large" else 422, exc.message)


async def transcribe(services: Services, audio: bytes, language: Language | None) -> Transcription:
    """Speech to text in a worker thread; bad audio → 413/422, engine down → 503, no words → 422."""
    if services.voice is None:
        raise HTTPException(503, f"Speech recognition is not available: {services.voice_error or 'not loaded'}.")
    began = time.perf_counter()
    try:
        with tracing.span("voice.stt", language=language or "auto", audio_bytes=len(audio)):
            heard = await asyncio.to_thread(services.voice.transcribe, audio, language)
    except AudioInputError as exc:
        raise audio_input_error(exc) from None
    except EngineUnavailable as exc:
        raise HTTPException(503, f"Speech recognition is not available: {exc}.") from None
    services.metrics.observe_ms("stt", (time.perf_counter() - began) * 1000)
    if not heard.text.strip():
        raise HTTPException(422, "No speech was recognised in the audio.")
    return Transcription(text=heard.text, language=heard.language, duration_s=round(heard.duration_s, 2))


async def answer(agent: AgentService, request: TurnRequest, services: Services) -> TurnResult:
    began = time.perf_counter()
    try:
        result = await agent.run_turn(request)
    except InvalidTurn as exc:
        raise HTTPException(422, str(exc)) from None
    services.metrics.observe_ms("agent", (time.perf_counter() - began) * 1000)
    services.note_turn(result)
    return result


@dataclass
class SpeechJob:
    """An answer being synthesised into the audio cache under `audio_id`. `done` resolves to (why there is no
    audio, or None; synthesis milliseconds, or None)."""

    audio_id: str
    done: asyncio.Future[tuple[str | None, float | None]]

    @property
    def audio_url(self) -> str:
        return f"/audio/{self.audio_id}"


async def start_speaking(services: Services, text: str, language: Language) -> tuple[SpeechJob | None, str | None]:
    """Reserve an audio id and synthesise `text` into it in the background. Returns (the job, None), or (None, why
    not) — the text answer is worth sending even when its audio cannot be made."""
    if services.voice is None:
        return None, f"Speech synthesis is not available: {services.voice_error or 'not loaded'}."
    try:
        audio_id = await asyncio.to_thread(services.audio_cache.reserve)
    except AudioStoreError as exc:
        services.metrics.errors.labels(kind="audio_cache").inc()
        return None, exc.reason
    task = asyncio.create_task(_speak_into(services, audio_id, text, language))
    services.keep(task)
    return SpeechJob(audio_id, task), None


async def _speak_into(services: Services, audio_id: str, text: str, language: Language) -> tuple[str | None, float | None]:
    assert services.voice is not None
    began = time.perf_counter()
    failure: str | None = None
    try:
        async with services.speech_slot:
            began = time.perf_counter()
            with tracing.span("voice.tts", language=language, chars=len(text)):
                spoken = await asyncio.to_thread(services.voice.synthesize, text, language, None)
        tts_ms = _since_ms(began)
        services.note_tts(None)
        services.metrics.observe_ms("tts", tts_ms)
        await asyncio.to_thread(services.audio_cache.store, spoken.to_wav(), audio_id)
        return None, tts_ms
    except TextInputError as exc:
        failure = exc.message
    except EngineUnavailable as exc:
        failure = f"Speech synthesis is not available: {exc}."
    except AudioStoreError as exc:
        services.metrics.errors.labels(kind="audio_cache").inc()
        failure = exc.reason
    except asyncio.CancelledError:
        failure = "The server stopped before the audio was made."
        raise
    except Exception as exc:  # a TTS bug must not cost the caller the text answer; the traceback goes to the log
        log.exception("speech synthesis failed")
        services.note_tts(type(exc).__name__)
        failure = "Speech synthesis failed."
    finally:
        if failure is not None:
            services.audio_cache.fail(audio_id, failure)
    return failure, None


async def speak_answer(
    services: Services, text: str, language: Language, wait: bool
) -> tuple[str | None, str | None, float | None]:
    """(audio_url, audio_error, synthesis milliseconds when waited for)."""
    job, error = await start_speaking(services, text, language)
    if job is None:
        return None, error, None
    if not wait:
        return job.audio_url, None, None
    error, tts_ms = await job.done
    return (None if error else job.audio_url), error, tts_ms


def _since_ms(began: float) -> float:
    return round((time.perf_counter() - began) * 1000, 1)


def with_timings(result: TurnResult, **stages: float | None) -> dict[str, Any]:
    """The turn's fields, its `timings_ms` completed with the stages the API ran around the agent."""
    timings = dict(result.timings_ms)
    timings.update({name: value for name, value in stages.items() if value is not None})
    return {**result.model_dump(), "timings_ms": timings}


@router.post("/text-query", response_model=TurnResponse, responses=_ERRORS)
async def text_query(
    body: TextQuery, agent: AgentDep, caller: CallerDep, services: ServicesDep, work: WorkQueueDep
) -> TurnResponse:
    """Answer a typed question. Returns as soon as the text answer is ready; with `speak` (default) its audio
    follows at `audio_url`, whose GET waits until the audio is made. `wait_for_audio` returns only once it is.

    `timings_ms` (milliseconds): `queue` (waiting for a worker), the agent's stages (`call_model`, `tools`,
    `respond`, `total`), `tts_total` (with `wait_for_audio`) and `request` (all this server did for the request)."""
    began = time.perf_counter()
    request = TurnRequest(
        text=body.text, session_id=body.session_id, language=spoken_language(body.language),
        customer_id=await trusted_customer(caller, body.customer_id, services, agent),
    )
    async with work.slot():
        queue_ms = _since_ms(began)
        result = await answer(agent, request, services)
        audio_url, audio_error, tts_ms = (
            await speak_answer(services, result.response, result.language, body.wait_for_audio)
            if body.speak else (None, None, None)
        )
    fields = with_timings(result, queue=queue_ms, tts_total=tts_ms, request=_since_ms(began))
    return TurnResponse(**fields, audio_url=audio_url, audio_error=audio_error)


_STREAM_DESCRIPTION = (
    "Server-sent events: `tool_call` {name, args}; `token` {text} while the answer is written; `done` (the body "
    "/text-query returns, `audio_url` included); with `speak`, `audio` {audio_url, audio_error, timings_ms: "
    "{tts_total}} once the audio is made; `error` {detail} if the turn fails midway."
)


@router.post(
    "/text-query/stream",
    response_class=EventSourceResponse,
    responses={**_ERRORS, 200: {"content": {"text/event-stream": {}}, "description": _STREAM_DESCRIPTION}},
)
async def text_query_stream(
    body: TextQuery, agent: AgentDep, caller: CallerDep, services: ServicesDep, work: WorkQueueDep
) -> EventSourceResponse:
    """`/text-query` as server-sent events: the answer's words as they are written, then the whole turn, then its
    audio. Refusals (401, 404, 429, 503 with the queue full) are plain JSON responses, before any event."""
    began = time.perf_counter()
    request = TurnRequest(
        text=body.text, session_id=body.session_id, language=spoken_language(body.language),
        customer_id=await trusted_customer(caller, body.customer_id, services, agent),
    )
    held = AsyncExitStack()
    await held.enter_async_context(work.slot())
    queue_ms = _since_ms(began)
    # The events release the worker as soon as the answer is written; the background task covers a client that
    # left before the first event (the events' own `finally` never runs then).
    return EventSourceResponse(_turn_events(agent, request, body, services, held, began, queue_ms),
                               background=BackgroundTask(held.aclose))


async def _turn_events(
    agent: AgentService, request: TurnRequest, body: TextQuery, services: Services, held: AsyncExitStack,
    began: float, queue_ms: float,
) -> AsyncIterator[ServerSentEvent]:
    try:
        result: TurnResult | None = None
        agent_began = time.perf_counter()
        try:
            async with aclosing(agent.stream_turn(request)) as events:
                async for event in events:
                    if isinstance(event, ToolCallEvent):
                        yield _sse("tool_call", {"name": event.name, "args": event.args})
                    elif isinstance(event, TokenEvent):
                        yield _sse("token", {"text": event.text})
                    elif isinstance(event, DoneEvent):
                        result = event.result
        except InvalidTurn as exc:
            yield _sse("error", {"detail": str(exc)})
            return
        assert result is not None  # stream_turn always ends with DoneEvent
        services.metrics.observe_ms("agent", _since_ms(agent_began))
        services.note_turn(result)
        job, audio_error = await start_speaking(services, result.response, result.language) if body.speak else (
            None, None)
        await held.aclose()  # the worker is free for the next turn while the audio is made
        fields = with_timings(result, queue=queue_ms, request=_since_ms(began))
        done = TurnResponse(**fields, audio_url=job.audio_url if job else None, audio_error=audio_error)
        yield _sse("done", done.model_dump(mode="json"))
        if job is not None:
            error, tts_ms = await job.done
            yield _sse("audio", {"audio_url": None if error else job.audio_url, "audio_error": error,
                                 "timings_ms": {} if tts_ms is None else {"tts_total": tts_ms}})
    finally:
        await held.aclose()


def _sse(event: str, data: dict[str, Any]) -> ServerSentEvent:
    return ServerSentEvent(event=event, data=json.dumps(data, ensure_ascii=False))


@router.post("/process-voice", response_model=VoiceTurnResponse, responses=_ERRORS)
async def process_voice(
    agent: AgentDep,
    caller: CallerDep,
    services: ServicesDep,
    work: WorkQueueDep,
    audio: Annotated[UploadFile | None, File(description="The question as audio: wav, webm/opus, ogg, mp3, m4a.")] = None,
    session_id: Annotated[str | None, Form(max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")] = None,
    customer_id: Annotated[int | None, Form(ge=1)] = None,
    language: Annotated[LanguageChoice | None, Form()] = None,
    speak: Annotated[bool, Form()] = True,
    wait_for_audio: Annotated[bool, Form()] = False,
) -> VoiceTurnResponse:
    """The whole voice pipeline: transcribe the recording, answer it, and (with `speak`) synthesise the answer,
    which follows at `audio_url` as for `/text-query`. `timings_ms` adds `stt` (speech to text) to its stages."""
    began = time.perf_counter()
    if audio is None:
        raise HTTPException(422, "No audio: send the recording as the multipart file field 'audio'.")
    customer = await trusted_customer(caller, customer_id, services, agent)
    data = await audio.read()
    async with work.slot():
        queue_ms = _since_ms(began)
        stt_began = time.perf_counter()
        heard = await transcribe(services, data, spoken_language(language))
        stt_ms = _since_ms(stt_began)
        request = TurnRequest(
            text=heard.text, session_id=session_id, customer_id=customer,
            language=spoken_language(language) or heard.language, channel="voice",
        )
        result = await answer(agent, request, services)
        audio_url, audio_error, tts_ms = (
            await speak_answer(services, result.response, result.language, wait_for_audio) if speak else (None, None, None)
        )
    fields = with_timings(result, queue=queue_ms, stt=stt_ms, tts_total=tts_ms, request=_since_ms(began))
    return VoiceTurnResponse(**fields, transcription=heard, audio_url=audio_url, audio_error=audio_error)
