"""Scoping: a verified customer sees only their own orders, tickets and cards, and someone else's record reads
exactly like one that does not exist."""

from __future__ import annotations

import pytest

from tools import TOOLS
from tools.errors import ToolError

CUSTOMER_TOOLS = sorted(t.name for t in TOOLS if t.requires_customer)


@pytest.mark.parametrize("tool_name", ["get_order_status", "get_order_details", "get_return_status"])
def test_another_customers_order_reads_like_a_missing_one(db, tool_name):
    customer = db.busiest_customer()
    foreign = db.order_of_someone_else(customer)
    missing = db.missing_id("dbitems.tbl_order", "order_id")

    for_foreign = db.call(tool_name, {"order_id": foreign}, customer=customer)
    for_missing = db.call(tool_name, {"order_id": missing}, customer=customer)

    assert isinstance(for_foreign, ToolError) and for_foreign.error == "not_found"
    assert for_foreign.message.replace(str(foreign), "N") == for_missing.message.replace(str(missing), "N")


def test_tracking_someone_elses_parcel_reads_like_an_unknown_number(db):
    customer = db.busiest_customer()
    foreign = db.one(
        "SELECT order_id, tracking_number FROM dbitems.tbl_order WHERE user_id <> :c AND tracking_number IS NOT NULL "
        "ORDER BY order_id LIMIT 1", c=customer,
    )

    by_number = db.call("track_shipment", {"tracking_number": foreign.tracking_number}, customer=customer)
    unknown = db.call("track_shipment", {"tracking_number": "ZZ00000000"}, customer=customer)
    by_order = db.call("track_shipment", {"order_id": foreign.order_id}, customer=customer)

    assert isinstance(by_number, ToolError) and by_number.error == unknown.error == by_order.error == "not_found"
    assert by_number.message.replace(foreign.tracking_number, "N") == unknown.message.replace("ZZ00000000", "N")


def test_another_customers_ticket_reads_like_a_missing_one(db):
    customer = db.busiest_customer()
    foreign = db.scalar(
        "SELECT help_ticket_id FROM dbuser.tbl_help_ticket WHERE user_id <> :c ORDER BY help_ticket_id LIMIT 1",
        c=customer,
    )
    missing = db.missing_id("dbuser.tbl_help_ticket", "help_ticket_id")

    for_foreign = db.call("get_ticket", {"ticket_id": foreign}, customer=customer)
    for_missing = db.call("get_ticket", {"ticket_id": missing}, customer=customer)

    assert isinstance(for_foreign, ToolError) and for_foreign.error == "not_found"
    assert for_foreign.message.replace(str(foreign), "N") == for_missing.message.replace(str(missing), "N")


def test_lists_hold_only_the_customers_own_records(db):
    customer = db.busiest_customer()
    own_orders = {r.order_id for r in db.rows("SELECT order_id FROM dbitems.tbl_order WHERE user_id = :c", c=customer)}
    own_tickets = {r.help_ticket_id for r in db.rows(
        "SELECT help_ticket_id FROM dbuser.tbl_help_ticket WHERE user_id = :c", c=customer)}
    own_cards = {r.last4 for r in db.rows(
        "SELECT c.last4 FROM dbcards.tbl_card c JOIN dbcards.tbl_carduser u ON u.card_id = c.card_id "
        "WHERE u.user_id = :c", c=customer)}

    orders = db.call("list_recent_orders", {"limit": 20}, customer=customer)
    tickets = db.call("list_support_tickets", {}, customer=customer)
    cards = db.call("list_payment_methods", {}, customer=customer)

    assert orders.orders and {o.order_id for o in orders.orders} <= own_orders
    assert {t.ticket_id for t in tickets.tickets} <= own_tickets
    assert {c.last4 for c in cards.cards} <= own_cards


@pytest.mark.parametrize("tool_name", CUSTOMER_TOOLS)
def test_customer_tools_need_a_verified_customer(sqlite_db, tool_name):
    result = sqlite_db.call(tool_name, {"order_id": 1}, customer=None)
    assert isinstance(result, ToolError) and result.error == "verification_required"


def test_the_model_cannot_name_the_customer(sqlite_db):
    customer = sqlite_db.busiest_customer()
    result = sqlite_db.call("list_recent_orders", {"user_id": customer + 1}, customer=customer)
    assert isinstance(result, ToolError) and result.error == "invalid_argument"
