"""OpenTelemetry spans, exported over OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT is set.

Off (the default) nothing is recorded and nothing leaves the machine: `span()` is a no-op generator that costs one
attribute check. The service configures tracing once per process (`configure`); tests hand in their own provider
with an in-memory exporter.

Span names: `http …` (the FastAPI instrumentation), `agent.turn`, `agent.node <name>`, `agent.llm`,
`agent.tool <name>`, `voice.stt`, `voice.tts`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.trace import Span, Tracer

    from core.settings import Settings

log = logging.getLogger(__name__)

_INSTRUMENTATION_NAME = "apitap"
_provider: TracerProvider | None = None
_tracer: Tracer | None = None


def configure(settings: Settings, provider: TracerProvider | None = None) -> TracerProvider | None:
    """Turn tracing on with `provider`, or with an OTLP/HTTP exporter when the settings name an endpoint; off
    otherwise. Returns the provider in use (None: off). Idempotent per provider."""
    global _provider, _tracer
    if provider is None and settings.otel_exporter_otlp_endpoint is None:
        return _provider
    if provider is None:
        if _provider is not None:
            return _provider
        provider = _otlp_provider(settings)
    _provider = provider
    _tracer = provider.get_tracer(_INSTRUMENTATION_NAME)
    return provider


def reset() -> None:
    """Tracing off again (tests)."""
    global _provider, _tracer
    _provider = None
    _tracer = None


def enabled() -> bool:
    return _tracer is not None


def provider() -> TracerProvider | None:
    return _provider


def _otlp_provider(settings: Settings) -> TracerProvider:
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    endpoint = settings.otel_exporter_otlp_endpoint
    assert endpoint is not None
    # The OTLP convention: the variable names the collector's base URL; traces go to /v1/traces under it.
    traces_url = endpoint if endpoint.rstrip("/").endswith("/v1/traces") else endpoint.rstrip("/") + "/v1/traces"
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: settings.otel_service_name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=traces_url)))
    log.info("tracing on", extra={"otlp_endpoint": traces_url})
    return provider


@contextmanager
def span(name: str, **attributes: Any) -> Iterator[Span | None]:
    """A span around the block, a child of the current one; yields None when tracing is off. An exception in the
    block is recorded on the span and re-raised. Attribute values that are None are left out."""
    if _tracer is None:
        yield None
        return
    attrs = {key: value for key, value in attributes.items() if value is not None}
    with _tracer.start_as_current_span(name, attributes=attrs) as current:
        yield current


def start_span(name: str, parent: Any = None, **attributes: Any) -> Span | None:
    """A span the caller ends itself (`span.end()`), for work that starts and ends in different callbacks.
    `parent` is an OpenTelemetry context; None: the current one. None when tracing is off."""
    if _tracer is None:
        return None
    attrs = {key: value for key, value in attributes.items() if value is not None}
    return _tracer.start_span(name, context=parent, attributes=attrs)
