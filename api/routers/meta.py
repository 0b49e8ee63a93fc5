"""What the service is, whether it is healthy, and its metrics."""

from __future__ import annotations

import asyncio
from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST

from api.deps import Services, ServicesDep
from api.schemas import ApiInfo, ComponentHealth, Health
from api.security import is_local_mode
from core.i18n import languages
from core.settings import LLMProvider

router = APIRouter(tags=["service"])

_ESSENTIAL = ("database", "llm")


def service_version() -> str:
    try:
        return version("apitap")
    except PackageNotFoundError:
        return "0.1.0+source"


@router.get("/api", response_model=ApiInfo)
async def api_info(services: ServicesDep) -> ApiInfo:
    """Name, version, configured engines and languages, and whether the local demo customer picker is on."""
    settings = services.settings
    llm_model = {
        LLMProvider.llamacpp: str(settings.llm_model_path or "qwen2.5-coder-1.5b-instruct (packaged GGUF)"),
        LLMProvider.ollama: settings.ollama_model,
        LLMProvider.openai: settings.openai_model,
    }[settings.llm_provider]
    return ApiInfo(
        name="Apitap",
        version=service_version(),
        engines={
            "llm": f"{settings.llm_provider.value}:{llm_model}",
            "stt": f"faster-whisper:{settings.whisper_model}",
            "tts_en": settings.tts_engine_en,
            "tts_es": settings.tts_engine_es,
        },
        languages=list(languages()),
        demo_customer_picker=is_local_mode(settings),
        api_key_required=bool(settings.api_keys),
        limits={
            "max_upload_mb": settings.max_upload_mb,
            "max_audio_seconds": settings.max_audio_seconds,
            "max_text_chars": settings.max_text_chars,
            "rate_limit_per_minute": settings.rate_limit_per_minute,
        },
    )


def _component_health(services: Services) -> dict[str, ComponentHealth]:
    components: dict[str, ComponentHealth] = {}
    if services.agent is not None:
        components.update({k: ComponentHealth(**v) for k, v in services.agent.health().items()})
    else:
        reason = f"not loaded: {services.agent_error or 'starting'}"
        components.update({k: ComponentHealth(status="down", detail=reason) for k in _ESSENTIAL})
    if services.voice is not None:
        components.update({k: ComponentHealth(**v) for k, v in services.voice.health().items()})
        tts = components.get("tts")
        if services.tts_failure and tts is not None and tts.status == "ok":
            components["tts"] = ComponentHealth(
                status="degraded", detail=f"{tts.detail}; the last synthesis failed ({services.tts_failure})"
            )
    else:
        reason = f"not loaded: {services.voice_error or 'starting'}"
        components.update({k: ComponentHealth(status="down", detail=reason) for k in ("stt", "tts")})
    components["rate_limit"] = ComponentHealth(**services.limiter.health())
    return components


@router.get(
    "/health", response_model=Health,
    responses={503: {"model": Health, "description": "The database or the LLM is down."}},
)
async def health(services: ServicesDep) -> JSONResponse:
    """ok: everything works; degraded: some feature is off (e.g. speech) but questions are answered; down: the
    database or the LLM is down (503)."""
    # Health probes touch the database and the LLM: off the event loop.
    components = await asyncio.to_thread(_component_health, services)
    if any(components[name].status == "down" for name in _ESSENTIAL):
        status = "down"
    elif all(component.status == "ok" for component in components.values()):
        status = "ok"
    else:
        status = "degraded"
    body = Health(status=status, components=components)
    return JSONResponse(body.model_dump(), status_code=503 if status == "down" else 200)


@router.get("/metrics", include_in_schema=False)
async def metrics(services: ServicesDep) -> Response:
    return Response(services.metrics.render(), media_type=CONTENT_TYPE_LATEST)
