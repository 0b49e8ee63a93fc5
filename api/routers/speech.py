"""Speech alone, without the assistant: transcribe a recording, or synthesise a text."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, UploadFile
from fastapi.responses import Response

from api.deps import CallerDep, ServicesDep, VoiceDep, WorkQueueDep
from api.routers.turns import spoken_language, transcribe
from api.schemas import LanguageChoice, SynthesizeRequest, Transcription
from voice.interfaces import EngineUnavailable, TextInputError

log = logging.getLogger(__name__)

router = APIRouter(tags=["speech"])


@router.post("/transcribe", response_model=Transcription)
async def transcribe_audio(
    caller: CallerDep,
    services: ServicesDep,
    work: WorkQueueDep,
    audio: Annotated[UploadFile | None, File(description="Audio: wav, webm/opus, ogg, mp3, m4a.")] = None,
    language: Annotated[LanguageChoice | None, Form()] = None,
) -> Transcription:
    """Speech to text (Whisper), with the detected language and the audio's duration."""
    if audio is None:
        raise HTTPException(422, "No audio: send the recording as the multipart file field 'audio'.")
    data = await audio.read()
    async with work.slot():
        return await transcribe(services, data, spoken_language(language))


@router.post("/synthesize", response_class=Response, responses={200: {"content": {"audio/wav": {}}}})
async def synthesize(
    body: SynthesizeRequest, voice: VoiceDep, caller: CallerDep, services: ServicesDep, work: WorkQueueDep
) -> Response:
    """Text to speech: a 16-bit mono WAV (English: Piper; Spanish: Kokoro)."""
    async with work.slot():
        began = time.perf_counter()
        try:
            spoken = await asyncio.to_thread(voice.synthesize, body.text, body.language or "en", body.voice)
        except TextInputError as exc:
            raise HTTPException(422, exc.message) from None
        except EngineUnavailable as exc:
            raise HTTPException(503, f"Speech synthesis is not available: {exc}.") from None
        except Exception as exc:
            log.exception("speech synthesis failed")
            services.note_tts(type(exc).__name__)
            raise HTTPException(503, "Speech synthesis failed.") from None
        services.note_tts(None)
        services.metrics.observe_ms("tts", (time.perf_counter() - began) * 1000)
    return Response(spoken.to_wav(), media_type="audio/wav")
