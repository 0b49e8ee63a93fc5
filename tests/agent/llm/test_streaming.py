"""The stream guard: prose streams at once, a call written as text becomes tool-call chunks and is never spoken."""

from __future__ import annotations

import json

from langchain_core.messages import AIMessageChunk
from langchain_core.outputs import ChatGenerationChunk

from agent.llm.streaming import ToolCallStreamGuard, guard_stream

KNOWN = ["get_order_status", "search_products"]


def feed_all(guard: ToolCallStreamGuard, pieces: list[str]) -> list[str]:
    return [guard.feed(piece) for piece in pieces]


def test_prose_goes_out_as_it_arrives() -> None:
    guard = ToolCallStreamGuard(KNOWN)

    out = feed_all(guard, ["Your ", "order ", "ships ", "tomorrow."])

    assert out == ["Your ", "order ", "ships ", "tomorrow."]
    assert guard.finish() == ("", [])


def test_a_fenced_call_is_held_back_and_parsed() -> None:
    guard = ToolCallStreamGuard(KNOWN)
    pieces = ["``", "`json\n{\"name\": \"get_order_status\", ", "\"arguments\": {\"order_id\": 5}}\n```"]

    out = feed_all(guard, pieces)
    text, calls = guard.finish()

    assert "".join(out) == ""
    assert text == ""
    assert [(call["name"], call["args"]) for call in calls] == [("get_order_status", {"order_id": 5})]


def test_prose_before_a_call_streams_and_the_call_does_not() -> None:
    guard = ToolCallStreamGuard(KNOWN)

    out = feed_all(guard, ["Let me check", ". <tool", "_call>{\"name\": \"search_products\", \"arguments\": {\"query\": \"usb\"}}"])
    text, calls = guard.finish()

    assert "".join(out) == "Let me check. "
    assert [call["name"] for call in calls] == ["search_products"]
    assert text == ""


def test_held_text_that_is_no_call_is_released_at_the_end() -> None:
    guard = ToolCallStreamGuard(KNOWN)

    out = feed_all(guard, ["Use code ", "{SUMMER}", " today."])

    assert "".join(out) + guard.finish()[0] == "Use code {SUMMER} today."


def test_guard_stream_turns_text_calls_into_tool_call_chunks() -> None:
    pieces = ['{"name": "get_order_status",', ' "arguments": {"order_id": 8}}']
    chunks = (ChatGenerationChunk(message=AIMessageChunk(content=piece)) for piece in pieces)

    out = list(guard_stream(chunks, KNOWN))
    merged = out[0]
    for chunk in out[1:]:
        merged += chunk

    assert merged.message.content == ""
    assert [(call["name"], call["args"]) for call in merged.message.tool_calls] == [
        ("get_order_status", {"order_id": 8})
    ]


def test_guard_stream_passes_native_tool_call_chunks_through() -> None:
    native = AIMessageChunk(
        content="",
        tool_call_chunks=[{"name": "search_products", "args": json.dumps({"query": "x"}), "id": "1", "index": 0}],
    )
    chunks = [ChatGenerationChunk(message=AIMessageChunk(content="Sure. ")), ChatGenerationChunk(message=native)]

    out = list(guard_stream(iter(chunks), KNOWN))
    merged = out[0]
    for chunk in out[1:]:
        merged += chunk

    assert merged.message.content == "Sure. "
    assert [call["name"] for call in merged.message.tool_calls] == ["search_products"]
