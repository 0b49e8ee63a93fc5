"""Numbers the caller said, as whole tokens: what grounding compares an identifier the model filled in against.

Spoken numbers ("twenty five", "veinticinco", "vinte e cinco") become digits through text2num, in the caller's
language only: the Spanish "once" (11) is an English word, and text2num leaves a lone "one"/"two" alone ("which
one", "un pedido") unless it is part of a longer number or a sequence. A number counts only as a whole token: the
"2" in "Blender B2", the "110" in "110.99" and the "3" in "2026-03-03" are not numbers the caller said. A quantity
("128 GB", "55 inch", "$40", "20 euros") is a number said, but not an identifier (`without_quantities`).
"""

from __future__ import annotations

import re

from core import i18n
from core.i18n import Language

# A run of digits with inner separators ("110.99", "1,299", "2026-03-03", "12:30") is one token, kept as written.
_NOT_INSIDE = r"(?<!\w)(?<!\w[.,:/-])"
_NOT_CONTINUED = r"(?!\w|[.,:/-]\w)"
_NUMBER = re.compile(rf"{_NOT_INSIDE}\d+(?:[.,:/-]\d+)*{_NOT_CONTINUED}")
# Digits read one by one, or in groups ("twelve thirty four" → "12 34"): the identifier they spell together.
_SEQUENCE = re.compile(rf"{_NOT_INSIDE}\d+(?: +\d+)+{_NOT_CONTINUED}")


def spoken_numbers_as_digits(text: str, language: Language) -> str:
    """`text` with its spoken numbers written as digits ("order twenty five" → "order 25"); unchanged for a
    language text2num does not read."""
    from text_to_num import alpha2digit

    text = letter_o_as_zero(text, language)
    try:
        return alpha2digit(text, language)
    except ValueError:  # "unsupported language"
        return text


def letter_o_as_zero(text: str, language: Language) -> str:
    """The letter O said for a zero inside a number ("nine oh oh two six" → "nine zero zero two six"): the
    catalogue's `numbers.zero_letters` (none in Spanish, where "o" means "or"), only right beside a number, with no
    punctuation between ("twelve, oh and…" stays)."""
    if not i18n.has_message("numbers.zero_letters", language):
        return text
    letters = "|".join(re.escape(word) for word in i18n.message("numbers.zero_letters", language))
    if not letters:
        return text
    run = re.compile(rf"(?<![\w.,!?;:])(?:{letters})(?:[ -](?:{letters}))*(?![\w-])", re.IGNORECASE)

    def zero(match: re.Match[str]) -> str:
        before = re.search(r"(\w+)[ -]$", text[: match.start()])
        after = re.match(r"[ -](\w+)", text[match.end():])
        beside = [m.group(1) for m in (before, after) if m is not None]
        if not any(_is_number(word, language) for word in beside):
            return match.group(0)
        return re.sub(rf"\b(?:{letters})\b", "zero", match.group(0), flags=re.IGNORECASE)

    return run.sub(zero, text)


def _is_number(word: str, language: Language) -> bool:
    from text_to_num import text2num

    if word.isdigit():
        return True
    try:
        text2num(word.lower(), language)
    except (ValueError, IndexError, KeyError):
        return False
    return True


# A sign before an amount is the same in every language; the words after one (units, currencies) are catalogue data.
_SIGN_BEFORE = r"[$€£¥]\s?"


def without_quantities(text: str, language: Language) -> str:
    """`text` (spoken numbers written as digits) with its quantities left out: a number followed by a unit or a
    currency word from the catalogue's `numbers.units` ("128 GB", "128GB", "twenty euros"), or after a currency sign
    ("$40"). Such a number is a measure or a price, never an order, ticket or product number. (Measured: "the Zentek
    Smartphone Z8 128 GB" became a lookup of product 128, the 128 being a whole number the caller said.)"""
    converted = spoken_numbers_as_digits(text, language)
    units = i18n.message("numbers.units", language) if i18n.has_message("numbers.units", language) else []
    words = "|".join(re.escape(unit[:-1]) + r"\w*" if unit.endswith("*") else re.escape(unit) + r"(?!\w)"
                     for unit in units)
    amount = r"\d+(?:[.,]\d+)*"
    pattern = rf"{_NOT_INSIDE}{_SIGN_BEFORE}{amount}{_NOT_CONTINUED}"
    if words:
        pattern += rf"|{_NOT_INSIDE}{amount} ?(?:{words})"
    return re.sub(pattern, " ", converted, flags=re.IGNORECASE)


def spelled_codes(text: str, language: Language) -> str:
    """`text` (numbers as digits) with a model code spelled out written as one: letter names followed by a number
    ("eme 96" → "M96", "la e 34" → "la E34"). The letter names are the catalogue's `numbers.letter_names`, leaving
    out those that are also words said before a number ("o" and "y" join numbers in Spanish, "de" is "of").
    (Measured: "Kumo Smartphone eme noventa y seis" was searched as "Kumo Smartphone eme 96" and found nothing.)"""
    if not i18n.has_message("numbers.letter_names", language):
        return text
    names = {name.casefold(): letter for name, letter in i18n.message("numbers.letter_names", language)}
    if not names:
        return text
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    run = re.compile(rf"(?<![\w-])((?:(?:{alternatives}) )+)(\d+){_NOT_CONTINUED}", re.IGNORECASE)

    def code(match: re.Match[str]) -> str:
        return "".join(names[name.casefold()] for name in match.group(1).split()).upper() + match.group(2)

    return run.sub(code, text)


def digits_run_together(text: str) -> str:
    """Digits read one by one or in groups, written as the one number they spell: "1 0 0 2" → "1002"."""
    return _SEQUENCE.sub(lambda run: re.sub(r"\s+", "", run.group(0)), text)


def number_tokens(text: str, language: Language) -> set[str]:
    """Every whole number the caller said, as digits: "order 25" and "order twenty five" → {"25"}. Digits said one
    by one, as people read an identifier ("one two three", "4 5 6"), also count as the number they spell ("123").
    A number with leading zeros also counts without them ("045" → "45")."""
    converted = spoken_numbers_as_digits(text, language)
    tokens = {match.group(0) for match in _NUMBER.finditer(converted)}
    for run in _SEQUENCE.finditer(converted):
        tokens.add(re.sub(r"\s+", "", run.group(0)))
    tokens |= {token.lstrip("0") or "0" for token in tokens if token.isdigit() and token.startswith("0")}
    return tokens
