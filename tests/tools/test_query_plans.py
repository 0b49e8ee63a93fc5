"""On MariaDB every tool query reaches orders, order lines and order history through an index, never a full scan."""

from __future__ import annotations

import pytest

from tools.errors import ToolError

pytestmark = pytest.mark.mariadb

INDEXED_TABLES = {"tbl_order", "tbl_orderdetail", "tbl_orderhistory"}


@pytest.fixture
def mariadb_db(mariadb_ro_engine, db_factory):
    return db_factory(mariadb_ro_engine)


def test_tool_queries_use_indexes_on_the_order_tables(mariadb_db, sample_calls, sql_capture):
    calls = sample_calls(mariadb_db)
    customer = mariadb_db.busiest_customer()
    calls += [("list_recent_orders", {"status": "delivered", "limit": 20}, customer),
              ("verify_customer", {"phone_last4": "0000", "order_id": 1}, None)]

    with sql_capture(mariadb_db.engine) as statements:
        for name, args, who in calls:
            result = mariadb_db.call(name, args, customer=who)
            assert not isinstance(result, ToolError) or result.error == "not_found", (name, result)

    plans = []
    raw = mariadb_db.engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            for statement, parameters in statements:
                if not statement.lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute("EXPLAIN " + statement, parameters)
                columns = [d[0] for d in cursor.description]
                plans.append((statement, [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]))
    finally:
        raw.close()

    touched = {step["table"] for _, plan in plans for step in plan}
    assert INDEXED_TABLES <= touched, "the calls reach every order table"
    full_scans = [(step["table"], statement) for statement, plan in plans for step in plan
                  if step["table"] in INDEXED_TABLES and step["type"] == "ALL"]
    assert full_scans == []
