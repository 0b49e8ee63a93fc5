"""`dbcommission`: sales commissions for agents and resellers."""

from __future__ import annotations

from sqlalchemy import DECIMAL, Column, DateTime, Integer, String

from tools.db.schema.base import Money, created_at, fk, flag, lookup, pk, table

S = "dbcommission"

tbl_commission_status = lookup("tbl_commission_status", S, "commission_status_id")

tbl_commission_rates = table(
    "tbl_commission_rates", S,
    pk("commission_rates_id"),
    Column("name", String(80), nullable=False),
    fk("category_id", "dbitems.tbl_category.category_id", nullable=True),
    fk("reseller_id", "dbuser.tbl_reseller.reseller_id", nullable=True),
    Column("rate_percent", DECIMAL(5, 2), nullable=False),
    Column("fixed_amount", Money, nullable=False, server_default="0"),
    Column("min_sales_amount", Money, nullable=False, server_default="0"),
    Column("currency", String(3), nullable=False, server_default="USD"),
    Column("valid_from", DateTime, nullable=False),
    Column("valid_until", DateTime),
    flag("is_active", True),
)

tbl_commission = table(
    "tbl_commission", S,
    pk("commission_id"),
    fk("user_id", "dbuser.tbl_user.user_id", comment="The agent or reseller who earns it."),
    fk("commission_status_id", "dbcommission.tbl_commission_status.commission_status_id"),
    Column("period", String(7), nullable=False, comment="YYYY-MM"),
    Column("total_amount", Money, nullable=False),
)

tbl_commission_detail = table(
    "tbl_commission_detail", S,
    pk("commission_detail_id"),
    fk("commission_id", "dbcommission.tbl_commission.commission_id"),
    fk("order_id", "dbitems.tbl_order.order_id", nullable=True),
    fk("commission_rates_id", "dbcommission.tbl_commission_rates.commission_rates_id", nullable=True),
    Column("amount", Money, nullable=False),
)

tbl_commission_agent_file = table(
    "tbl_commission_agent_file", S,
    pk("commission_agent_file_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("file_name", String(255), nullable=False),
    Column("period", String(7), nullable=False),
    Column("status", String(16), nullable=False, server_default="received"),
    created_at(),
)

tbl_commission_agent_file_bill = table(
    "tbl_commission_agent_file_bill", S,
    pk("commission_agent_file_bill_id"),
    fk("commission_agent_file_id", "dbcommission.tbl_commission_agent_file.commission_agent_file_id"),
    fk("commission_id", "dbcommission.tbl_commission.commission_id", nullable=True),
    Column("bill_number", String(40), nullable=False),
    Column("amount", Money, nullable=False),
    Column("line_count", Integer, nullable=False, server_default="0"),
)
