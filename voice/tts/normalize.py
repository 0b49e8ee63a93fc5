"""Small rewrites that make customer-service text speakable: money, order-number signs, markdown marks."""

from __future__ import annotations

import re

from core.i18n import message
from voice.interfaces import Language

_MARKDOWN = re.compile(r"[*_`~]+|^#+\s*", re.MULTILINE)
_DOLLARS = re.compile(r"(?:US)?\$\s?(\d[\d,]*)(?:\.(\d{1,2}))?(?!\d)")
_EUROS_BEFORE = re.compile(r"€\s?(\d[\d.]*)(?:,(\d{1,2}))?(?!\d)")
_EUROS_AFTER = re.compile(r"(\d[\d.]*)(?:,(\d{1,2}))?\s?€")
_NUMBER_SIGN = re.compile(r"(?<!\w)(?:#|[Nn]º\s?|[Nn]o\.\s?)(?=\d)")

def speakable(text: str, language: Language) -> str:
    """Rewrite `text` so a TTS engine reads prices and order numbers the way a person would say them."""
    words = {key: message(f"spoken.{key}", language) for key in ("dollar", "euro", "cent", "and", "number")}
    text = _MARKDOWN.sub("", text)
    text = _DOLLARS.sub(lambda m: _money(m.group(1).replace(",", ""), m.group(2), words["dollar"], words), text)
    text = _EUROS_BEFORE.sub(lambda m: _money(m.group(1).replace(".", ""), m.group(2), words["euro"], words), text)
    text = _EUROS_AFTER.sub(lambda m: _money(m.group(1).replace(".", ""), m.group(2), words["euro"], words), text)
    text = _NUMBER_SIGN.sub(words["number"], text)
    return re.sub(r"\s+", " ", text).strip()


def _money(units: str, cents: str | None, unit: list[str], words: dict) -> str:
    """`unit`, `words["cent"]`: [singular, plural] from the catalogue's `spoken` section."""
    amount = int(units)
    spoken = f"{amount} {unit[0] if amount == 1 else unit[1]}"
    if cents and int(cents.ljust(2, "0")):
        value = int(cents.ljust(2, "0"))
        spoken += f" {words['and']} {value} {words['cent'][0] if value == 1 else words['cent'][1]}"
    return spoken
