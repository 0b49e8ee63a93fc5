"""Was an identifier heard? Checks on the model's arguments before anything runs, by tokens, from declarations.

A 1.5B model fills gaps with plausible inventions: an order number nobody said, "example@example.com" as proof of
identity. A tool declares which of its arguments are identifiers (`Tool.identifiers`); such an argument counts as
heard only when the caller said it as a whole token (a number, spoken or written, or a code such as a tracking
number), or a tool returned it in a field of the same name. A price of 110.99 does not make an order 9 heard, nor a
date an order 20; "which one" is not an order 1.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from agent.numbers import (
    digits_run_together,
    number_tokens,
    spelled_codes,
    spoken_numbers_as_digits,
    without_quantities,
)
from core import i18n
from tools.registry import IdentifierKind, Tool

_TOKEN = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WRITTEN_CALL_NAME = re.compile(r'"name"\s*:\s*"(\w+)"')


def plain(text: str) -> str:
    """Lower case and accent-free."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def squeeze(text: str) -> str:
    """Lower case without spaces and separators: "TRK-12 34" and "trk1234" compare equal."""
    return re.sub(r"[\s\-_.,#]", "", text.lower())


_STEM_LETTERS = 5


def _stem(word: str) -> str:
    return word[:_STEM_LETTERS]


def words_of(text: str) -> list[str]:
    return [m.group() for m in re.finditer(r"\w+", plain(text))]


@dataclass(frozen=True)
class Heard:
    """What the conversation has made known: the caller's tokens and words, and the identifiers tools returned."""

    tokens: frozenset[str] = frozenset()
    """Whole tokens the caller said, squeezed: numbers (also spoken ones, and digit runs read one by one), codes."""
    words: frozenset[str] = frozenset()
    """Words of the caller's and of the tools' texts, plain: what a name is matched against."""
    returned: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """{identifier field: squeezed values a tool returned in a field of that name}."""
    caller_text: str = ""
    """The caller's words, squeezed and joined: an e-mail's local part is looked for here."""

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(_stem(word) for word in self.words)

    def has(self, kind: IdentifierKind, name: str, value: Any) -> bool:
        if value is None:
            return True
        if kind == "words":
            # Callers shorten and inflect names ("la bocina" for "bocinas"): a word counts by its first letters.
            return any(_stem(word) in self.stems for word in words_of(str(value)) if len(word) >= 3)
        if kind == "email":
            local = squeeze(str(value).partition("@")[0])
            spoken = self.caller_text.replace("dot", "").replace("punto", "")
            return bool(local) and (local in self.caller_text or local in spoken)
        token = squeeze(str(value))
        return token in self.tokens or token in self.returned.get(name, frozenset())


def caller_tokens(text: str, language: str) -> set[str]:
    """Whole tokens the caller said: written ones (`12`, `TRK-1234`, `06700`) and numbers said in words, apart from
    quantities ("128 GB", "$40"): a measure or a price is not an identifier; a code spelled out ("eme 96") is one
    token ("m96"), not the number 96."""
    addresses = {squeeze(address.partition("@")[0]) for address in _EMAIL.findall(text)}
    text = spelled_codes(without_quantities(text, language), language)
    tokens = {squeeze(token) for token in _TOKEN.findall(text)}
    return tokens | addresses | number_tokens(text, language)


def heard_in(caller_turns: Iterable[str], results: Iterable[str], identifier_names: Iterable[str],
             language: str) -> Heard:
    """`Heard` from the caller's turns and the tool results (JSON texts) of a conversation."""
    said = list(caller_turns)
    names = set(identifier_names)
    returned: dict[str, set[str]] = {}
    words: set[str] = set()
    for text in said:
        words.update(words_of(text))
    for raw in results:
        try:
            payload = json.loads(raw)
        except (TypeError, ValueError):
            continue
        for key, value in _fields(payload):
            if key in names and isinstance(value, str | int):
                returned.setdefault(key, set()).add(squeeze(str(value)))
            if isinstance(value, str):
                words.update(words_of(value))
    tokens: set[str] = set()
    for text in said:
        tokens |= caller_tokens(text, language)
    return Heard(
        tokens=frozenset(tokens), words=frozenset(words),
        returned={k: frozenset(v) for k, v in returned.items()},
        caller_text="\n".join(squeeze(text) for text in said),
    )


def _fields(value: Any) -> Iterable[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from _fields(item)
    elif isinstance(value, list):
        for item in value:
            yield from _fields(item)


def unheard_identifiers(tool: Tool, args: Mapping[str, Any], heard: Heard) -> list[str]:
    """The identifier arguments of a call that nobody said and no tool returned."""
    return [name for name, kind in tool.identifiers.items()
            if args.get(name) is not None and not heard.has(kind, name, args[name])]


def complete_proof(tool: Tool, args: Mapping[str, Any]) -> bool:
    given = {name for name, value in args.items() if value is not None}
    return any(group <= given for group in tool.proof)


def offers_proof(said: str, language: str) -> bool:
    """The caller's words carry proof of identity: an e-mail address, or a number named as a postal code or a
    phone ending (the words that name them are per-language catalogue data)."""
    if _EMAIL.search(said) or _spoken_email(language).search(plain(said)):
        return True
    names = i18n.message("grounding.proof_names", language)
    text = plain(said)
    return any(re.search(r"\b" + re.escape(name) + r"\b\D{0,40}\d{3,}", text) for name in names)


def _spoken_email(language: str) -> re.Pattern[str]:
    """An address as speech recognition writes it: "jane at example dot com", "jane at example.com". The "dot" is
    part of it: measured, "available at your New York store" passed for an address without it."""
    at = "|".join(re.escape(word) for word in i18n.message("grounding.spoken_at", language))
    dot = "|".join(re.escape(word) for word in i18n.message("grounding.spoken_dot", language))
    return re.compile(r"\b\w+ (?:" + at + r") [\w-]+(?: (?:" + dot + r") |\.)\w+")


def written_out(said: str, language: str) -> str:
    """The caller's words as a keyboard would have written what speech recognition spelled out: numbers as digits
    ("order one thousand and three" → "order 1003") and an address as an address ("emily dot johnson at example
    dot com" → "emily.johnson@example.com"). What the model reads; grounding still checks the words said. Measured:
    given the spelled-out forms, the 1.5B model left the order number out, or the proof of identity."""
    at = "|".join(re.escape(word) for word in i18n.message("grounding.spoken_at", language))
    dot = "|".join(re.escape(word) for word in i18n.message("grounding.spoken_dot", language))
    address = re.compile(rf"\b((?:\w+ (?:{dot}) )*[\w-]+) (?:{at}) ([\w-]+(?:(?: (?:{dot}) |\.)[\w-]+)+)\b", re.IGNORECASE)
    joined = re.compile(rf" (?:{dot}) ", re.IGNORECASE)
    text = address.sub(lambda m: f"{joined.sub('.', m.group(1))}@{joined.sub('.', m.group(2))}", said)
    return spelled_codes(digits_run_together(spoken_numbers_as_digits(text, language)), language)


def dictated_tool_names(said: str) -> set[str]:
    """Tool names the caller wrote out as a call (`{"name": "some_tool", ...}`): an injection attempt,
    since nobody speaks JSON to a shop assistant."""
    return set(_WRITTEN_CALL_NAME.findall(said))


def says_any(said: str, words: Iterable[str]) -> bool:
    """One of `words` is among the words said: whole words or phrases, plain, whose last word may be a stem ending
    in `*` ("no puedo ayudar*" is said in "no puedo ayudarte")."""
    text = " ".join(words_of(said))
    for word in words:
        stem = word.endswith("*")
        phrase = re.escape(" ".join(words_of(word)))
        if re.search(r"\b" + phrase + (r"\w*" if stem else r"\b"), text):
            return True
    return False
