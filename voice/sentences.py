"""Split a stream of text tokens into sentences the moment each one is complete, so speech can start early."""

from __future__ import annotations

import re

# Words whose trailing period is not the end of a sentence (compared lower-case, without the period).
_ABBREVIATIONS = frozenset(
    {
        "dr", "dra", "mr", "mrs", "ms", "sr", "sra", "srta", "st", "jr", "prof", "vs", "approx", "dept", "inc",
        "ltd", "co", "av", "avda", "ud", "uds", "tel", "pág", "núm", "num", "art", "min", "aprox",
        "e.g", "i.e", "p.ej", "a.m", "p.m", "ee.uu", "u.s", "fig", "no",
    }
)
# Abbreviations that are also ordinary words ("No." in "I said no.") count only before a number.
_ONLY_BEFORE_NUMBER = frozenset({"no", "num", "núm"})

_END = re.compile(r"[.!?…。]+[\"'”’»)\]]*")
_OPENING_MARKS = "¿¡"


class SentenceSplitter:
    """Feed streamed text with `feed`; it returns each sentence as soon as it is known to be complete.

    A sentence ends at `.`, `!`, `?` or `…` followed by a space, a line break or a Spanish `¿`/`¡`, and at a line
    break. Periods in abbreviations ("Dr.", "e.g.", "No. 5"), initials and decimals ("49.99") do not end one.
    `flush` returns what is left when the stream ends.
    """

    def __init__(self) -> None:
        self._buffer = ""

    def feed(self, text: str) -> list[str]:
        self._buffer += text
        sentences: list[str] = []
        start = 0
        for end in self._boundaries():
            sentence = self._buffer[start:end].strip()
            if sentence:
                sentences.append(sentence)
            start = end
        self._buffer = self._buffer[start:]
        return sentences

    def flush(self) -> list[str]:
        rest, self._buffer = self._buffer.strip(), ""
        return [rest] if rest else []

    def _boundaries(self) -> list[int]:
        text = self._buffer
        boundaries: list[int] = []
        position = 0
        while position < len(text):
            newline = text.find("\n", position)
            match = _END.search(text, position)
            if newline != -1 and (match is None or newline < match.start()):
                boundaries.append(newline + 1)
                position = newline + 1
                continue
            if match is None:
                break
            after = match.end()
            if after >= len(text):
                break  # the next token decides: "49." may become "49.99"
            following = text[after]
            if not (following.isspace() or following in _OPENING_MARKS):
                position = after
                continue
            decision = self._ends_sentence(text, match, boundaries[-1] if boundaries else 0)
            if decision is None:
                break
            if decision:
                boundaries.append(after)
            position = after
        return boundaries

    @staticmethod
    def _ends_sentence(text: str, match: re.Match[str], sentence_start: int) -> bool | None:
        """True/False, or None when the text after the period is not there yet."""
        if match.group() != ".":
            return True
        words = text[sentence_start : match.start()].split()
        if not words:
            return True
        word = words[-1].lstrip("(\"'¿¡«").lower()
        if len(word) == 1 and word.isalpha() and words[-1][-1].isupper():
            return False  # an initial: "J. Smith"
        if word.isdigit() and len(words) == 1:
            return False  # a list item: "1. Check the tracking code"
        if word in _ABBREVIATIONS:
            if word not in _ONLY_BEFORE_NUMBER:
                return False
            rest = text[match.end() :].lstrip()
            if not rest:
                return None
            return not (rest[0].isdigit() or rest[0] == "#")
        return True
