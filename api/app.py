"""The FastAPI application: models load once in the lifespan, and a failing component degrades only its feature.

Run with `apitap serve`, or `uvicorn api.app:app --factory`.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, HTTPException
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.audio_cache import AudioCache
from api.deps import Services
from api.metrics import ServiceMetrics
from api.middleware import JsonBodyRequired, SecurityHeaders
from api.realtime_calls import sentence_completeness, unavailable_reason
from api.routers import (
    audio,
    demo,
    docs,
    meta,
    pages,
    realtime_ws,
    sessions,
    speech,
    telnyx,
    turns,
    twilio,
    voice_ws,
)
from api.routers import review as review_routes
from api.routers.meta import service_version
from api.security import QueueFull, RateLimiter, WorkQueue, ensure_safe_bind
from core import tracing
from core.logging import request_id_var
from core.settings import Settings, get_settings

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

    from agent.service import AgentService
    from voice.service import VoiceService

log = logging.getLogger("apitap.api")

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
_REQUEST_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_AUDIO_SWEEP_INTERVAL_S = 60.0
# Multipart framing around the audio itself: boundaries, headers and the small form fields.
_MULTIPART_OVERHEAD_BYTES = 64 * 1024


def create_app(
    settings: Settings | None = None, *, agent: AgentService | None = None, voice: VoiceService | None = None,
    tracer_provider: TracerProvider | None = None,
) -> FastAPI:
    """Build the app. `agent` / `voice` may be passed pre-loaded (tests, embedding); otherwise the lifespan loads
    them from `settings`, and the caller that passed them keeps ownership (the app does not close them).
    `tracer_provider` turns tracing on with that provider (tests); otherwise OTEL_EXPORTER_OTLP_ENDPOINT does."""
    settings = settings or get_settings()
    ensure_safe_bind(settings)
    tracer_provider = tracing.configure(settings, tracer_provider)
    services = Services(
        settings=settings,
        metrics=ServiceMetrics(),
        audio_cache=AudioCache(
            settings.audio_cache_dir, ttl_s=settings.audio_cache_ttl_s,
            max_bytes=settings.audio_cache_max_mb * 1024 * 1024,
        ),
        limiter=RateLimiter(settings.rate_limit_per_minute, settings.redis_url),
        agent=agent,
        review=_review_store(settings, agent),
        voice=voice,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        owned: list[Any] = []
        loaders = []
        if services.agent is None:
            loaders.append(_load_agent(services, owned))
        if services.voice is None:
            loaders.append(_load_voice(services, owned))
        await asyncio.gather(*loaders)
        if unavailable_reason(services) is None:
            await asyncio.to_thread(sentence_completeness, services)  # before any call: see its docstring
        services.work = WorkQueue(settings.work_concurrency, settings.work_queue_size)
        sweeper = asyncio.create_task(services.audio_cache.sweep_forever(_AUDIO_SWEEP_INTERVAL_S))
        log.info("service ready", extra={"agent": services.agent_error or "ok", "voice": services.voice_error or "ok"})
        try:
            yield
        finally:
            sweeper.cancel()
            for task in list(services.background):
                task.cancel()
            for component in owned:
                await _close(component)

    app = FastAPI(
        title="Apitap",
        version=service_version(),
        description="Offline voice customer-service agent: speech in, typed read-only tools, speech out.",
        lifespan=lifespan,
        # The stock pages load Swagger UI and ReDoc from public CDNs; api/routers/docs.py serves packaged copies.
        docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None,
    )
    app.state.services = services

    for router in (pages.router, meta.router, turns.router, speech.router, audio.router, demo.router,
                   voice_ws.router, sessions.router):
        app.include_router(router)
    app.include_router(docs.router)
    app.include_router(realtime_ws.router)
    app.include_router(twilio.router)
    app.include_router(telnyx.router)
    app.include_router(review_routes.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    app.mount(docs.ASSETS_URL, docs.assets_app(), name="docs-assets")

    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(QueueFull, _queue_full)

    max_body = int(settings.max_upload_mb * 1024 * 1024) + _MULTIPART_OVERHEAD_BYTES
    app.add_middleware(BodySizeLimit, max_bytes=max_body, limit_mb=settings.max_upload_mb)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "X-API-Key", "X-Request-ID"], expose_headers=["X-Request-ID"],
        )
    app.add_middleware(JsonBodyRequired, openapi=app.openapi)
    app.add_middleware(SecurityHeaders, docs_paths=docs.DOCS_PATHS)
    app.add_middleware(RequestContext, metrics=services.metrics)
    if tracer_provider is not None:
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        FastAPIInstrumentor.instrument_app(app, tracer_provider=tracer_provider, excluded_urls="/metrics,/health")
    return app


def app() -> FastAPI:
    """The uvicorn factory (`uvicorn api.app:app --factory`): settings from the environment."""
    return create_app()


def _review_store(settings: Settings, agent: Any) -> Any:
    """The agent's own review when it was passed in loaded (it writes there), else one from the settings."""
    from agent.review import Review

    return getattr(agent, "review", None) or Review.from_settings(settings)


async def _load_agent(services: Services, owned: list[Any]) -> None:
    try:
        from agent.service import AgentService

        services.agent = await asyncio.to_thread(AgentService.from_settings, services.settings, review=services.review)
        owned.append(services.agent)
        await services.agent.warm_up()
    except Exception as exc:  # the service starts without the assistant; /health reports why
        services.agent_error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        log.exception("the agent failed to load")


async def _load_voice(services: Services, owned: list[Any]) -> None:
    try:
        from voice.service import VoiceService

        services.voice = await asyncio.to_thread(VoiceService.load, services.settings)
        owned.append(services.voice)
    except Exception as exc:  # text answers still work without speech; /health reports why
        services.voice_error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        log.exception("the voice engines failed to load")


async def _close(component: Any) -> None:
    closer = getattr(component, "aclose", None) or getattr(component, "close", None)
    if closer is None:
        return
    try:
        outcome = closer()
        if asyncio.iscoroutine(outcome):
            await outcome
    except Exception:
        log.exception("closing %s failed", type(component).__name__)


def _human_location(loc: tuple[Any, ...]) -> str:
    parts = [str(part) for part in loc if part not in ("body", "query", "path", "header", "form")]
    return ".".join(parts) or "body"


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(error.get("type") == "json_invalid" for error in errors):
        detail = "The request body is not valid JSON."
    else:
        detail = "; ".join(f"{_human_location(tuple(e.get('loc', ())))}: {e.get('msg', 'invalid')}" for e in errors)
    compact = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")} for e in errors]
    return JSONResponse({"detail": detail, "errors": compact}, status_code=422)


async def _queue_full(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, QueueFull)
    request.app.state.services.metrics.rejected.labels(reason="queue_full").inc()
    return JSONResponse(
        {"detail": f"The server is busy: try again in {exc.retry_after_s} s."},
        status_code=503, headers={"Retry-After": str(exc.retry_after_s)},
    )


class BodySizeLimit:
    """Refuse bodies over the upload limit: at once by Content-Length, and while streaming for chunked bodies."""

    def __init__(self, app: ASGIApp, max_bytes: int, limit_mb: float):
        self.app = app
        self.max_bytes = max_bytes
        self.detail = f"The request is too large: the limit is {limit_mb:g} MB."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await JSONResponse({"detail": self.detail}, status_code=413)(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised inside the body read, so FastAPI turns it into the 413 response.
                    raise HTTPException(413, self.detail)
            return message

        await self.app(scope, limited_receive, send)


def _route_label(scope: Scope, app_root_path: str) -> str:
    """The route's template (`/audio/{audio_id}`), a mount's path for the files under it (`/static/{path}`), else
    "unmatched": never the raw path, which would give every id its own time series."""
    path = getattr(scope.get("route"), "path", None)
    if path:
        return path
    mount_path = scope.get("root_path", "")
    if mount_path != app_root_path and mount_path.startswith(app_root_path):
        return mount_path[len(app_root_path):] + "/{path}"
    return "unmatched"


class RequestContext:
    """Request ids (X-Request-ID in and out, and in every log line), metrics, and the last-resort 500."""

    def __init__(self, app: ASGIApp, metrics: ServiceMetrics):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        status = 500
        started = False
        began = time.perf_counter()
        app_root_path = scope.get("root_path", "")

        async def send_with_id(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            elif message["type"] == "websocket.accept":
                started, status = True, 101
            elif message["type"] == "websocket.close" and not started:
                started, status = True, 403
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error", extra={"path": scope.get("path")})
            self.metrics.errors.labels(kind="internal").inc()
            if scope["type"] == "http" and not started:
                body = {"detail": "Internal error", "request_id": request_id}
                await JSONResponse(body, status_code=500)(scope, receive, send_with_id)
            elif scope["type"] == "http":
                raise
        finally:
            method = scope.get("method", "WEBSOCKET")
            self.metrics.requests.labels(route=_route_label(scope, app_root_path), method=method,
                                         status=str(status)).inc()
            if status >= 400:
                self.metrics.errors.labels(kind=str(status)).inc()
            if scope["type"] == "http":
                log.info("request", extra={
                    "method": scope["method"], "path": scope.get("path"), "status": status,
                    "ms": round((time.perf_counter() - began) * 1000, 1),
                })
            request_id_var.reset(token)
