"""Typed read-only tools over the five platform schemas, scoped to the verified customer.

`TOOLS` is the one registry: the agent binds the model to it and executes calls through it.
"""

from __future__ import annotations

from pathlib import Path

from core.i18n import add_catalogue_dir
from tools.customers import get_customer_profile, verify_customer
from tools.orders import get_order_details, get_order_status, list_recent_orders
from tools.payments import list_payment_methods
from tools.policies import get_policy
from tools.products import check_stock, get_product, search_products
from tools.registry import Tool, load_plugin_tools
from tools.returns import get_return_status
from tools.tickets import get_ticket, list_support_tickets
from tools.tracking import track_shipment

TOOLS: list[Tool] = [
    verify_customer,
    get_order_status,
    get_order_details,
    list_recent_orders,
    track_shipment,
    get_return_status,
    search_products,
    get_product,
    check_stock,
    get_policy,
    get_customer_profile,
    list_payment_methods,
    list_support_tickets,
    get_ticket,
]


# Routing examples beyond those each tool declares, per language (`routing.examples.<tool>`): data, not code.
add_catalogue_dir(Path(__file__).resolve().parent / "examples")


def all_tools() -> list[Tool]:
    """The built-in tools plus those installed plugins add through the `apitap.tools` entry-point group."""
    return [*TOOLS, *load_plugin_tools()]
