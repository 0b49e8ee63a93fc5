"""Any OpenAI-compatible server as the LLM (`LLM_PROVIDER=openai`): llama.cpp's server, vLLM, LM Studio, OpenAI.

langchain-openai's ChatOpenAI with the same two additions as the Ollama adapter: tool calls written as text are
recovered (llama.cpp's own parser finds 1 of 8 of the small model's calls; see OFFLINE-MODELS.md), and transport
failures surface as `LLMUnavailable`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Literal

import httpx
import openai
from langchain_openai import ChatOpenAI

from agent.llm._wrapping import RecoversTextToolCalls, http_url
from agent.llm.errors import LLMUnavailable
from core.settings import Settings

HEALTH_TIMEOUT_S = 3.0
_OUTAGE_STATUSES = {401, 403, 404, 408, 429}


class RecoveringChatOpenAI(RecoversTextToolCalls, ChatOpenAI):
    """ChatOpenAI whose tool calls written as text are recovered and whose transport errors are LLMUnavailable."""

    def _unavailable_on_failure(self) -> AbstractContextManager[None]:
        return _as_unavailable(self.openai_api_base)


@contextmanager
def _as_unavailable(base_url: str | None) -> Iterator[None]:
    try:
        yield
    except openai.APITimeoutError as exc:
        raise LLMUnavailable(f"the OpenAI-compatible server at {base_url} timed out") from exc
    except openai.APIConnectionError as exc:
        raise LLMUnavailable(f"the OpenAI-compatible server at {base_url} is unreachable") from exc
    except openai.APIStatusError as exc:
        if exc.status_code in _OUTAGE_STATUSES or exc.status_code >= 500:
            raise LLMUnavailable(
                f"the OpenAI-compatible server at {base_url} answered {exc.status_code}"
            ) from exc
        raise


def build(settings: Settings) -> RecoveringChatOpenAI:
    return RecoveringChatOpenAI(
        model=settings.openai_model,
        base_url=http_url(settings.openai_base_url, "OPENAI_BASE_URL"),
        api_key=settings.openai_api_key,
        temperature=0,
        max_tokens=settings.llm_max_answer_tokens,
        timeout=settings.llm_timeout_s,
        max_retries=1,
    )


def check(settings: Settings) -> tuple[Literal["ok", "degraded", "down"], str]:
    """GET {base}/models: is the server up and does it list the configured model?"""
    base = settings.openai_base_url.rstrip("/")
    headers = {"Authorization": f"Bearer {settings.openai_api_key.get_secret_value()}"}
    try:
        response = httpx.get(f"{base}/models", headers=headers,
                             timeout=min(HEALTH_TIMEOUT_S, settings.llm_timeout_s))
    except httpx.HTTPError as exc:
        return "down", f"openai-compatible server at {base}: {type(exc).__name__}"
    if response.status_code in (401, 403):
        return "down", f"openai-compatible server at {base} rejected the API key"
    try:
        response.raise_for_status()
        ids = {str(entry.get("id")) for entry in response.json().get("data", [])}
    except (httpx.HTTPError, ValueError, AttributeError) as exc:
        return "down", f"openai-compatible server at {base}: {type(exc).__name__}"
    if settings.openai_model in ids:
        return "ok", f"openai-compatible server at {base} serves {settings.openai_model}"
    # llama.cpp's and other single-model servers answer whatever model name is asked for.
    return "degraded", f"openai-compatible server at {base} does not list {settings.openai_model}"
