"""The trusted context a tool runs in: the DB handle and who the caller is. The model never sees or fills it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from core.i18n import DEFAULT_LANGUAGE, Language


@dataclass(frozen=True)
class ToolContext:
    db: Engine
    customer_id: int | None = None
    """The verified customer (from a trusted caller or a successful verify_customer); None while anonymous."""
    language: Language = DEFAULT_LANGUAGE
