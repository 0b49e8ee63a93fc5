"""Turning what the model wrote into text fit to be spoken, and the last guard against a card number slipping out."""

from __future__ import annotations

import re
from collections.abc import Iterable

_MARKDOWN = re.compile(r"[*_`#>]+|^\s*[-•]\s+", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_TOOL_MARKUP = re.compile(r"</?tool_call>|</?tool_response>|<\|im_(?:start|end)\|>")
_SPACES = re.compile(r"\s+")
_LONG_NUMBER = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")


def speakable(text: str) -> str:
    """Plain sentences: no markdown, no chat-template markup, one line."""
    text = _TOOL_MARKUP.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _MARKDOWN.sub("", text)
    return _SPACES.sub(" ", text).strip()


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def strip_unseen_card_numbers(text: str, allowed_text: str = "") -> str:
    """Mask any 13–19 digit number that passes the Luhn check unless a tool returned it verbatim this turn
    (tools never select card numbers, so such a number can only be invented or echoed from the caller)."""

    allowed = {re.sub(r"\D", "", found) for found in _LONG_NUMBER.findall(allowed_text)}

    def mask(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if luhn_valid(digits) and digits not in allowed:
            return "[number withheld]"
        return match.group(0)

    return _LONG_NUMBER.sub(mask, text)


_SECURITY_CODE = re.compile(
    r"(?i)\b(cvv2?|cvc2?|cid|security code|c[oó]digo de seguridad|card verification)(\W{0,20}(?:\w+\W{1,3}){0,3}?)(\d{3,4})\b"
)


def strip_security_codes(text: str) -> str:
    """Withhold a 3–4 digit number spoken next to a card-security word, even one the caller said first."""
    return _SECURITY_CODE.sub(lambda m: f"{m.group(1)}{m.group(2)}[withheld]", text)


def reveals_instructions(text: str, instructions: str, tool_names: Iterable[str]) -> bool:
    """True when an answer quotes the system prompt (six words in a row) or names a tool: neither is ever
    something a caller needs to hear, and both are what a prompt-extraction attempt is after."""
    lowered = text.lower()
    if any(name in lowered for name in tool_names):
        return True
    words = re.findall(r"\w+", instructions.lower())
    said = " ".join(re.findall(r"\w+", lowered))
    return any(" ".join(words[i : i + 6]) in said for i in range(len(words) - 5))


_RUN_OF_ONE_CHARACTER = re.compile(r"(\S)\1{7,}")
_REPEATED_WORDS = re.compile(r"\b(\w+(?:\W+\w+){0,3}?)(?:\W+\1\b){3,}", re.IGNORECASE)


def is_degenerate(text: str) -> bool:
    """Text a caller must not hear: empty, a run of one character ("¡¡¡¡¡¡¡¡"), the same words again and again, or
    mostly symbols. Measured: an injection was answered with 150 "¡" after 70 s of decoding."""
    stripped = text.strip()
    if not stripped:
        return True
    if _RUN_OF_ONE_CHARACTER.search(stripped) or _REPEATED_WORDS.search(stripped):
        return True
    letters = sum(ch.isalnum() for ch in stripped)
    return len(stripped) >= 12 and letters / len(stripped) < 0.5
