"""Order tools against the demo data, on SQLite and on MariaDB's read-only account."""

from __future__ import annotations

from decimal import Decimal

from tools import TOOLS
from tools.errors import ToolError
from tools.orders import OrderDetails, OrderHistory, OrderStatus
from tools.registry import index_by_name


def money(amount, currency) -> str:
    return f"{Decimal(str(amount)):.2f} {currency}"


def test_order_status_matches_the_database(db):
    customer = db.busiest_customer()
    for expected in db.rows(
        "SELECT o.order_id, s.name, o.order_date, o.total_amount, o.currency, o.carrier, o.tracking_number, "
        "o.shipped_at, o.estimated_delivery, o.delivered_at FROM dbitems.tbl_order o "
        "JOIN dbitems.tbl_orderstatus s ON s.orderstatus_id = o.orderstatus_id WHERE o.user_id = :c", c=customer,
    ):
        result = db.call("get_order_status", {"order_id": expected.order_id}, customer=customer)
        assert isinstance(result, OrderStatus)
        assert result.status == expected.name
        assert result.order_date == db.dt(expected.order_date)
        assert result.total == money(expected.total_amount, expected.currency)
        assert (result.carrier, result.tracking_number) == (expected.carrier, expected.tracking_number)
        assert (result.shipped_at, result.estimated_delivery, result.delivered_at) == (
            db.dt(expected.shipped_at), db.dt(expected.estimated_delivery), db.dt(expected.delivered_at))


def test_order_details_lists_every_line_and_the_masked_card(db):
    customer = db.busiest_customer()
    order = db.one(
        "SELECT o.order_id, o.total_amount, o.currency, t.name AS brand, c.last4 FROM dbitems.tbl_order o "
        "JOIN dbcards.tbl_card c ON c.card_id = o.card_id JOIN dbcards.tbl_cardstype t ON t.cardstype_id = c.cardstype_id "
        "WHERE o.user_id = :c ORDER BY o.order_id LIMIT 1", c=customer,
    )
    lines = db.rows(
        "SELECT d.product_id, p.name, d.quantity, d.unit_price, d.line_total FROM dbitems.tbl_orderdetail d "
        "JOIN dbitems.tbl_product p ON p.product_id = d.product_id WHERE d.order_id = :o ORDER BY d.orderdetail_id",
        o=order.order_id,
    )

    result = db.call("get_order_details", {"order_id": order.order_id}, customer=customer)

    assert isinstance(result, OrderDetails)
    assert [(i.product_id, i.name, i.quantity, i.unit_price, i.line_total) for i in result.items] == [
        (line.product_id, line.name, line.quantity, money(line.unit_price, order.currency),
         money(line.line_total, order.currency)) for line in lines
    ]
    assert result.total == money(order.total_amount, order.currency)
    assert (result.card_brand, result.card_last4) == (order.brand, order.last4)


def test_recent_orders_are_the_customers_own_newest_first(db):
    customer = db.busiest_customer()
    expected = [row.order_id for row in db.rows(
        "SELECT order_id FROM dbitems.tbl_order WHERE user_id = :c ORDER BY order_date DESC, order_id DESC LIMIT 3",
        c=customer,
    )]

    result = db.call("list_recent_orders", {"limit": 3}, customer=customer)

    assert isinstance(result, OrderHistory)
    assert [o.order_id for o in result.orders] == expected


def test_recent_orders_filter_by_status(db):
    row = db.one(
        "SELECT o.user_id, s.name FROM dbitems.tbl_order o JOIN dbitems.tbl_orderstatus s "
        "ON s.orderstatus_id = o.orderstatus_id WHERE s.name = 'delivered' ORDER BY o.order_id LIMIT 1"
    )
    expected = db.scalar(
        "SELECT COUNT(*) FROM dbitems.tbl_order o JOIN dbitems.tbl_orderstatus s ON s.orderstatus_id = o.orderstatus_id "
        "WHERE o.user_id = :c AND s.name = 'delivered'", c=row.user_id,
    )

    result = db.call("list_recent_orders", {"status": "delivered", "limit": 20}, customer=row.user_id)

    assert len(result.orders) == min(expected, 20)
    assert {o.status for o in result.orders} == {"delivered"}


def test_status_names_the_model_may_filter_by_are_those_in_the_database(db):
    from typing import get_args

    from tools.orders import OrderStatusName

    names = {row.name for row in db.rows("SELECT name FROM dbitems.tbl_orderstatus")}
    assert set(get_args(OrderStatusName)) == names


def test_an_unknown_status_is_an_invalid_argument(db):
    result = db.call("list_recent_orders", {"status": "lost"}, customer=db.busiest_customer())
    assert isinstance(result, ToolError) and result.error == "invalid_argument"


def test_a_delivered_orders_answer_names_who_delivered_it():
    from tools.spoken import shipping_sentence

    delivered = {"status": "delivered", "delivered_at": "2025-12-11", "carrier": "UPS", "tracking_number": "1Z9"}
    assert "UPS" in shipping_sentence(delivered, "en")
    assert "UPS" in shipping_sentence(delivered, "es")
    assert shipping_sentence({**delivered, "carrier": None}, "en") == "It was delivered on December 11, 2025."


def test_a_status_none_of_the_orders_has_gives_the_newest_orders_instead(db):
    customer, absent = db.one(
        "SELECT u.user_id, s.name FROM dbuser.tbl_user u CROSS JOIN dbitems.tbl_orderstatus s "
        "WHERE EXISTS (SELECT 1 FROM dbitems.tbl_order o WHERE o.user_id = u.user_id) AND NOT EXISTS (SELECT 1 "
        "FROM dbitems.tbl_order o WHERE o.user_id = u.user_id AND o.orderstatus_id = s.orderstatus_id) "
        "ORDER BY u.user_id, s.name LIMIT 1"
    )
    newest = [row.order_id for row in db.rows(
        "SELECT order_id FROM dbitems.tbl_order WHERE user_id = :c ORDER BY order_date DESC, order_id DESC LIMIT 3",
        c=customer,
    )]

    result = db.call("list_recent_orders", {"status": absent, "limit": 10}, customer=customer)
    answer = index_by_name(TOOLS)["list_recent_orders"].answer(result.model_dump(mode="json"), {"status": absent}, "en", "")

    assert result.orders == [] and [o.order_id for o in result.other_orders] == newest
    assert answer.startswith("I don't see any ") and all(f"order {order_id} from" in answer.lower() for order_id in newest)


def test_a_status_some_orders_have_gives_only_those(db):
    row = db.one(
        "SELECT o.user_id, s.name FROM dbitems.tbl_order o JOIN dbitems.tbl_orderstatus s "
        "ON s.orderstatus_id = o.orderstatus_id ORDER BY o.order_id LIMIT 1"
    )
    result = db.call("list_recent_orders", {"status": row.name}, customer=row.user_id)
    assert result.orders and result.other_orders == []
