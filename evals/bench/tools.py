"""`apitap bench tools`: p50/p95 latency of every tool against the database, with arguments taken from it.

Arguments are realistic: the active customer with the most orders, one of their shipped orders and its tracking
number, a product in stock, one of their tickets. Each tool runs `repeat` times through `Tool.run`, exactly as
the agent calls it, on the read-only engine.
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine

from core.settings import get_settings
from tools import TOOLS
from tools.context import ToolContext
from tools.db.engine import ensure_initialised, make_engine
from tools.registry import index_by_name, is_error


def pick_arguments(engine: Engine) -> tuple[int, list[tuple[str, dict[str, Any], int | None]]]:
    """The customer to run as, and one (tool, args, customer or None) per tool, from the data itself."""
    with engine.connect() as conn:
        def one(sql: str, **params: Any) -> Any:
            row = conn.execute(text(sql), params).first()
            if row is None:
                raise RuntimeError(f"the database has no data for the benchmark: {sql}")
            return row

        customer = one(
            "SELECT o.user_id FROM dbitems.tbl_order o JOIN dbuser.tbl_user u ON u.user_id = o.user_id "
            "JOIN dbuser.tbl_user_status s ON s.user_status_id = u.user_status_id WHERE s.name = 'active' "
            "GROUP BY o.user_id ORDER BY COUNT(*) DESC, o.user_id LIMIT 1"
        ).user_id
        shipped = one(
            "SELECT order_id, tracking_number FROM dbitems.tbl_order WHERE user_id = :c "
            "AND tracking_number IS NOT NULL ORDER BY order_date DESC LIMIT 1", c=customer,
        )
        login = one(
            "SELECT e.email, a.postal_code FROM dbuser.tbl_email e JOIN dbuser.tbl_address a ON a.user_id = e.user_id "
            "WHERE e.user_id = :c ORDER BY e.is_primary DESC, a.is_default DESC LIMIT 1", c=customer,
        )
        product = one(
            "SELECT p.product_id, p.name FROM dbitems.tbl_product p WHERE p.is_active = 1 AND EXISTS "
            "(SELECT 1 FROM dbitems.tbl_inventory i WHERE i.product_id = p.product_id AND i.quantity > 0) "
            "ORDER BY p.product_id LIMIT 1"
        )
        ticket = conn.execute(text(
            "SELECT help_ticket_id FROM dbuser.tbl_help_ticket WHERE user_id = :c ORDER BY help_ticket_id LIMIT 1"
        ), {"c": customer}).first()
        orders = conn.execute(text("SELECT COUNT(*) FROM dbitems.tbl_order")).scalar_one()

    calls = [
        ("verify_customer", {"email": login.email, "postal_code": login.postal_code}, None),
        ("get_order_status", {"order_id": shipped.order_id}, customer),
        ("get_order_details", {"order_id": shipped.order_id}, customer),
        ("list_recent_orders", {"limit": 5}, customer),
        ("track_shipment", {"tracking_number": shipped.tracking_number}, customer),
        ("get_return_status", {"order_id": shipped.order_id}, customer),
        ("search_products", {"query": product.name.split()[0], "in_stock_only": True}, None),
        ("get_product", {"name": product.name}, None),
        ("check_stock", {"product_id": product.product_id}, None),
        ("get_policy", {"topic": "returns"}, None),
        ("get_customer_profile", {}, customer),
        ("list_payment_methods", {}, customer),
        ("list_support_tickets", {}, customer),
        ("get_ticket", {"ticket_id": ticket.help_ticket_id if ticket else 1}, customer),
    ]
    return orders, calls


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(url: str | None, repeat: int, progress: bool) -> dict[str, Any]:
    engine = make_engine(url or get_settings().effective_database_url, read_only=True)
    ensure_initialised(engine)
    orders, calls = pick_arguments(engine)
    by_name = index_by_name(TOOLS)
    results: dict[str, dict[str, float]] = {}
    for name, args, customer in calls:
        tool = by_name[name]
        ctx = ToolContext(db=engine, customer_id=customer)
        first = tool.run(ctx, args)
        if is_error(first) and first.error != "not_found":
            raise RuntimeError(f"{name}{args} failed: {first.message}")
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            tool.run(ctx, args)
            timings.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "p50_ms": round(statistics.median(timings), 3),
            "p95_ms": round(_percentile(timings, 0.95), 3),
        }
        if progress:
            print(f"{name}: p50 {results[name]['p50_ms']} ms, p95 {results[name]['p95_ms']} ms", file=sys.stderr)
    return {"orders": orders, "tools": results}
