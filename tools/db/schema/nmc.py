"""`nmc`: audit log, reporting definitions and error control."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Text, UniqueConstraint

from tools.db.schema.base import NOW, fk, flag, pk, table

S = "nmc"

tbl_log = table(
    "tbl_log", S,
    pk("log_id"),
    Column("created_at", DateTime, nullable=False, server_default=NOW),
    Column("level", String(10), nullable=False, server_default="INFO"),
    Column("actor_type", String(16), nullable=False, comment="customer | agent | system | admin"),
    Column("actor_id", Integer),
    Column("action", String(64), nullable=False),
    Column("entity_type", String(64)),
    Column("entity_id", String(64)),
    Column("request_id", String(64)),
    Column("session_id", String(64)),
    Column("ip_address", String(45)),
    flag("success", True),
    Column("detail", Text),
    Index(None, "created_at"),
    Index(None, "entity_type", "entity_id"),
)

tbl_client_type = table(
    "tbl_client_type", S,
    pk("client_type_id"),
    Column("name", String(64), nullable=False, unique=True),
    Column("description", String(255)),
    flag("is_active", True),
)

tbl_access = table(
    "tbl_access", S,
    pk("access_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    fk("client_type_id", "nmc.tbl_client_type.client_type_id", nullable=True),
    Column("event", String(16), nullable=False, comment="login | logout | register | failed_login"),
    Column("created_at", DateTime, nullable=False, server_default=NOW),
)

tbl_transactionkey = table(
    "tbl_transactionkey", S,
    pk("transactionkey_id"),
    Column("transaction_key", String(64), nullable=False, unique=True),
    fk("order_id", "dbitems.tbl_order.order_id", nullable=True),
    Column("status", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False, server_default=NOW),
)

tbl_t_error_control_aio = table(
    "tbl_t_error_control_aio", S,
    pk("t_error_control_aio_id"),
    Column("error_code", String(32), nullable=False),
    Column("source", String(64), nullable=False),
    Column("message", Text, nullable=False),
    fk("transactionkey_id", "nmc.tbl_transactionkey.transactionkey_id", nullable=True),
    Column("created_at", DateTime, nullable=False, server_default=NOW),
)

tbl_p_codes_sequence_aio = table(
    "tbl_p_codes_sequence_aio", S,
    pk("p_codes_sequence_aio_id"),
    Column("prefix", String(16), nullable=False, unique=True),
    Column("next_value", Integer, nullable=False, server_default="1"),
    Column("updated_at", DateTime),
)

tbl_report = table(
    "tbl_report", S,
    pk("report_id"),
    Column("code", String(64), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
    Column("description", Text),
    Column("owner", String(80)),
    flag("is_active", True),
    Column("created_at", DateTime, nullable=False, server_default=NOW),
)

tbl_report_query = table(
    "tbl_report_query", S,
    pk("report_query_id"),
    Column("name", String(120), nullable=False),
    Column("query_text", Text, nullable=False),
    Column("description", String(255)),
    Column("timeout_s", Integer, nullable=False, server_default="30"),
    flag("is_active", True),
    Column("created_at", DateTime, nullable=False, server_default=NOW),
)

tbl_report_field = table(
    "tbl_report_field", S,
    pk("report_field_id"),
    fk("report_id", "nmc.tbl_report.report_id"),
    Column("field_name", String(64), nullable=False),
    Column("label", String(120), nullable=False),
    Column("data_type", String(16), nullable=False),
    Column("format", String(32)),
    Column("sort_order", Integer, nullable=False, server_default="0"),
    flag("is_visible", True),
    flag("is_filterable", False),
)

tbl_report_query_field = table(
    "tbl_report_query_field", S,
    pk("report_query_field_id"),
    fk("report_query_id", "nmc.tbl_report_query.report_query_id"),
    fk("report_field_id", "nmc.tbl_report_field.report_field_id"),
    Column("column_alias", String(64), nullable=False),
)

tbl_report_report_query = table(
    "tbl_report_report_query", S,
    pk("report_report_query_id"),
    fk("report_id", "nmc.tbl_report.report_id", index=False),
    fk("report_query_id", "nmc.tbl_report_query.report_query_id"),
    Column("sort_order", Integer, nullable=False, server_default="0"),
    UniqueConstraint("report_id", "report_query_id"),
)
