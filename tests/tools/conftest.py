"""Fixtures for the tool tests: run a tool as the agent would, ask the same database directly, capture SQL.

The database fixtures themselves (`demo_engine`, parametrised over SQLite and MariaDB's read-only account,
`demo_sqlite_engine`, `mariadb_ro_engine`) live in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from pydantic import BaseModel
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, Row

from tools import TOOLS
from tools.context import ToolContext
from tools.registry import index_by_name

BY_NAME = index_by_name(TOOLS)


@dataclass
class Database:
    """Direct SQL on the engine the tools use: the independent answer a tool's result is compared with."""

    engine: Engine

    def rows(self, sql: str, **params: Any) -> list[Row[Any]]:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params))

    def one(self, sql: str, **params: Any) -> Row[Any]:
        found = self.rows(sql, **params)
        assert found, f"the demo data has no row for: {sql} {params}"
        return found[0]

    def scalar(self, sql: str, **params: Any) -> Any:
        return self.one(sql, **params)[0]

    def call(self, name: str, args: dict[str, Any] | None = None, *, customer: int | None = None,
             language: str = "en") -> BaseModel:
        ctx = ToolContext(db=self.engine, customer_id=customer, language=language)
        return BY_NAME[name].run(ctx, args)

    @staticmethod
    def dt(value: Any) -> datetime | None:
        """A DATETIME read by raw SQL: MariaDB gives datetime, SQLite text; tools always give datetime."""
        return datetime.fromisoformat(value) if isinstance(value, str) else value

    def busiest_customer(self) -> int:
        """The active customer with the most orders (ties: the lowest id)."""
        return self.scalar(
            "SELECT o.user_id FROM dbitems.tbl_order o JOIN dbuser.tbl_user u ON u.user_id = o.user_id "
            "JOIN dbuser.tbl_user_status s ON s.user_status_id = u.user_status_id WHERE s.name = 'active' "
            "GROUP BY o.user_id ORDER BY COUNT(*) DESC, o.user_id LIMIT 1"
        )

    def order_of_someone_else(self, customer: int) -> int:
        return self.scalar(
            "SELECT order_id FROM dbitems.tbl_order WHERE user_id <> :c ORDER BY order_id LIMIT 1", c=customer
        )

    def missing_id(self, table: str, column: str) -> int:
        return self.scalar(f"SELECT MAX({column}) + 1000 FROM {table}")


@pytest.fixture
def db(demo_engine: Engine) -> Database:
    return Database(demo_engine)


@pytest.fixture
def sqlite_db(demo_sqlite_engine: Engine) -> Database:
    return Database(demo_sqlite_engine)


@contextmanager
def captured_sql(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Every statement (and its parameters) the engine sends to the database inside the block."""
    statements: list[tuple[str, Any]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", capture)


def realistic_calls(database: Database) -> list[tuple[str, dict[str, Any], int | None]]:
    """One call per tool with arguments taken from the demo data: (tool, args, verified customer or None)."""
    customer = database.busiest_customer()
    shipped = database.one(
        "SELECT order_id, tracking_number FROM dbitems.tbl_order WHERE user_id = :c AND tracking_number IS NOT NULL "
        "ORDER BY order_id LIMIT 1", c=customer,
    )
    order_id = database.scalar("SELECT MIN(order_id) FROM dbitems.tbl_order WHERE user_id = :c", c=customer)
    product = database.one(
        "SELECT product_id, name FROM dbitems.tbl_product WHERE is_active = 1 ORDER BY product_id LIMIT 1"
    )
    ticket = database.rows("SELECT help_ticket_id FROM dbuser.tbl_help_ticket WHERE user_id = :c", c=customer)
    login = database.one(
        "SELECT e.email, a.postal_code FROM dbuser.tbl_email e JOIN dbuser.tbl_address a ON a.user_id = e.user_id "
        "WHERE e.user_id = :c ORDER BY a.is_default DESC LIMIT 1", c=customer,
    )
    return [
        ("verify_customer", {"email": login.email, "postal_code": login.postal_code}, None),
        ("get_order_status", {"order_id": order_id}, customer),
        ("get_order_details", {"order_id": order_id}, customer),
        ("list_recent_orders", {"limit": 5}, customer),
        ("track_shipment", {"tracking_number": shipped.tracking_number}, customer),
        ("track_shipment", {"order_id": shipped.order_id}, customer),
        ("get_return_status", {"order_id": order_id}, customer),
        ("search_products", {"query": product.name.split()[0], "in_stock_only": True}, None),
        ("get_product", {"name": product.name}, None),
        ("check_stock", {"product_id": product.product_id}, None),
        ("get_policy", {"topic": "returns"}, None),
        ("get_customer_profile", {}, customer),
        ("list_payment_methods", {}, customer),
        ("list_support_tickets", {}, customer),
        ("get_ticket", {"ticket_id": ticket[0].help_ticket_id if ticket else 1}, customer),
    ]


# The helpers themselves, as fixtures: test modules cannot import a conftest by name.
@pytest.fixture
def sample_calls():
    return realistic_calls


@pytest.fixture
def sql_capture():
    return captured_sql


@pytest.fixture
def db_factory():
    return Database
