"""Generated answer audio, fetched by the opaque id a turn returned."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse

from api.audio_cache import AudioFailed, AudioNotFound, AudioPending, InvalidAudioId
from api.deps import CallerDep, ServicesDep

router = APIRouter(tags=["audio"])

_RESPONSES = {
    200: {"content": {"audio/wav": {}}},
    400: {"description": "The id is not 32 hexadecimal characters."},
    404: {"description": "No audio with this id (never made, or expired)."},
    503: {"description": "The spoken answer could not be made (the detail says why)."},
    504: {"description": "The spoken answer was still being synthesised after the wait; ask again."},
}
# A turn answers as soon as its text is ready and its audio follows: a GET that arrives first waits this long.
_PENDING_WAIT_S = 60.0
_PENDING_POLL_S = 0.05


async def _audio_file(services: ServicesDep, audio_id: str) -> FileResponse:
    give_up = time.monotonic() + _PENDING_WAIT_S
    while True:
        try:
            path = await asyncio.to_thread(services.audio_cache.path_for, audio_id)
            break
        except InvalidAudioId:
            raise HTTPException(400, "Invalid audio id: expected 32 hexadecimal characters.") from None
        except AudioNotFound:
            raise HTTPException(404, "No audio with this id (it may have expired).") from None
        except AudioFailed as exc:
            raise HTTPException(503, f"The spoken answer could not be made: {exc.reason}") from None
        except AudioPending:
            if time.monotonic() > give_up:
                raise HTTPException(
                    504, f"The spoken answer is still being made after {_PENDING_WAIT_S:g} s; ask again."
                ) from None
            await asyncio.sleep(_PENDING_POLL_S)
    return FileResponse(path, media_type="audio/wav", filename=f"answer-{audio_id}.wav",
                        content_disposition_type="inline")


@router.get("/audio/{audio_id}", response_class=FileResponse, responses=_RESPONSES)
async def get_audio(audio_id: str, caller: CallerDep, services: ServicesDep) -> FileResponse:
    """The WAV of a spoken answer (`audio_url` of a turn). A turn answers as soon as its text is ready; when its
    audio is still being synthesised, this waits for it (up to 60 s) and then sends it."""
    return await _audio_file(services, audio_id)


@router.get("/download-audio", response_class=FileResponse, responses=_RESPONSES)
async def download_audio(
    audio_id: Annotated[str, Query(alias="id", description="The audio id from `audio_url`.")],
    caller: CallerDep,
    services: ServicesDep,
) -> FileResponse:
    """The same WAV as `/audio/{id}` (the original service's download endpoint)."""
    return await _audio_file(services, audio_id)
