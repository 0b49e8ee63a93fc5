"""Was a fact said? Matching that is fair to a spoken reply in English or Spanish.

A status may be said in either language ("enviado" for shipped), a number with or without separators
("1,299.99", "1.299,99", "1299.99"), a date in several spoken forms ("November 20", "20 de noviembre",
"2026-11-20"), and an identifier with or without spaces or dashes.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation


class Status(str):
    """A status value from the database; matched through the bilingual synonym table."""


STATUS_SYNONYMS: dict[str, tuple[str, ...]] = {
    "pending": ("pending", "pendiente", "awaiting", "waiting", "en espera", "not yet processed"),
    "processing": ("processing", "being processed", "being prepared", "preparing", "en proceso", "procesando",
                   "procesado", "preparando", "en preparacion"),
    "paid": ("paid", "pagado", "payment received", "pago recibido"),
    "shipped": ("shipped", "has shipped", "on its way", "on the way", "in transit", "dispatched", "sent",
                "enviado", "enviada", "en camino", "despachado", "en transito"),
    "in_transit": ("in transit", "on its way", "on the way", "shipped", "en transito", "en camino", "enviado"),
    "out_for_delivery": ("out for delivery", "en reparto", "en ruta de entrega", "sale a reparto"),
    "delivered": ("delivered", "was delivered", "entregado", "entregada"),
    "cancelled": ("cancelled", "canceled", "cancelado", "cancelada", "anulado"),
    "returned": ("returned", "devuelto", "devuelta"),
    "refunded": ("refunded", "refund", "reembolsado", "reembolso"),
    "requested": ("requested", "solicitado", "solicitada", "received your request", "recibida"),
    "approved": ("approved", "aprobado", "aprobada", "accepted", "aceptado", "aceptada"),
    "rejected": ("rejected", "declined", "denied", "rechazado", "rechazada", "denegado", "denegada"),
    "received": ("received", "recibido", "recibida"),
    "open": ("open", "opened", "abierto", "abierta", "still open"),
    "in_progress": ("in progress", "being worked on", "en curso", "en progreso", "en proceso"),
    "resolved": ("resolved", "solved", "fixed", "resuelto", "resuelta", "solucionado"),
    "waiting_customer": ("waiting for you", "waiting for your reply", "waiting on you", "waiting for the customer",
                         "awaiting your reply", "esperando tu respuesta", "esperando su respuesta",
                         "esperando respuesta", "pendiente de tu respuesta"),
    "closed": ("closed", "cerrado", "cerrada"),
    "active": ("active", "activo", "activa"),
    "inactive": ("inactive", "inactivo", "inactiva"),
    "expired": ("expired", "vencido", "vencida", "caducado", "caducada"),
}

MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "enero", "ene"), 2: ("february", "feb", "febrero"), 3: ("march", "mar", "marzo"),
    4: ("april", "apr", "abril", "abr"), 5: ("may", "mayo"), 6: ("june", "jun", "junio"),
    7: ("july", "jul", "julio"), 8: ("august", "aug", "agosto", "ago"),
    9: ("september", "sept", "sep", "septiembre", "setiembre"), 10: ("october", "oct", "octubre"),
    11: ("november", "nov", "noviembre"), 12: ("december", "dec", "diciembre", "dic"),
}

_NUMBER_TOKEN = re.compile(r"\d(?:[\d,.\u00a0\u202f' ]*\d)?")
_ORDINAL = r"(?:st|nd|rd|th|º|°|o)?"


def normalize(text: str) -> str:
    """Casefold, drop accents and punctuation (keeping '.', ',', '/', '-' and '@'), collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"[^\w@.,/\s-]", " ", plain).replace("_", " ")
    plain = re.sub(r"(?<!\d)[.,](?!\d)", " ", plain)
    return re.sub(r"\s+", " ", plain).strip()


def compact(text: str) -> str:
    """Letters and digits only: `TRK-12 34` and `trk1234` compare equal."""
    return "".join(ch for ch in normalize(text) if ch.isalnum())


def contains_phrase(haystack: str, needle: str) -> bool:
    """Whole-word containment after normalisation ("sent" does not match "consent")."""
    needle_n = normalize(needle)
    if not needle_n:
        return False
    return re.search(rf"(?<!\w){re.escape(needle_n)}(?!\w)", normalize(haystack)) is not None


def fact_said(value: object, reply: str) -> bool:
    """True when `reply` states `value` in any fair spoken form."""
    if isinstance(value, Status):
        return status_said(value, reply)
    if isinstance(value, bool):
        return contains_phrase(reply, str(value))
    if isinstance(value, datetime):
        return date_said(value.date(), reply)
    if isinstance(value, date):
        return date_said(value, reply)
    if isinstance(value, int | float | Decimal):
        return number_said(Decimal(str(value)), reply)
    text = str(value)
    if _looks_numeric(text):
        return number_said(Decimal(text.replace(",", "")), reply)
    if contains_phrase(reply, text):
        return True
    # identifiers are often spelled out with spaces or read without their dashes
    return any(ch.isdigit() for ch in text) and compact(text) in compact(reply)


def status_said(status: str, reply: str) -> bool:
    key = status.strip().lower().replace(" ", "_").replace("-", "_")
    phrases = STATUS_SYNONYMS.get(key, ()) + (status, status.replace("_", " "))
    return any(contains_phrase(reply, phrase) for phrase in phrases)


def number_said(expected: Decimal, reply: str) -> bool:
    return any(abs(candidate - expected) < Decimal("0.005") for candidate in numbers_in(reply))


def numbers_in(text: str) -> set[Decimal]:
    """Every number `text` may mean, reading separators both the English and the Spanish way."""
    found: set[Decimal] = set()
    for token in _NUMBER_TOKEN.findall(text):
        pieces = [token] + token.split()
        for piece in pieces:
            found.update(_interpretations(piece.strip()))
    return found


def _interpretations(token: str) -> set[Decimal]:
    token = token.replace("\u00a0", " ").replace("\u202f", " ").replace("'", " ")
    values: set[Decimal] = set()
    for decimal_mark, group_marks in ((".", ", "), (",", ". ")):
        head, sep, tail = token.rpartition(decimal_mark)
        integer, fraction = (head, tail) if sep and 1 <= len(tail) <= 2 and tail.isdigit() else (token, "")
        groups = re.split(f"[{re.escape(group_marks)}]", integer)
        if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            continue
        digits = "".join(groups)
        if not digits.isdigit():
            continue
        try:
            values.add(Decimal(f"{digits}.{fraction}" if fraction else digits))
        except InvalidOperation:
            continue
    return values


def date_said(expected: date, reply: str) -> bool:
    text = normalize(reply)
    day, month, year = expected.day, expected.month, expected.year
    numeric = {
        f"{year}-{month:02d}-{day:02d}", f"{year}-{month}-{day}",
        f"{month}/{day}/{year}", f"{month:02d}/{day:02d}/{year}", f"{day}/{month}/{year}",
        f"{day:02d}/{month:02d}/{year}", f"{month}/{day}", f"{day}/{month}", f"{day}-{month}-{year}",
        f"{day:02d}-{month:02d}-{year}",
    }
    if any(re.search(rf"(?<![\d/-]){re.escape(form)}(?![\d/-])", text) for form in numeric):
        return True
    names = "|".join(re.escape(name) for name in MONTHS[month])
    day_form = rf"0?{day}{_ORDINAL}"
    spoken = (
        rf"(?<!\d)(?:the )?{day_form} (?:of |de )?(?:{names})\b",
        rf"\b(?:{names}) (?:the )?{day_form}(?!\d)",
    )
    return any(re.search(pattern, text) for pattern in spoken)


def _looks_numeric(text: str) -> bool:
    # "0101" (a phone's last four, a postal code) is an identifier, not the number 101
    if re.match(r"\s*0\d", text):
        return False
    return re.fullmatch(r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|-?\d+(?:\.\d+)?", text.strip()) is not None


def render(value: object) -> str:
    """How a resolved value reads inside caller text and literal facts."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)
