"""Returns: the state of the verified customer's return requests and refunds."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy import select

from tools._args import RecordId
from tools._queries import fetch_all, money
from tools.context import ToolContext
from tools.db.schema import dbitems
from tools.errors import ToolError, not_found
from tools.registry import tool

order, order_return = dbitems.tbl_order, dbitems.tbl_orderreturn


class ReturnRequest(BaseModel):
    status: str = Field(description="requested, approved, received, refunded or rejected.")
    reason: str
    requested_at: datetime
    resolved_at: datetime | None
    refund: str | None = Field(description="Refund amount with currency, once known.")


class ReturnStatus(BaseModel):
    order_id: int
    returns: list[ReturnRequest] = Field(description="Oldest first.")


@tool(intent="returns", requires_customer=True)
def get_return_status(ctx: ToolContext, order_id: RecordId) -> ReturnStatus | ToolError:
    """Get the status and refund of a return the caller already requested for an order (rules on returning:
    get_policy)."""
    rows = fetch_all(ctx, select(
        order_return.c.status, order_return.c.reason, order_return.c.requested_at, order_return.c.resolved_at,
        order_return.c.refund_amount, order_return.c.currency,
    ).join(order, order.c.order_id == order_return.c.order_id)
     .where((order.c.order_id == order_id) & (order.c.user_id == ctx.customer_id))
     .order_by(order_return.c.requested_at, order_return.c.orderreturn_id))
    if not rows:
        # Same words whether the order is missing, someone else's, or simply has no return.
        return not_found(f"No return for order {order_id} on this account.")
    return ReturnStatus(order_id=order_id, returns=[
        ReturnRequest(status=row.status, reason=row.reason, requested_at=row.requested_at,
                      resolved_at=row.resolved_at, refund=money(row.refund_amount, row.currency))
        for row in rows
    ])
