"""Lenient recovery of tool calls that a small model wrote as text.

Qwen2.5-1.5B knows its `<tool_call>{…}</tool_call>` format but, more often than not, writes the call as a ```json
block or a bare JSON object instead (OFFLINE-MODELS.md: llama.cpp's strict parser found 1 of 8 calls, this one 8
of 8). The parser looks for JSON values anywhere in the text and keeps those that name a known tool; everything
else stays text. It never raises: garbage in, `([], text)` out.
"""

from __future__ import annotations

import ast
import json
import re
import uuid
from collections.abc import Collection, Iterator
from typing import Any

from langchain_core.messages import AIMessage

ARGUMENT_KEYS = ("arguments", "parameters", "args", "input")

_FENCE_OPEN = re.compile(r"```[ \t]*(?:json|tool_call|tool_code|javascript|python)?[ \t]*\n?\s*$", re.IGNORECASE)
_FENCE_CLOSE = re.compile(r"^\s*```")
# The model sometimes echoes the <tools> tags of its prompt, or the template's doubled braces, around a call.
_TAG_OPEN = re.compile(r"<(?:tool_call|tools)>\s*$")
_TAG_CLOSE = re.compile(r"^\s*</(?:tool_call|tools)>")
_LEFTOVER_MARKUP = re.compile(
    r"</?(?:tool_call|tools)>|```[ \t]*(?:json|tool_call|tool_code)?[ \t]*(?:\n\s*```)?", re.IGNORECASE
)
_CLOSERS = {"{": "}", "[": "]", "(": ")"}


def new_call_id() -> str:
    return f"call_{uuid.uuid4().hex[:16]}"


def parse_tool_calls(text: str, known_tools: Collection[str]) -> tuple[list[dict[str, Any]], str]:
    """Find the calls to `known_tools` written in `text`.

    Returns the calls as `{"name", "args", "id"}` dicts in the order written, and the text with the calls (and the
    `<tool_call>` tags or code fences around them) taken out. JSON that is not a call to a known tool stays text.
    """
    if not isinstance(text, str) or not text or not known_tools:
        return [], text if isinstance(text, str) else ""
    known = set(known_tools)
    calls: list[dict[str, Any]] = []
    spans: list[tuple[int, int]] = []
    unknown_leftovers: list[str] = []
    for start, end, value in _json_values(text):
        found, unknown = _calls_in(value, known)
        if not found:
            continue
        calls.extend(found)
        spans.append(_with_wrappers(text, start, end))
        unknown_leftovers.extend(json.dumps(item, ensure_ascii=False) for item in unknown)
    for start, end, name, args in _python_style_calls(text, known, spans):
        calls.append({"name": name, "args": args, "id": new_call_id()})
        spans.append(_with_wrappers(text, start, end))
    if not calls:
        return [], text
    spans.sort()
    pieces, cursor = [], 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    remaining = _LEFTOVER_MARKUP.sub("", "".join(pieces))
    remaining = "\n".join([remaining.strip(), *unknown_leftovers]).strip()
    return calls, re.sub(r"[ \t]{2,}", " ", re.sub(r"\n{3,}", "\n\n", remaining))


def recover_tool_calls(message: AIMessage, known_tools: Collection[str]) -> AIMessage:
    """Return `message` with tool calls parsed out of its text when the provider reported none natively, and with
    arguments every checkpointer can store."""
    if message.tool_calls or not known_tools:
        return _with_storable_arguments(message)
    text = message_text(message)
    calls, remaining = parse_tool_calls(text, known_tools)
    if not calls:
        return message
    return _with_storable_arguments(message.model_copy(
        update={"content": remaining, "tool_calls": [{**call, "type": "tool_call"} for call in calls]}
    ))


_STORABLE_INTEGERS = range(-(2**63), 2**64)


def _with_storable_arguments(message: AIMessage) -> AIMessage:
    """An integer beyond 64 bits becomes its digits: msgpack (every checkpointer's format) cannot hold it, and the
    turn failed as it was saved (measured: `order_id=12345678901234567890123456789012`, invented by the 1.5B model).
    As digits, the tool's own validation refuses it like any other out-of-range number."""
    calls = [{**call, "args": _storable(call["args"])} for call in message.tool_calls]
    if calls == message.tool_calls:
        return message
    return message.model_copy(update={"tool_calls": calls})


def _storable(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value not in _STORABLE_INTEGERS:
        return str(value)
    if isinstance(value, dict):
        return {key: _storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_storable(item) for item in value]
    return value


def message_text(message: AIMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    parts = []
    for block in message.content:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)


def _json_values(text: str) -> Iterator[tuple[int, int, Any]]:
    """Yield (start, end, value) for each top-level JSON-ish object or array in the text, left to right."""
    position = 0
    while position < len(text):
        start = _next_opening(text, position)
        if start < 0:
            return
        end = _matching_end(text, start)
        candidate = text[start:end] if end > 0 else _close_truncated(text[start:])
        value = _loads_leniently(candidate) if candidate else None
        if value is None:
            position = start + 1
            continue
        yield start, (end if end > 0 else len(text)), value
        position = end if end > 0 else len(text)


def _next_opening(text: str, position: int) -> int:
    candidates = [index for index in (text.find("{", position), text.find("[", position)) if index >= 0]
    return min(candidates) if candidates else -1


def _matching_end(text: str, start: int) -> int:
    """Index after the bracket that closes text[start], or -1 when the text ends first."""
    stack = [_CLOSERS[text[start]]]
    quote: str | None = None
    index = start + 1
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            # An apostrophe inside prose ("don't") is not a string opener: only treat ' as one after a delimiter.
            if char == '"' or text[index - 1] in "{[,:( \n\t":
                quote = char
        elif char in _CLOSERS:
            stack.append(_CLOSERS[char])
        elif char in ")]}":
            if char != stack[-1]:
                return -1
            stack.pop()
            if not stack:
                return index + 1
        index += 1
    return -1


def _close_truncated(fragment: str) -> str:
    """Close the brackets of a call cut off by the token limit, e.g. `{"name": "x", "arguments": {"a": 1}`."""
    stack: list[str] = []
    quote: str | None = None
    index = 0
    while index < len(fragment):
        char = fragment[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = None
        elif char == '"':
            quote = char
        elif char in _CLOSERS:
            stack.append(_CLOSERS[char])
        elif char in ")]}":
            if not stack or char != stack[-1]:
                return ""
            stack.pop()
        index += 1
    if quote or not stack:
        return ""
    body = re.sub(r"(</tool_call>|```)\s*$", "", fragment.rstrip()).rstrip().rstrip(",")
    return body + "".join(reversed(stack))


def _loads_leniently(candidate: str) -> Any:
    try:
        return json.loads(candidate)
    except (ValueError, RecursionError):
        pass
    repaired = re.sub(r",\s*([}\]])", r"\1", candidate)
    try:
        return json.loads(repaired)
    except (ValueError, RecursionError):
        pass
    try:
        # Single-quoted dicts and Python literals (True/None) are a common small-model slip.
        return ast.literal_eval(repaired)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        pass
    try:
        pythonic = re.sub(r"\btrue\b", "True", re.sub(r"\bfalse\b", "False", re.sub(r"\bnull\b", "None", repaired)))
        return ast.literal_eval(pythonic)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def _calls_in(value: Any, known: set[str]) -> tuple[list[dict[str, Any]], list[Any]]:
    """(calls to known tools, call-shaped entries naming unknown tools) found in one JSON value."""
    if isinstance(value, list):
        calls: list[dict[str, Any]] = []
        unknown: list[Any] = []
        for item in value:
            found, missing = _calls_in(item, known)
            calls.extend(found)
            unknown.extend(missing)
        return calls, unknown
    if not isinstance(value, dict):
        return [], []
    if isinstance(value.get("tool_calls"), list):
        return _calls_in(value["tool_calls"], known)
    if isinstance(value.get("function"), dict):
        return _calls_in(value["function"], known)
    name = value.get("name")
    if not isinstance(name, str):
        return [], []
    args = _arguments_of(value)
    if args is None:
        return [], []
    if name not in known:
        return [], [value]
    return [{"name": name, "args": args, "id": new_call_id()}], []


def _arguments_of(call: dict[str, Any]) -> dict[str, Any] | None:
    present = [key for key in ARGUMENT_KEYS if key in call]
    if not present:
        # {"name": "list_orders"} is a call without arguments; {"name": "Ana", "age": 3} is data.
        return {} if set(call) <= {"name", "type", "id"} else None
    raw = call[present[0]]
    if raw is None:
        return {}
    if isinstance(raw, str):
        if not raw.strip():
            return {}
        parsed = _loads_leniently(raw)
        return parsed if isinstance(parsed, dict) else None
    return raw if isinstance(raw, dict) else None


def _python_style_calls(
    text: str, known: set[str], taken: list[tuple[int, int]]
) -> Iterator[tuple[int, int, str, dict[str, Any]]]:
    """`lookup_order(order_id=42)` written as code, with keyword arguments holding literals only."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(name) for name in sorted(known)) + r")\s*\(")
    for match in pattern.finditer(text):
        start = match.start()
        if any(begin <= start < end for begin, end in taken):
            continue
        end = _matching_end(text, match.end() - 1)
        if end < 0:
            continue
        try:
            expression = ast.parse(text[start:end], mode="eval").body
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            continue
        if not isinstance(expression, ast.Call) or expression.args:
            continue
        try:
            args = {kw.arg: ast.literal_eval(kw.value) for kw in expression.keywords if kw.arg}
        except (ValueError, SyntaxError, TypeError):
            continue
        if len(args) != len(expression.keywords):
            continue
        yield start, end, match.group(1), args


def _with_wrappers(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a call's span over the `<tool_call>` tags, the code fence or the doubled braces around it."""
    while start > 0 and end < len(text) and text[start - 1] == "{" and text[end] == "}":
        start, end = start - 1, end + 1
    before, after = text[:start], text[end:]
    for opener, closer in ((_TAG_OPEN, _TAG_CLOSE), (_FENCE_OPEN, _FENCE_CLOSE)):
        opened = opener.search(before)
        if opened:
            start = opened.start()
            closed = closer.match(after)
            if closed:
                end += closed.end()
            break
    return start, end
