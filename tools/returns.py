"""Returns: the state of the verified customer's return requests and refunds."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy import select

from tools import spoken
from tools._args import RecordId
from tools._queries import fetch_all, money
from tools.context import ToolContext
from tools.db.schema import dbitems
from tools.errors import ToolError, not_found
from tools.registry import tool
from tools.spoken import Record

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


def _say_returns(result: Record, args: Record, language: str, question: str) -> str | None:
    if "error" in result:
        return spoken.error_answer(result, args, language, ('order_id',), own_sentence="answers.not_found.return")
    order, returns = result["order_id"], result.get("returns", [])
    if not returns:
        return spoken.say("answers.no_return", language, order=order)
    latest = returns[-1]
    text = spoken.say("answers.return_status", language, order=order, status=spoken.status("return", latest["status"], language),
               requested=spoken.spoken_date(latest.get("requested_at"), language))
    if latest.get("refund"):
        text += " " + spoken.say("answers.refund", language, refund=spoken.spoken_money(latest["refund"], language))
    return text


@tool(
    intent="returns", answer=_say_returns, requires_customer=True, identifiers={"order_id": "token"}, keyed_by=("order_id",),
    examples={
        "en": ["what's the status of my return for order 12", "did you get the item I sent back from order 7",
               "has my refund for order 31 been processed", "when do I get my money back for order 5",
               "was my return on order 18 approved", "how much will you refund me for order 44",
               "I returned order 9, any news", "is the return of order 23 done", "refund status order 16",
               "my return request for order 3"],
        "es": ["cómo va mi devolución del pedido 12", "ya recibieron lo que devolví del pedido 7",
               "ya procesaron mi reembolso del pedido 31", "cuándo me regresan mi dinero del pedido 5",
               "aprobaron la devolución del pedido 18", "cuánto me van a reembolsar del pedido 44",
               "devolví el pedido 9, hay novedades", "ya terminó la devolución de la orden 23",
               "estado del reembolso del pedido 16", "mi solicitud de devolución del pedido 3"],
    },
)
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
