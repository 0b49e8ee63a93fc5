"""Fixtures for the eval harness tests: the demo database (from tests/conftest.py) and the facts it holds."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from evals.leaks import LeakIndex


@pytest.fixture
def eval_db(demo_sqlite_engine: Engine) -> Engine:
    return demo_sqlite_engine


@pytest.fixture
def leak_index(eval_db: Engine) -> LeakIndex:
    return LeakIndex.from_engine(eval_db)


def one(engine: Engine, sql: str, **params: Any) -> Any:
    """Direct SQL: the independent answer lookups are checked against."""
    with engine.connect() as conn:
        row = conn.execute(text(sql), params).first()
    assert row is not None, f"the demo data has no row for: {sql} {params}"
    return row
