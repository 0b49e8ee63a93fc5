"""Word error rate for the round-trip tests, after a normalisation that is fair to both sides.

Spoken numbers may come back as digits or as words, with or without thousands separators and currency signs; the
normaliser turns every number into its words (num2words) and spells out currency signs, so "$49.99", "49.99 dollars"
and "forty-nine dollars and ninety-nine cents" compare equal. Case and punctuation are ignored; accents are kept.
"""

from __future__ import annotations

import re
import unicodedata

from num2words import num2words

_CURRENCY = {"en": {"$": "dollars", "€": "euros"}, "es": {"$": "dólares", "€": "euros"}}


def normalize(text: str, language: str) -> list[str]:
    currency = _CURRENCY[language]
    units = "|".join(sorted(set(currency.values()) | {"dollar", "dólar", "euro"}, key=len, reverse=True))
    cents = {"en": r"(?:and\s)?(\d{1,2})\scents?", "es": r"(?:con\s)?(\d{1,2})\scentavos?"}[language]
    text = unicodedata.normalize("NFC", text).lower()
    for _ in range(2):
        text = re.sub(r"(\d)[,.](\d{3})(?!\d)", r"\1\2", text)  # 48,213 / 48.213 → 48213
    for sign, word in currency.items():
        text = re.sub(rf"{re.escape(sign)}\s?(\d+)(?:[.,](\d{{1,2}}))?", rf"\1 {word} \2", text)
        text = re.sub(rf"(\d+)(?:[.,](\d{{1,2}}))?\s?{re.escape(sign)}", rf"\1 {word} \2", text)
    text = re.sub(rf"(\d+)[.,](\d{{1,2}})\s({units})", r"\1 \3 \2", text)  # 49.99 dollars → 49 dollars 99
    text = re.sub(rf"({units})\s{cents}", r"\1 \2", text)  # 49 dollars and 99 cents → 49 dollars 99
    text = re.sub(r"(\d+)(st|nd|rd|th|º|ª)\b", r"\1", text)
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text)  # AB1234 ≈ AB 1234
    text = re.sub(r"\d+", lambda m: f" {_number_words(int(m.group()), language)} ", text)
    return re.sub(r"[^\w\s]", " ", text).split()


def _number_words(number: int, language: str) -> str:
    words = num2words(number, lang=language)
    return words.replace(" and ", " ") if language == "en" else words


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    previous = list(range(len(hypothesis) + 1))
    for i, ref_word in enumerate(reference, 1):
        current = [i]
        for j, hyp_word in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_word != hyp_word)))
        previous = current
    return previous[-1]
