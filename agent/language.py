"""Which language a caller is speaking, from text alone: lingua's detector, restricted to the languages that have
a message catalogue (a language we cannot answer in is no use as an answer here)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from core.i18n import DEFAULT_LANGUAGE, Language, has_message, languages, message

# How far ahead of the next language lingua's first choice must be (confidences sum to 1). One to three words
# ("ok", "no", "Apple AirPods Pro") are where its guesses are weakest, and where switching the caller's language
# mid-conversation is most jarring; the few words that do show a language on their own ("gracias", "thanks") are
# listed in each catalogue instead. At the start of a conversation there is no language to keep, so less is needed.
SHORT_TEXT_WORDS = 4
SWITCH_MARGIN = 0.4
SWITCH_MARGIN_SHORT = 0.96
FIRST_TURN_MARGIN = 0.25

_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str, default: Language | None = None) -> Language:
    """The caller's language. `default` is the conversation's language so far: short or ambiguous text keeps it.
    At the start of a conversation (None) the likeliest language wins when it is clearly ahead; otherwise, and
    for text with no words at all, the default language."""
    words = _WORD.findall(text)
    fallback = default or DEFAULT_LANGUAGE
    if not words:
        return fallback
    codes = languages()
    short = len(words) < SHORT_TEXT_WORDS
    if short and (owner := _owner_of_words(words, codes)):
        return owner
    detector, by_language = _detector(codes)
    if detector is None:
        return fallback
    ranked = detector.compute_language_confidence_values(" ".join(words))
    if not ranked:
        return fallback
    margin = ranked[0].value - (ranked[1].value if len(ranked) > 1 else 0.0)
    needed = FIRST_TURN_MARGIN if default is None else SWITCH_MARGIN_SHORT if short else SWITCH_MARGIN
    return by_language[ranked[0].language] if margin >= needed else fallback


def warm_up() -> None:
    """Build the detector now (≈0.5 s: lingua loads its models), so the first caller does not wait for it."""
    _detector(languages())


def _owner_of_words(words: list[str], codes: tuple[str, ...]) -> str | None:
    """The one language whose catalogue lists every word (`detection.words`), or None."""
    owners: set[str] = set()
    for word in (w.casefold() for w in words):
        having = {code for code in codes if word in _telling_words(code)}
        if len(having) != 1:
            return None
        owners |= having
    return owners.pop() if len(owners) == 1 else None


def _telling_words(language: str) -> frozenset[str]:
    # The language's own list only: the default language's words are no evidence for another language.
    if not has_message("detection.words", language):
        return frozenset()
    return frozenset(message("detection.words", language).casefold().split())


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...]) -> tuple[Any, dict[Any, str]]:
    """One detector per set of catalogue languages, built once (≈0.5 s with the models of two languages loaded)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    from lingua import Language as LinguaLanguage

    known: dict[Any, str] = {}
    for code in codes:
        try:
            iso = IsoCode639_1.from_str(code)
        except ValueError:
            continue  # a catalogue for a language lingua does not know: never detected, still chosen explicitly
        known[iso] = code
    if len(known) < 2:
        return None, {}
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*known).with_preloaded_language_models().build()
    return detector, {LinguaLanguage.from_iso_code_639_1(iso): code for iso, code in known.items()}
