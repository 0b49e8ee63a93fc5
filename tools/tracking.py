"""Shipment tracking: where the verified customer's parcel is and what happened to it so far."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy import select

from tools import spoken
from tools._args import RecordId, TrackingNumber
from tools._queries import fetch_all, fetch_one
from tools.context import ToolContext
from tools.db.schema import dbitems
from tools.errors import ToolError, invalid_argument, not_found
from tools.registry import tool
from tools.spoken import Record

order, order_status, history = dbitems.tbl_order, dbitems.tbl_orderstatus, dbitems.tbl_orderhistory


class TrackingEvent(BaseModel):
    at: datetime
    status: str
    place: str | None = Field(description="Where it happened, e.g. 'Memphis, TN hub'.")
    note: str | None


class Shipment(BaseModel):
    order_id: int
    carrier: str | None
    tracking_number: str | None
    status: str
    shipped_at: datetime | None
    estimated_delivery: datetime | None
    delivered_at: datetime | None
    events: list[TrackingEvent] = Field(description="Oldest first.")


def _say_shipment(result: Record, args: Record, language: str, question: str) -> str | None:
    if "error" in result:
        return spoken.error_answer(result, args, language, ('tracking_number', 'order_id'))
    status = result["status"]
    text = spoken.say("answers.order_is", language, order=result["order_id"], status=spoken.status("order", status, language))
    events = result.get("events", [])
    if events and not result.get("delivered_at"):
        last = events[-1]
        where = last.get("place")
        fields = {"when": spoken.spoken_date(last["at"], language), "status": spoken.status_word("order_word", last["status"], language)}
        text += " " + (spoken.say("answers.latest_update_at", language, place=where, **fields) if where
                       else spoken.say("answers.latest_update", language, **fields))
    if status in ("pending", "processing") and not result.get("tracking_number"):
        text += " " + spoken.say("answers.not_shipped_yet", language)
    return (text + " " + spoken.shipping_sentence(result, language)).strip()


@tool(
    intent="tracking", answer=_say_shipment, requires_customer=True, identifiers={"order_id": "token", "tracking_number": "token"},
    keyed_by=("order_id", "tracking_number"),
    examples={
        "en": ["track my package for order 12", "what's the tracking number of order 7",
               "where is my parcel right now, order 31", "track TRK-123456", "which carrier has order 5",
               "where is the package with tracking 1Z999AA10123456784", "give me the tracking code of order 18",
               "what was the last scan of my shipment 44", "who is delivering order 9", "tracking info for order 23"],
        "es": ["rastrea mi paquete del pedido 12", "cuál es el número de guía del pedido 7",
               "dónde va mi paquete ahora, pedido 31", "rastrear TRK-123456", "qué paquetería lleva el pedido 5",
               "dónde está el paquete con guía 1Z999AA10123456784", "dame el código de seguimiento del pedido 18",
               "cuál fue el último movimiento de mi envío 44", "quién entrega el pedido 9",
               "seguimiento del pedido 23"],
    },
)
def track_shipment(
    ctx: ToolContext, tracking_number: TrackingNumber | None = None, order_id: RecordId | None = None
) -> Shipment | ToolError:
    """Track where a package is, by tracking_number or order_id: carrier, status, events with places and times."""
    if tracking_number is None and order_id is None:
        return invalid_argument("Give a tracking number or an order number.")
    query = (
        select(order.c.order_id, order.c.carrier, order.c.tracking_number, order_status.c.name.label("status"),
               order.c.shipped_at, order.c.estimated_delivery, order.c.delivered_at)
        .join(order_status, order_status.c.orderstatus_id == order.c.orderstatus_id)
        .where(order.c.user_id == ctx.customer_id)
    )
    if tracking_number is not None:
        query = query.where(order.c.tracking_number == tracking_number)
    if order_id is not None:
        query = query.where(order.c.order_id == order_id)
    head = fetch_one(ctx, query)
    if head is None:
        asked = f"tracking number {tracking_number}" if tracking_number is not None else f"order {order_id}"
        return not_found(f"No shipment for {asked} on this account.")

    events = fetch_all(ctx, select(
        history.c.changed_at, order_status.c.name.label("status"), history.c.location_text, history.c.note,
    ).join(order_status, order_status.c.orderstatus_id == history.c.orderstatus_id)
     .where(history.c.order_id == head.order_id)
     .order_by(history.c.changed_at, history.c.orderhistory_id))
    return Shipment(
        order_id=head.order_id, carrier=head.carrier, tracking_number=head.tracking_number, status=head.status,
        shipped_at=head.shipped_at, estimated_delivery=head.estimated_delivery, delivered_at=head.delivered_at,
        events=[TrackingEvent(at=e.changed_at, status=e.status, place=e.location_text, note=e.note) for e in events],
    )
