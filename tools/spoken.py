"""How tools say their results: dates, amounts, statuses and lists in the caller's language.

The sentences are catalogue data (`core/locales/<language>.yaml`, section `answers`); dates and numbers are worded
by Babel (CLDR). Each tool's own answer (`@tool(answer=...)`, in the tool's module) is built from these pieces, so a
third language is a catalogue file, not code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal, get_currency_name

from core.i18n import DEFAULT_LANGUAGE, Language, every, has_message, message, say
from tools.context import ToolContext

Record = dict[str, Any]
"""A tool's result or arguments as the model saw them (JSON types)."""


@lru_cache(maxsize=16)
def babel_locale(language: Language) -> Locale:
    """The CLDR locale that words dates and numbers for `language` (English when CLDR does not know the code)."""
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def spoken_date(value: str | None, language: Language) -> str:
    """`2026-03-03T10:00:00` → "March 3, 2026" / "3 de marzo de 2026" / "3 de março de 2026" (CLDR's long date)."""
    if not value:
        return ""
    return format_date(datetime.fromisoformat(value).date(), format="long", locale=babel_locale(language))


def spoken_money(value: str | None, language: Language) -> str:
    """`"1299.90 USD"` → "1,299.90 dollars" / "1299,90 dólares": the amount as the language writes numbers, then
    the currency's name, which a voice can say (a symbol such as "US$" it cannot)."""
    if not value:
        return ""
    amount_text, _, currency = value.partition(" ")
    try:
        amount = Decimal(amount_text)
    except InvalidOperation:
        return value
    if not amount % 1:
        amount = Decimal(int(amount))  # "25 dollars": said as a whole number, and CLDR's plural follows what is said
    pattern = "#,##0.00" if amount % 1 else "#,##0"
    spoken = format_decimal(amount, format=pattern, locale=babel_locale(language))
    return f"{spoken} {currency_name(currency, amount, language)}".strip()


def currency_name(code: str, amount: Decimal, language: Language) -> str:
    """The catalogue's everyday name ("dollars"), else CLDR's plural name for the amount, else the code."""
    if not code:
        return ""
    key = f"currencies.{code}"
    if has_message(key, language):
        return message(key, language)
    try:
        return get_currency_name(code, count=amount, locale=babel_locale(language))
    except (UnknownLocaleError, ValueError):
        return code


def status(kind: str, status: str, language: Language) -> str:
    """How `status` is said after the thing it belongs to ("has shipped")."""
    said = message(f"statuses.{kind}", language).get(status)
    return said if said is not None else say("statuses.other", language, status=status.replace("_", " "))


def status_word(kind: str, status: str, language: Language) -> str:
    """The status alone ("shipped"), for short lists."""
    return message(f"statuses.{kind}", language).get(status) or status.replace("_", " ")


def status_words(kind: str, language: Language) -> dict[str, str]:
    """{stored status: spoken word} for `kind` ("order_word", "card_word", …) in `language`."""
    return dict(message(f"statuses.{kind}", language))


def statuses_said(kind: str, names: Iterable[str]) -> Callable[[ToolContext], dict[str, str]]:
    """A status argument's values as callers say them, for `@tool(named_values=...)`: {words: stored status}, the
    catalogue's `kind` words in the caller's language ("entregado") and the stored names ("in progress")."""
    stored = tuple(names)

    def said(ctx: ToolContext) -> dict[str, str]:
        words = {word: name for name, word in status_words(kind, ctx.language).items() if name in stored}
        return {**{name.replace("_", " "): name for name in stored}, **words}

    return said


def join(items: list[str], language: Language) -> str:
    if len(items) <= 1:
        return "".join(items)
    return (say("answers.list_separator", language).join(items[:-1]) + say("answers.list_last_separator", language)
            + items[-1])


def spoken_list(items: list[str], language: Language, one: str, many: str, **fields: Any) -> str:
    """`one`/`many`: the catalogue keys of the lead-in for one item or for `{n}` items. The lead-in is a sentence
    of its own, so speech can start while the list is still being synthesised."""
    lead = say(one, language, **fields) if len(items) == 1 else say(many, language, n=len(items), **fields)
    listed = join(items, language)
    return f"{lead} {capitalised(listed)}."


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]

def shipping_sentence(result: Record, language: Language) -> str:
    carrier, tracking = result.get("carrier"), result.get("tracking_number")
    if result.get("delivered_at"):
        # Who delivered it is what a caller who never saw the parcel asks next (measured: "which courier brought
        # it?" was answered without the carrier the lookup returned).
        when = spoken_date(result["delivered_at"], language)
        if carrier:
            return say("answers.delivered_by_on", language, carrier=carrier, when=when)
        return say("answers.delivered_on", language, when=when)
    parts = []
    if carrier and tracking:
        parts.append(say("answers.with_carrier", language, carrier=carrier, tracking=tracking))
    if result.get("estimated_delivery") and result.get("status") not in ("cancelled", "returned"):
        parts.append(say("answers.arrives_by", language, when=spoken_date(result["estimated_delivery"], language)))
    if not parts:
        return ""
    return capitalised(say("answers.and", language).join(parts)) + "."

def availability(availability: str, stock: int, language: Language) -> str:
    key = f"answers.availability.{availability}"
    return say(key, language, stock=stock) if availability and has_message(key, DEFAULT_LANGUAGE) else availability


def error_answer(result: Record, args: Record, language: Language, keys: tuple[str, ...],
                 own_sentence: str | None = None) -> str | None:
    """A result not found, said by what was asked for (`keys`: the arguments that name it, in the order to say
    them; `own_sentence`: a catalogue key for a tool whose "not found" means something else). Any other expected
    failure (an ambiguous request) is left to the model, which can ask which one the caller meant: None."""
    if result.get("error") != "not_found":
        return None
    if own_sentence is not None:
        return say(own_sentence, language, **{k: v for k, v in args.items() if v is not None})
    for argument in keys:
        if args.get(argument) not in (None, ""):
            return say(f"answers.not_found.{argument}", language, value=args[argument])
    return say("answers.not_found.other", language)


def stopwords() -> frozenset[str]:
    """Every language's: a question may mix languages, and a stopword of one is rarely a content word of another."""
    return frozenset(word for words in every("answers.stopwords").values() for word in words.split())


def stems(text: str) -> set[str]:
    """Content words cut to five letters: a crude stem that lets "returns" meet "return" and "devolución"
    meet "devolver"."""
    stop = stopwords()
    return {word[:5] for word in re.findall(r"\w+", text.lower()) if word not in stop and len(word) > 2}
