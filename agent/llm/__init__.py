"""Chat models for the agent: the embedded llama.cpp default, an Ollama server, or any OpenAI-compatible server.

All three are LangChain chat models: `.bind_tools(schemas, tool_choice=...)`, `.invoke`, `.stream`, and
`AIMessage.tool_calls` filled even when the model wrote its call as text.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from agent.llm.errors import LLMConfigError, LLMContextOverflow, LLMUnavailable
from agent.llm.tool_call_parsing import parse_tool_calls, recover_tool_calls
from core.settings import LLMProvider, Settings

__all__ = [
    "LLMConfigError",
    "LLMContextOverflow",
    "LLMUnavailable",
    "bind_tools_choosing_among",
    "build_chat_model",
    "check_llm",
    "parse_tool_calls",
    "recover_tool_calls",
]

Health = Literal["ok", "degraded", "down"]


def bind_tools_choosing_among(model: BaseChatModel, tools: list[dict[str, Any]], names: Collection[str]) -> Runnable:
    """`model` bound to `tools`, where the call it must make names one of `names`. The embedded model keeps every
    tool in its prompt (its KV cache stays warm) and holds the name to `names`; a server model is offered `names`."""
    if getattr(model, "holds_tool_names", False):
        return model.bind_tools(tools, tool_choice="required", tool_names_allowed=sorted(names))
    return model.bind_tools([t for t in tools if t["function"]["name"] in names], tool_choice="required")


def build_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model LLM_PROVIDER names. Cheap: the embedded model loads on first use or on `.load()`."""
    if settings.llm_provider == LLMProvider.llamacpp:
        from agent.llm.llamacpp import EmbeddedLlamaChat

        return EmbeddedLlamaChat.from_settings(settings)
    if settings.llm_provider == LLMProvider.ollama:
        from agent.llm import ollama

        return ollama.build(settings)
    if settings.llm_provider == LLMProvider.openai:
        from agent.llm import openai

        return openai.build(settings)
    raise LLMConfigError(f"LLM_PROVIDER={settings.llm_provider!r} is not one of llamacpp, ollama, openai")


def check_llm(settings: Settings) -> tuple[Health, str]:
    """A cheap health check for /health: never loads a model; servers get one short GET."""
    if settings.llm_provider == LLMProvider.llamacpp:
        from agent.llm import llamacpp

        return llamacpp.check(settings)
    if settings.llm_provider == LLMProvider.ollama:
        from agent.llm import ollama

        return ollama.check(settings)
    if settings.llm_provider == LLMProvider.openai:
        from agent.llm import openai

        return openai.check(settings)
    return "down", f"unknown LLM_PROVIDER {settings.llm_provider!r}"
