"""Values the caller named in so many words, for the arguments whose values the tools read from the shop's data."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from time import monotonic

from sqlalchemy.exc import SQLAlchemyError

from agent.grounding import words_of
from tools.context import ToolContext
from tools.registry import Tool, Values

log = logging.getLogger(__name__)

VALUES_TTL_S = 300.0
"""How long an argument's values are kept: read once every few minutes, not on every turn (a new store shows up
within that)."""
_kept: dict[tuple[Values, str], tuple[float, list[str]]] = {}


def named_values(tools: Iterable[Tool], tool_ctx: ToolContext, said: str) -> dict[str, str]:
    """{argument: value} for every declared value said as whole words; the last one named wins, so "in Los
    Angeles, no wait, New York" is New York. The values are an aid to the call, so a DB that cannot list them
    leaves the turn without them rather than failing it."""
    heard = words_of(said)
    found: dict[str, str] = {}
    for tool in tools:
        for argument, values_of in tool.named_values.items():
            if argument in found:
                continue
            try:
                values = _values(values_of, tool_ctx)
            except SQLAlchemyError as exc:
                log.warning("cannot list an argument's values",
                            extra={"argument": argument, "error": type(exc).__name__})
                continue
            spots = [(end, len(words), value) for value in values if (words := words_of(value))
                     for end in _ends(words, heard)]
            if spots:
                found[argument] = max(spots)[2]
    return found


def _ends(words: list[str], heard: list[str]) -> list[int]:
    """Where `words` end in `heard`, as a whole-word run."""
    size = len(words)
    return [start + size for start in range(len(heard) - size + 1) if heard[start:start + size] == words]


def _values(values_of: Values, tool_ctx: ToolContext) -> list[str]:
    key = (values_of, str(getattr(tool_ctx.db, "url", "")))
    kept = _kept.get(key)
    if kept is None or monotonic() - kept[0] > VALUES_TTL_S:
        kept = _kept[key] = (monotonic(), values_of(tool_ctx))
    return kept[1]
