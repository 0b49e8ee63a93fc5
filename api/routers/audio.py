"""Generated answer audio, fetched by the opaque id a turn returned."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse

from api.audio_cache import AudioNotFound, InvalidAudioId
from api.deps import CallerDep, ServicesDep

router = APIRouter(tags=["audio"])

_RESPONSES = {
    200: {"content": {"audio/wav": {}}},
    400: {"description": "The id is not 32 hexadecimal characters."},
    404: {"description": "No audio with this id (never made, or expired)."},
}


def _audio_file(services: ServicesDep, audio_id: str) -> FileResponse:
    try:
        path = services.audio_cache.path_for(audio_id)
    except InvalidAudioId:
        raise HTTPException(400, "Invalid audio id: expected 32 hexadecimal characters.") from None
    except AudioNotFound:
        raise HTTPException(404, "No audio with this id (it may have expired).") from None
    return FileResponse(path, media_type="audio/wav", filename=f"answer-{audio_id}.wav",
                        content_disposition_type="inline")


@router.get("/audio/{audio_id}", response_class=FileResponse, responses=_RESPONSES)
async def get_audio(audio_id: str, caller: CallerDep, services: ServicesDep) -> FileResponse:
    """The WAV of a spoken answer (`audio_url` of a turn)."""
    return _audio_file(services, audio_id)


@router.get("/download-audio", response_class=FileResponse, responses=_RESPONSES)
async def download_audio(
    audio_id: Annotated[str, Query(alias="id", description="The audio id from `audio_url`.")],
    caller: CallerDep,
    services: ServicesDep,
) -> FileResponse:
    """The same WAV as `/audio/{id}` (the original service's download endpoint)."""
    return _audio_file(services, audio_id)
