"""What the ollama and openai adapters share: tool names from bind kwargs, recovery of text-written calls."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from agent.llm.errors import LLMConfigError
from agent.llm.tool_call_parsing import recover_tool_calls


def offered_tool_names(kwargs: dict[str, Any]) -> list[str]:
    """Names of the tools the model may call in this request (none when tool_choice forbids calls)."""
    if kwargs.get("tool_choice") in ("none", False):
        return []
    names = []
    for tool in kwargs.get("tools") or []:
        function = tool.get("function", tool) if isinstance(tool, dict) else {}
        if isinstance(function.get("name"), str):
            names.append(function["name"])
    return names


def recover_result(result: ChatResult, known_tools: Sequence[str]) -> ChatResult:
    if not known_tools:
        return result
    generations = []
    for generation in result.generations:
        message = generation.message
        if isinstance(message, AIMessage):
            generation = ChatGeneration(message=recover_tool_calls(message, known_tools),
                                        generation_info=generation.generation_info)
        generations.append(generation)
    return ChatResult(generations=generations, llm_output=result.llm_output)


def http_url(value: str, setting: str) -> str:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise LLMConfigError(f"{setting}={value!r} is not an http(s) URL")
    return value.rstrip("/")
