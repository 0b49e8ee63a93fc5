"""An Ollama server as the LLM (`LLM_PROVIDER=ollama`): langchain-ollama's ChatOllama, made dependable.

Two additions: tool calls a small model writes as text are recovered like for the embedded model, and an
unreachable or failing server surfaces as `LLMUnavailable` with a plain message instead of a client traceback.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Literal

import httpx
import ollama
from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage
from langchain_core.runnables import Runnable
from langchain_ollama import ChatOllama

from agent.llm._wrapping import RecoversTextToolCalls, http_url
from agent.llm.errors import LLMUnavailable
from core.settings import Settings

HEALTH_TIMEOUT_S = 3.0


class RecoveringChatOllama(RecoversTextToolCalls, ChatOllama):
    """ChatOllama whose tool calls written as text are recovered and whose transport errors are LLMUnavailable."""

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Any],
        *,
        tool_choice: dict | str | bool | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        if tool_choice in ("none", False):
            # Ollama has no tool_choice; not offering the tools is the only way to be sure of a plain answer.
            return self.bind(**kwargs)
        return super().bind_tools(tools, tool_choice=tool_choice, **kwargs)

    def _unavailable_on_failure(self) -> AbstractContextManager[None]:
        return _as_unavailable(self.base_url)


@contextmanager
def _as_unavailable(host: str | None) -> Iterator[None]:
    try:
        yield
    except (ConnectionError, httpx.TransportError) as exc:
        kind = "timed out" if isinstance(exc, httpx.TimeoutException) else "is unreachable"
        raise LLMUnavailable(f"the Ollama server at {host} {kind}") from exc
    except ollama.ResponseError as exc:
        if exc.status_code == 400:
            raise  # our request was wrong: a bug to fix, not an outage
        raise LLMUnavailable(f"the Ollama server at {host} answered {exc.status_code}: {exc.error}") from exc


def build(settings: Settings) -> RecoveringChatOllama:
    return RecoveringChatOllama(
        model=settings.ollama_model,
        base_url=http_url(settings.ollama_host, "OLLAMA_HOST"),
        temperature=0,
        num_predict=settings.llm_max_answer_tokens,
        num_ctx=settings.llm_context_tokens,
        client_kwargs={"timeout": settings.llm_timeout_s},
    )


def check(settings: Settings) -> tuple[Literal["ok", "degraded", "down"], str]:
    """GET /api/tags: is the server up, and has it pulled the configured model?"""
    host = settings.ollama_host.rstrip("/")
    try:
        response = httpx.get(f"{host}/api/tags", timeout=min(HEALTH_TIMEOUT_S, settings.llm_timeout_s))
        response.raise_for_status()
        names = {str(entry.get("name")) for entry in response.json().get("models", [])}
    except (httpx.HTTPError, ValueError, AttributeError) as exc:
        return "down", f"ollama at {host}: {type(exc).__name__}"
    wanted = settings.ollama_model
    if wanted in names or f"{wanted}:latest" in names:
        return "ok", f"ollama at {host} serves {wanted}"
    return "down", f"ollama at {host} has not pulled {wanted} (has: {', '.join(sorted(names)) or 'nothing'})"
