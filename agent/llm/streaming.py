"""Streaming with written tool calls: prose goes out token by token, a call written as text never does.

When tools are bound, the text a model streams may turn out to be a tool call (```json {...}```). The guard lets
prose through at once and holds back everything from the first character that may start a call; at the end the
held text is parsed, and either becomes tool-call chunks or is released as the text it was.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Collection, Iterator
from typing import Any

from langchain_core.messages import AIMessageChunk
from langchain_core.outputs import ChatGenerationChunk

from agent.llm.tool_call_parsing import parse_tool_calls

_CALL_MARKERS = ("<tool_call>", "```", "{", "[")


class ToolCallStreamGuard:
    def __init__(self, known_tools: Collection[str]) -> None:
        self.known_tools = list(known_tools)
        self._markers = (*_CALL_MARKERS, *self.known_tools)
        self._text = ""
        self._released = 0
        self._holding = False

    def feed(self, piece: str) -> str:
        """Add streamed text; return the part that is certainly not a tool call and may go out now."""
        self._text += piece
        if self._holding:
            return ""
        pending = self._text[self._released:]
        starts = [index for index in (pending.find(marker) for marker in self._markers) if index >= 0]
        if starts:
            self._holding = True
            safe_end = self._released + min(starts)
        else:
            safe_end = len(self._text) - _partial_marker_length(pending, self._markers)
        out = self._text[self._released:safe_end]
        self._released = safe_end
        return out

    def finish(self) -> tuple[str, list[dict[str, Any]]]:
        """The held-back text to release, and the tool calls found in it."""
        released, held = self._text[: self._released], self._text[self._released:]
        self._released = len(self._text)
        calls, remaining = parse_tool_calls(held, self.known_tools)
        if not calls:
            return held, []
        if remaining and released and not released[-1].isspace():
            remaining = " " + remaining
        return remaining, calls


def _partial_marker_length(text: str, markers: tuple[str, ...]) -> int:
    """Length of the longest end of `text` that could be the start of a marker still arriving."""
    longest = 0
    for marker in markers:
        for length in range(min(len(marker) - 1, len(text)), longest, -1):
            if text.endswith(marker[:length]):
                longest = length
                break
    return longest


def tool_call_chunks(calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"type": "tool_call_chunk", "name": call["name"], "args": json.dumps(call["args"], ensure_ascii=False),
         "id": call["id"], "index": index}
        for index, call in enumerate(calls)
    ]


def guard_stream(chunks: Iterator[ChatGenerationChunk], known_tools: Collection[str]) -> Iterator[ChatGenerationChunk]:
    """Apply the guard to a provider's chunk stream; native tool-call chunks pass through untouched."""
    guard = ToolCallStreamGuard(known_tools)
    native = False
    seen_any = False
    for chunk in chunks:
        seen_any = True
        guarded, native = _guard_one(chunk, guard, native)
        yield from guarded
    if not native and seen_any:
        yield _final_chunk(guard)


async def aguard_stream(
    chunks: AsyncIterator[ChatGenerationChunk], known_tools: Collection[str]
) -> AsyncIterator[ChatGenerationChunk]:
    guard = ToolCallStreamGuard(known_tools)
    native = False
    seen_any = False
    async for chunk in chunks:
        seen_any = True
        guarded, native = _guard_one(chunk, guard, native)
        for item in guarded:
            yield item
    if not native and seen_any:
        yield _final_chunk(guard)


def _guard_one(
    chunk: ChatGenerationChunk, guard: ToolCallStreamGuard, native: bool
) -> tuple[list[ChatGenerationChunk], bool]:
    message = chunk.message
    if native:
        return [chunk], True
    if isinstance(message, AIMessageChunk) and message.tool_call_chunks:
        held, _ = guard.finish()
        flushed = [_with_content(chunk, held)] if held else []
        return [*flushed, chunk], True
    text = message.content if isinstance(message.content, str) else message.text
    return [_with_content(chunk, guard.feed(text))], False


def _final_chunk(guard: ToolCallStreamGuard) -> ChatGenerationChunk:
    text, calls = guard.finish()
    return ChatGenerationChunk(message=AIMessageChunk(content=text, tool_call_chunks=tool_call_chunks(calls)))


def _with_content(chunk: ChatGenerationChunk, text: str) -> ChatGenerationChunk:
    return ChatGenerationChunk(
        message=chunk.message.model_copy(update={"content": text}), generation_info=chunk.generation_info
    )
