"""What the ollama and openai adapters share: tool names from bind kwargs, recovery of text-written calls."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any
from urllib.parse import urlparse

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from agent.llm.errors import LLMConfigError
from agent.llm.streaming import aguard_stream, guard_stream
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


class RecoversTextToolCalls:
    """Mixin for a LangChain chat model client: tool calls written as text are recovered, and transport failures
    become `LLMUnavailable` through the subclass's `_unavailable_on_failure()`. Put it before the client class.

    No run_manager is passed on: the parent would report raw tokens, including a call written as text.
    """

    def _unavailable_on_failure(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._unavailable_on_failure():
            result = super()._generate(messages, stop=stop, run_manager=None, **kwargs)  # type: ignore[misc]
        return recover_result(result, offered_tool_names(kwargs))

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._unavailable_on_failure():
            result = await super()._agenerate(messages, stop=stop, run_manager=None, **kwargs)  # type: ignore[misc]
        return recover_result(result, offered_tool_names(kwargs))

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        known = offered_tool_names(kwargs)
        with self._unavailable_on_failure():
            chunks = super()._stream(messages, stop=stop, run_manager=None, **kwargs)  # type: ignore[misc]
            yield from guard_stream(chunks, known) if known else chunks

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        known = offered_tool_names(kwargs)
        with self._unavailable_on_failure():
            chunks = super()._astream(messages, stop=stop, run_manager=None, **kwargs)  # type: ignore[misc]
            async for chunk in aguard_stream(chunks, known) if known else chunks:
                yield chunk
