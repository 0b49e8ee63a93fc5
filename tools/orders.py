"""Order tools: status, details and history of the verified customer's orders."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, select

from tools._args import Limit, RecordId
from tools._queries import fetch_all, fetch_one, money
from tools.context import ToolContext
from tools.db.schema import dbcards, dbitems
from tools.errors import ToolError, not_found
from tools.registry import tool

order = dbitems.tbl_order
order_status = dbitems.tbl_orderstatus

# The names in dbitems.tbl_orderstatus; tests/tools check the two agree.
OrderStatusName = Literal["pending", "processing", "shipped", "delivered", "cancelled", "returned"]


class OrderStatus(BaseModel):
    order_id: int
    status: str
    order_date: datetime
    total: str = Field(description="Amount with 2 decimals and currency, e.g. '59.90 USD'.")
    carrier: str | None
    tracking_number: str | None
    shipped_at: datetime | None
    estimated_delivery: datetime | None
    delivered_at: datetime | None


class OrderItem(BaseModel):
    product_id: int
    name: str
    quantity: int
    unit_price: str
    line_total: str


class OrderDetails(BaseModel):
    order_id: int
    status: str
    order_date: datetime
    items: list[OrderItem]
    subtotal: str
    shipping: str
    tax: str
    discount: str
    total: str
    card_brand: str | None = Field(description="Brand of the card paid with, e.g. 'Visa'; None if not by card.")
    card_last4: str | None = Field(description="Last 4 digits of that card.")


class OrderSummary(BaseModel):
    order_id: int
    order_date: datetime
    status: str
    total: str


class OrderHistory(BaseModel):
    orders: list[OrderSummary] = Field(description="Newest first.")


def owned_order(order_id: int, customer_id: int | None) -> ColumnElement[bool]:
    # One condition for "missing" and "someone else's": both read the same rows and give the same answer.
    return (order.c.order_id == order_id) & (order.c.user_id == customer_id)


def no_order(order_id: int) -> ToolError:
    return not_found(f"No order {order_id} on this account.")


@tool(intent="order_status", requires_customer=True)
def get_order_status(ctx: ToolContext, order_id: RecordId) -> OrderStatus | ToolError:
    """Get an order's status, dates, carrier, tracking number and estimated delivery."""
    row = fetch_one(ctx, select(
        order.c.order_id, order_status.c.name.label("status"), order.c.order_date, order.c.total_amount,
        order.c.currency, order.c.carrier, order.c.tracking_number, order.c.shipped_at,
        order.c.estimated_delivery, order.c.delivered_at,
    ).join(order_status, order_status.c.orderstatus_id == order.c.orderstatus_id)
     .where(owned_order(order_id, ctx.customer_id)))
    if row is None:
        return no_order(order_id)
    return OrderStatus(
        order_id=row.order_id, status=row.status, order_date=row.order_date,
        total=money(row.total_amount, row.currency), carrier=row.carrier, tracking_number=row.tracking_number,
        shipped_at=row.shipped_at, estimated_delivery=row.estimated_delivery, delivered_at=row.delivered_at,
    )


@tool(intent="order_details", requires_customer=True)
def get_order_details(ctx: ToolContext, order_id: RecordId) -> OrderDetails | ToolError:
    """Get what an order contains (its items and products), prices, totals and the card it was paid with."""
    card, card_type = dbcards.tbl_card, dbcards.tbl_cardstype
    head = fetch_one(ctx, select(
        order.c.order_id, order_status.c.name.label("status"), order.c.order_date, order.c.currency,
        order.c.subtotal_amount, order.c.shipping_amount, order.c.tax_amount, order.c.discount_amount,
        order.c.total_amount, card_type.c.name.label("card_brand"), card.c.last4,
    ).join(order_status, order_status.c.orderstatus_id == order.c.orderstatus_id)
     .outerjoin(card, card.c.card_id == order.c.card_id)
     .outerjoin(card_type, card_type.c.cardstype_id == card.c.cardstype_id)
     .where(owned_order(order_id, ctx.customer_id)))
    if head is None:
        return no_order(order_id)

    detail, product = dbitems.tbl_orderdetail, dbitems.tbl_product
    lines = fetch_all(ctx, select(
        detail.c.product_id, product.c.name, detail.c.quantity, detail.c.unit_price, detail.c.line_total,
    ).join(product, product.c.product_id == detail.c.product_id)
     .where(detail.c.order_id == head.order_id)
     .order_by(detail.c.orderdetail_id))
    currency = head.currency
    return OrderDetails(
        order_id=head.order_id, status=head.status, order_date=head.order_date,
        items=[
            OrderItem(product_id=line.product_id, name=line.name, quantity=line.quantity,
                      unit_price=money(line.unit_price, currency), line_total=money(line.line_total, currency))
            for line in lines
        ],
        subtotal=money(head.subtotal_amount, currency), shipping=money(head.shipping_amount, currency),
        tax=money(head.tax_amount, currency), discount=money(head.discount_amount, currency),
        total=money(head.total_amount, currency), card_brand=head.card_brand, card_last4=head.last4,
    )


@tool(intent="order_history", requires_customer=True)
def list_recent_orders(
    ctx: ToolContext, limit: Limit = 5, status: OrderStatusName | None = None
) -> OrderHistory | ToolError:
    """List the customer's orders, newest first, optionally only those with a status."""
    # Status names come from a scalar subquery, not a join: with a join MariaDB starts from the 6-row status table
    # and walks every order of that status (measured 74 ms at 1 M orders); this way it reads the customer's
    # (user_id, order_date) index range only (< 1 ms).
    status_name = (
        select(order_status.c.name).where(order_status.c.orderstatus_id == order.c.orderstatus_id).scalar_subquery()
    )
    query = (
        select(order.c.order_id, order.c.order_date, status_name.label("status"), order.c.total_amount,
               order.c.currency)
        .where(order.c.user_id == ctx.customer_id)
        .order_by(order.c.order_date.desc(), order.c.order_id.desc())
        .limit(limit)
    )
    if status is not None:
        status_id = select(order_status.c.orderstatus_id).where(order_status.c.name == status).scalar_subquery()
        query = query.where(order.c.orderstatus_id == status_id)
    return OrderHistory(orders=[
        OrderSummary(order_id=row.order_id, order_date=row.order_date, status=row.status,
                     total=money(row.total_amount, row.currency))
        for row in fetch_all(ctx, query)
    ])
