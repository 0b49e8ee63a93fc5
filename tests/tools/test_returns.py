"""Return status against the demo data, on SQLite and on MariaDB's read-only account."""

from __future__ import annotations

from decimal import Decimal

from tools.errors import ToolError
from tools.returns import ReturnStatus


def test_return_status_and_refund_match_the_database(db):
    row = db.one(
        "SELECT r.order_id, o.user_id, r.status, r.refund_amount, r.currency FROM dbitems.tbl_orderreturn r "
        "JOIN dbitems.tbl_order o ON o.order_id = r.order_id WHERE r.refund_amount IS NOT NULL "
        "ORDER BY r.orderreturn_id LIMIT 1"
    )
    count = db.scalar("SELECT COUNT(*) FROM dbitems.tbl_orderreturn WHERE order_id = :o", o=row.order_id)

    result = db.call("get_return_status", {"order_id": row.order_id}, customer=row.user_id)

    assert isinstance(result, ReturnStatus) and len(result.returns) == count
    assert (row.status, f"{Decimal(str(row.refund_amount)):.2f} {row.currency}") in {
        (r.status, r.refund) for r in result.returns}


def test_an_order_without_a_return_is_not_found(db):
    row = db.one(
        "SELECT o.order_id, o.user_id FROM dbitems.tbl_order o WHERE NOT EXISTS "
        "(SELECT 1 FROM dbitems.tbl_orderreturn r WHERE r.order_id = o.order_id) ORDER BY o.order_id LIMIT 1"
    )
    result = db.call("get_return_status", {"order_id": row.order_id}, customer=row.user_id)
    assert isinstance(result, ToolError) and result.error == "not_found"
