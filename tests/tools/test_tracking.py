"""Shipment tracking against the demo data, on SQLite and on MariaDB's read-only account."""

from __future__ import annotations

from tools.errors import ToolError
from tools.tracking import Shipment


def test_tracking_by_number_gives_the_history_in_order(db):
    customer = db.busiest_customer()
    order = db.one(
        "SELECT o.order_id, o.carrier, o.tracking_number, o.estimated_delivery FROM dbitems.tbl_order o "
        "WHERE o.user_id = :c AND o.tracking_number IS NOT NULL AND EXISTS "
        "(SELECT 1 FROM dbitems.tbl_orderhistory h WHERE h.order_id = o.order_id) ORDER BY o.order_id LIMIT 1",
        c=customer,
    )
    events = db.rows(
        "SELECT h.changed_at, s.name, h.location_text FROM dbitems.tbl_orderhistory h JOIN dbitems.tbl_orderstatus s "
        "ON s.orderstatus_id = h.orderstatus_id WHERE h.order_id = :o ORDER BY h.changed_at, h.orderhistory_id",
        o=order.order_id,
    )

    result = db.call("track_shipment", {"tracking_number": order.tracking_number}, customer=customer)

    assert isinstance(result, Shipment)
    assert (result.order_id, result.carrier, result.estimated_delivery) == (order.order_id, order.carrier,
                                                                            db.dt(order.estimated_delivery))
    assert [(e.at, e.status, e.place) for e in result.events] == [(db.dt(e.changed_at), e.name, e.location_text)
                                                                  for e in events]


def test_tracking_by_order_gives_the_same_answer(db):
    customer = db.busiest_customer()
    order = db.one(
        "SELECT order_id, tracking_number FROM dbitems.tbl_order WHERE user_id = :c AND tracking_number IS NOT NULL "
        "ORDER BY order_id LIMIT 1", c=customer,
    )
    by_number = db.call("track_shipment", {"tracking_number": order.tracking_number}, customer=customer)
    by_order = db.call("track_shipment", {"order_id": order.order_id}, customer=customer)
    assert by_number == by_order


def test_tracking_needs_a_number_or_an_order(db):
    result = db.call("track_shipment", {}, customer=db.busiest_customer())
    assert isinstance(result, ToolError) and result.error == "invalid_argument"
