"""Values the caller named in so many words, for the arguments whose values the tools read from the shop's data."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from time import monotonic

from sqlalchemy.exc import SQLAlchemyError

from agent.grounding import words_of
from core import i18n
from tools.context import ToolContext
from tools.registry import Tool, Values

log = logging.getLogger(__name__)

VALUES_TTL_S = 300.0
"""How long an argument's values are kept: read once every few minutes, not on every turn (a new store shows up
within that)."""
NEGATION_WINDOW = 3
"""How many words before a status word a negation reverses it ("no me han entregado", "have not been delivered")."""
MIN_INFLECTED = 5
"""Shorter words are matched only as they are: "open" is not "opera"."""
_kept: dict[tuple[Values, str, str], tuple[float, list[str] | Mapping[str, str]]] = {}


def named_values(tools: Iterable[Tool], tool_ctx: ToolContext, said: str) -> dict[str, str]:
    """{argument: value} for every declared value said as whole words; the last one named wins, so "in Los
    Angeles, no wait, New York" is New York. The values are an aid to the call, so a DB that cannot list them
    leaves the turn without them rather than failing it. Values said in other words than stored (a status) are
    common words: said in any of their forms ("entregados"), and no filter when negated ("haven't shipped")."""
    heard = words_of(said)
    negations = set(i18n.message("grounding.negations", tool_ctx.language))
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
            worded = isinstance(values, Mapping)
            said_as = values if worded else {value: value for value in values}
            spots = [(end, len(words), value) for phrase, value in said_as.items() if (words := words_of(phrase))
                     for end in _ends(words, heard, _a_form_of if worded else str.__eq__)
                     if not (worded and negations.intersection(heard[max(0, end - len(words) - NEGATION_WINDOW):
                                                                     end - len(words)]))]
            if spots:
                found[argument] = max(spots)[2]
    return found


def _ends(words: list[str], heard: list[str], same: Callable[[str, str], bool]) -> list[int]:
    """Where `words` end in `heard`, as a whole-word run."""
    size = len(words)
    return [start + size for start in range(len(heard) - size + 1)
            if all(same(h, w) for h, w in zip(heard[start:start + size], words, strict=True))]


def _a_form_of(heard: str, word: str) -> bool:
    """`heard` is `word`, or a longer form of it that differs from its last letter on ("entregado" → "entregadas",
    "cerrado" → "cerrados"): plural and gender, in any language that inflects at the end."""
    if heard == word:
        return True
    return (len(word) >= MIN_INFLECTED and len(word) <= len(heard) <= len(word) + 2
            and heard.startswith(word[:-1]))


def _values(values_of: Values, tool_ctx: ToolContext) -> list[str] | Mapping[str, str]:
    key = (values_of, str(getattr(tool_ctx.db, "url", "")), tool_ctx.language)
    kept = _kept.get(key)
    if kept is None or monotonic() - kept[0] > VALUES_TTL_S:
        kept = _kept[key] = (monotonic(), values_of(tool_ctx))
    return kept[1]
