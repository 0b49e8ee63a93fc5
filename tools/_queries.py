"""Small helpers every tool module shares: running one statement, and rendering money, masks and dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import ColumnElement, Executable, Row, Select

from tools.context import ToolContext

_CENTS = Decimal("0.01")

NEWEST_INSTEAD = 3
"""How many of the newest records a list gives when its status filter matched none: "none is closed" alone leaves
the caller asking what there is, and a caller's status word is often not the stored one ("closed" for resolved)."""


def fetch_one(ctx: ToolContext, statement: Executable) -> Row[Any] | None:
    with ctx.db.connect() as conn:
        return conn.execute(statement).first()


def fetch_all(ctx: ToolContext, statement: Executable) -> Sequence[Row[Any]]:
    with ctx.db.connect() as conn:
        return conn.execute(statement).all()


def matching_or_newest(ctx: ToolContext, query: Select[Any], condition: ColumnElement[bool] | None,
                       newest: int = NEWEST_INSTEAD) -> tuple[Sequence[Row[Any]], Sequence[Row[Any]]]:
    """The rows of `query` that meet `condition` (all of them without one), and, only when a condition matched none,
    the first `newest` rows of `query` whatever they are (see NEWEST_INSTEAD)."""
    if condition is None:
        return fetch_all(ctx, query), []
    matching = fetch_all(ctx, query.where(condition))
    return matching, ([] if matching else fetch_all(ctx, query.limit(newest)))


def money(amount: Decimal | float | int | None, currency: str | None) -> str | None:
    """`12.5, "USD"` → `"12.50 USD"`: two decimals and the currency code, the form the agent speaks."""
    if amount is None:
        return None
    value = Decimal(str(amount)).quantize(_CENTS, rounding=ROUND_HALF_UP)
    return f"{value} {currency}" if currency else str(value)


def mask_email(email: str | None) -> str | None:
    """`jane.doe@example.com` → `j***@example.com`."""
    if not email or "@" not in email:
        return None
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_phone(phone: str | None) -> str | None:
    """Any phone format → `***-***-1234` (the last four digits only)."""
    digits = "".join(ch for ch in phone or "" if ch.isascii() and ch.isdigit())
    if len(digits) < 4:
        return None
    return f"***-***-{digits[-4:]}"


def last4_digits(phone: str | None) -> str:
    digits = "".join(ch for ch in phone or "" if ch.isascii() and ch.isdigit())
    return digits[-4:]


def as_date(value: date | datetime | str | None) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def like_pattern(text: str) -> str:
    """A LIKE pattern that matches `text` literally anywhere (use with `escape="\\\\"`)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
