"""Conversation turns over HTTP: typed (`/text-query`) and spoken (`/process-voice`)."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, HTTPException, UploadFile

from agent.contract import TurnRequest, TurnResult
from agent.service import AgentService, InvalidTurn
from api.audio_cache import AudioStoreError
from api.deps import AgentDep, CallerDep, Services, ServicesDep, WorkQueueDep
from api.schemas import LanguageChoice, TextQuery, Transcription, TurnResponse, VoiceTurnResponse
from api.security import Caller, Unauthorized
from voice.interfaces import AudioInputError, EngineUnavailable, TextInputError

log = logging.getLogger(__name__)

router = APIRouter(tags=["conversation"])

_ERRORS = {
    401: {"description": "customer_id sent without a valid X-API-Key (when keys are configured)."},
    413: {"description": "The upload is over the size limit."},
    422: {"description": "Unusable input: empty or too long text, audio that cannot be decoded or holds no speech."},
    429: {"description": "Rate limit reached; see Retry-After."},
    503: {"description": "The work queue is full (see Retry-After) or a needed component is unavailable."},
}


def spoken_language(choice: LanguageChoice | None) -> Literal["en", "es"] | None:
    return None if choice in (None, "auto") else choice  # type: ignore[return-value]


def customer_for(caller: Caller, requested: int | None, services: Services) -> int | None:
    try:
        return caller.customer_for(requested, services.settings)
    except Unauthorized as exc:
        raise HTTPException(401, exc.detail, headers={"WWW-Authenticate": "X-API-Key"}) from None


def audio_input_error(exc: AudioInputError) -> HTTPException:
    return HTTPException(413 if exc.kind == "too_large" else 422, exc.message)


async def transcribe(services: Services, audio: bytes, language: Literal["en", "es"] | None) -> Transcription:
    """Speech to text in a worker thread; bad audio → 413/422, engine down → 503, no words → 422."""
    if services.voice is None:
        raise HTTPException(503, f"Speech recognition is not available: {services.voice_error or 'not loaded'}.")
    began = time.perf_counter()
    try:
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
    return result


async def speak_to_cache(services: Services, text: str, language: Literal["en", "es"]) -> tuple[str | None, str | None]:
    """Synthesise `text` and keep it in the audio cache. Returns (audio id, None) or (None, why not) — the text
    answer is worth sending even when its audio cannot be made."""
    if services.voice is None:
        return None, f"Speech synthesis is not available: {services.voice_error or 'not loaded'}."
    began = time.perf_counter()
    try:
        spoken = await asyncio.to_thread(services.voice.synthesize, text, language, None)
    except TextInputError as exc:
        return None, exc.message
    except EngineUnavailable as exc:
        return None, f"Speech synthesis is not available: {exc}."
    except Exception as exc:  # a TTS bug must not cost the caller the text answer; the traceback goes to the log
        log.exception("speech synthesis failed")
        services.note_tts(type(exc).__name__)
        return None, "Speech synthesis failed."
    services.note_tts(None)
    services.metrics.observe_ms("tts", (time.perf_counter() - began) * 1000)
    try:
        return await asyncio.to_thread(services.audio_cache.store, spoken.to_wav()), None
    except AudioStoreError as exc:
        services.metrics.errors.labels(kind="audio_cache").inc()
        return None, exc.reason


def _audio_url(audio_id: str | None) -> str | None:
    return None if audio_id is None else f"/audio/{audio_id}"


@router.post("/text-query", response_model=TurnResponse, responses=_ERRORS)
async def text_query(
    body: TextQuery, agent: AgentDep, caller: CallerDep, services: ServicesDep, work: WorkQueueDep
) -> TurnResponse:
    """Answer a typed question; with `speak` (default) the spoken answer is at `audio_url`."""
    request = TurnRequest(
        text=body.text, session_id=body.session_id, language=spoken_language(body.language),
        customer_id=customer_for(caller, body.customer_id, services),
    )
    async with work.slot():
        result = await answer(agent, request, services)
        audio_id, audio_error = (
            await speak_to_cache(services, result.response, result.language) if body.speak else (None, None)
        )
    return TurnResponse(**result.model_dump(), audio_url=_audio_url(audio_id), audio_error=audio_error)


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
) -> VoiceTurnResponse:
    """The whole voice pipeline: transcribe the recording, answer it, and (with `speak`) synthesise the answer."""
    if audio is None:
        raise HTTPException(422, "No audio: send the recording as the multipart file field 'audio'.")
    customer = customer_for(caller, customer_id, services)
    data = await audio.read()
    async with work.slot():
        heard = await transcribe(services, data, spoken_language(language))
        request = TurnRequest(
            text=heard.text, session_id=session_id, customer_id=customer,
            language=spoken_language(language) or heard.language,
        )
        result = await answer(agent, request, services)
        audio_id, audio_error = (
            await speak_to_cache(services, result.response, result.language) if speak else (None, None)
        )
    return VoiceTurnResponse(
        **result.model_dump(), transcription=heard, audio_url=_audio_url(audio_id), audio_error=audio_error
    )
