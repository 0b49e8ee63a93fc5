"""`dbuser`: customers, their contact data and addresses, places, support tickets, help content, languages."""

from __future__ import annotations

from sqlalchemy import (
    DECIMAL,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)

from tools.db.schema.base import created_at, fk, flag, lookup, name_col, pk, table, updated_at

S = "dbuser"

# --- languages and geography -------------------------------------------------------------------------------
tbl_language = table(
    "tbl_language", S,
    pk("language_id"),
    Column("language_code", String(5), nullable=False, unique=True),
    name_col(),
    Column("native_name", String(64), nullable=False),
    flag("is_active", True),
    created_at(),
)

tbl_timezone = table(
    "tbl_timezone", S,
    pk("timezone_id"),
    Column("name", String(64), nullable=False, unique=True, comment="IANA name, e.g. America/Mexico_City"),
    Column("utc_offset_minutes", SmallInteger, nullable=False),
)

tbl_country = table(
    "tbl_country", S,
    pk("country_id"),
    name_col(),
    Column("iso2", String(2), nullable=False, unique=True),
    Column("iso3", String(3), nullable=False),
    Column("phone_code", String(6), nullable=False),
    Column("currency", String(3), nullable=False),
)

tbl_state = table(
    "tbl_state", S,
    pk("state_id"),
    name_col(),
    Column("code", String(10)),
    fk("country_id", "dbuser.tbl_country.country_id"),
)

tbl_city = table(
    "tbl_city", S,
    pk("city_id"),
    name_col(),
    fk("state_id", "dbuser.tbl_state.state_id"),
    fk("timezone_id", "dbuser.tbl_timezone.timezone_id", nullable=True),
)

# --- users ---------------------------------------------------------------------------------------------------
tbl_user_type = lookup("tbl_user_type", S, "user_type_id")
tbl_user_status = lookup("tbl_user_status", S, "user_status_id")

tbl_user = table(
    "tbl_user", S,
    pk("user_id"),
    Column("first_name", String(80), nullable=False),
    Column("last_name", String(80), nullable=False),
    fk("user_type_id", "dbuser.tbl_user_type.user_type_id"),
    fk("user_status_id", "dbuser.tbl_user_status.user_status_id"),
    Column("language_code", String(5), nullable=False, server_default="en"),
    Column("date_of_birth", Date),
    created_at(),
    updated_at(),
    Column("last_login_at", DateTime),
)

tbl_email = table(
    "tbl_email", S,
    pk("email_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("email", String(254), nullable=False, unique=True),
    flag("is_primary", False),
    flag("is_verified", False),
    created_at(),
)

tbl_phone = table(
    "tbl_phone", S,
    pk("phone_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("phone_number", String(32), nullable=False, comment="E.164, e.g. +12125550101"),
    Column("phone_type", String(16), nullable=False, server_default="mobile"),
    flag("is_primary", False),
    created_at(),
)

tbl_address = table(
    "tbl_address", S,
    pk("address_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("street", String(160), nullable=False),
    Column("street2", String(160)),
    fk("city_id", "dbuser.tbl_city.city_id"),
    Column("postal_code", String(16), nullable=False),
    Column("address_type", String(16), nullable=False, server_default="shipping"),
    flag("is_default", False),
    created_at(),
)

# --- places --------------------------------------------------------------------------------------------------
tbl_location = table(
    "tbl_location", S,
    pk("location_id"),
    name_col(120),
    Column("location_type", String(16), nullable=False, comment="store | warehouse"),
    Column("street", String(160), nullable=False),
    fk("city_id", "dbuser.tbl_city.city_id"),
    Column("postal_code", String(16), nullable=False),
    Column("phone_number", String(32)),
    Column("latitude", DECIMAL(9, 6)),
    Column("longitude", DECIMAL(9, 6)),
    Column("opening_hours", String(120)),
    flag("is_active", True),
)

# --- support -------------------------------------------------------------------------------------------------
tbl_help_ticket_type = lookup("tbl_help_ticket_type", S, "help_ticket_type_id")
tbl_help_ticket_status = lookup("tbl_help_ticket_status", S, "help_ticket_status_id")
tbl_help_ticket_reason = lookup(
    "tbl_help_ticket_reason", S, "help_ticket_reason_id",
    fk("help_ticket_type_id", "dbuser.tbl_help_ticket_type.help_ticket_type_id", nullable=True),
)

tbl_help_ticket = table(
    "tbl_help_ticket", S,
    pk("help_ticket_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    fk("order_id", "dbitems.tbl_order.order_id", nullable=True),
    fk("help_ticket_type_id", "dbuser.tbl_help_ticket_type.help_ticket_type_id"),
    fk("help_ticket_status_id", "dbuser.tbl_help_ticket_status.help_ticket_status_id"),
    fk("help_ticket_reason_id", "dbuser.tbl_help_ticket_reason.help_ticket_reason_id"),
    Column("subject", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("priority", String(10), nullable=False, server_default="normal"),
    Column("channel", String(16), nullable=False, server_default="web"),
    Column("language_code", String(5), nullable=False, server_default="en"),
    Column("resolution", Text),
    created_at(),
    updated_at(),
    Column("closed_at", DateTime),
)

tbl_help_faq = table(
    "tbl_help_faq", S,
    pk("help_faq_id"),
    Column("language_code", String(5), nullable=False),
    Column("topic", String(32), nullable=False, comment="returns | shipping | warranty | payment | account | orders"),
    Column("question", String(255), nullable=False),
    Column("answer", Text, nullable=False),
    Column("sort_order", Integer, nullable=False, server_default="0"),
    flag("is_active", True),
    Index(None, "language_code", "topic"),
)

tbl_help_ticket_image = table(
    "tbl_help_ticket_image", S,
    pk("help_ticket_image_id"),
    fk("help_ticket_id", "dbuser.tbl_help_ticket.help_ticket_id"),
    Column("file_name", String(255), nullable=False),
    Column("content_type", String(64), nullable=False),
    Column("size_bytes", Integer, nullable=False),
    created_at(),
)

tbl_help_ticket_abuse = table(
    "tbl_help_ticket_abuse", S,
    pk("help_ticket_abuse_id"),
    fk("help_ticket_id", "dbuser.tbl_help_ticket.help_ticket_id"),
    fk("reported_by_user_id", "dbuser.tbl_user.user_id", nullable=True),
    Column("abuse_type", String(32), nullable=False),
    Column("note", String(255)),
    flag("is_confirmed", False),
    created_at(),
)

tbl_help_guide = table(
    "tbl_help_guide", S,
    pk("help_guide_id"),
    Column("language_code", String(5), nullable=False),
    Column("topic", String(32), nullable=False),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    flag("is_active", True),
    created_at(),
)

tbl_help_video = table(
    "tbl_help_video", S,
    pk("help_video_id"),
    Column("language_code", String(5), nullable=False),
    Column("topic", String(32), nullable=False),
    Column("title", String(200), nullable=False),
    Column("url", String(500), nullable=False),
    Column("duration_seconds", Integer),
    flag("is_active", True),
)

tbl_crm_note = table(
    "tbl_crm_note", S,
    pk("crm_note_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    fk("help_ticket_id", "dbuser.tbl_help_ticket.help_ticket_id", nullable=True),
    Column("author", String(80), nullable=False),
    Column("note_type", String(32), nullable=False, server_default="general"),
    Column("subject", String(200)),
    Column("body", Text, nullable=False),
    Column("follow_up_at", DateTime),
    flag("is_private", True),
    created_at(),
    updated_at(),
)

# --- languages per platform ------------------------------------------------------------------------------------
tbl_platform = lookup("tbl_platform", S, "platform_id")

tbl_language_platform = table(
    "tbl_language_platform", S,
    pk("language_platform_id"),
    fk("language_id", "dbuser.tbl_language.language_id"),
    fk("platform_id", "dbuser.tbl_platform.platform_id"),
    flag("is_default", False),
    UniqueConstraint("language_id", "platform_id"),
)

tbl_languagelabel = table(
    "tbl_languagelabel", S,
    pk("languagelabel_id"),
    fk("language_id", "dbuser.tbl_language.language_id", index=False),
    Column("label_key", String(120), nullable=False),
    Column("label_text", Text, nullable=False),
    fk("platform_id", "dbuser.tbl_platform.platform_id", nullable=True),
    UniqueConstraint("language_id", "label_key"),
)

# --- consumers, merchants, resellers, companies ------------------------------------------------------------
tbl_consumer = table(
    "tbl_consumer", S,
    pk("consumer_id"),
    fk("user_id", "dbuser.tbl_user.user_id", index=False, unique=True),
    Column("loyalty_points", Integer, nullable=False, server_default="0"),
    Column("preferred_contact", String(16), nullable=False, server_default="email"),
    flag("marketing_opt_in", False),
    created_at(),
)

tbl_company_type = lookup("tbl_company_type", S, "company_type_id")

tbl_company = table(
    "tbl_company", S,
    pk("company_id"),
    name_col(160),
    Column("legal_name", String(200)),
    Column("tax_id", String(32)),
    fk("company_type_id", "dbuser.tbl_company_type.company_type_id"),
    fk("country_id", "dbuser.tbl_country.country_id", nullable=True),
    Column("website", String(255)),
    flag("is_active", True),
    created_at(),
)

tbl_department = table(
    "tbl_department", S,
    pk("department_id"),
    fk("company_id", "dbuser.tbl_company.company_id"),
    name_col(120),
    fk("manager_user_id", "dbuser.tbl_user.user_id", nullable=True),
    created_at(),
)

tbl_full_time_employees = table(
    "tbl_full_time_employees", S,
    pk("full_time_employees_id"),
    fk("company_id", "dbuser.tbl_company.company_id"),
    fk("department_id", "dbuser.tbl_department.department_id", nullable=True),
    Column("year", SmallInteger, nullable=False),
    Column("employee_count", Integer, nullable=False),
    created_at(),
)

tbl_merchant = table(
    "tbl_merchant", S,
    pk("merchant_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    fk("company_id", "dbuser.tbl_company.company_id", nullable=True),
    Column("business_name", String(160), nullable=False),
    Column("merchant_category_code", String(4)),
    Column("tax_id", String(32)),
    Column("contact_email", String(254)),
    Column("contact_phone", String(32)),
    fk("address_id", "dbuser.tbl_address.address_id", nullable=True),
    Column("settlement_currency", String(3), nullable=False, server_default="USD"),
    Column("commission_rate", DECIMAL(5, 4), nullable=False, server_default="0"),
    flag("is_active", True),
    created_at(),
    updated_at(),
)

tbl_merchant_payfactory = table(
    "tbl_merchant_payfactory", S,
    pk("merchant_payfactory_id"),
    fk("merchant_id", "dbuser.tbl_merchant.merchant_id"),
    Column("payfactory_merchant_ref", String(64), nullable=False),
    Column("terminal_id", String(32)),
    Column("processor", String(64)),
    Column("status", String(16), nullable=False, server_default="pending"),
    Column("approved_at", DateTime),
    created_at(),
)

tbl_reseller = table(
    "tbl_reseller", S,
    pk("reseller_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    fk("company_id", "dbuser.tbl_company.company_id", nullable=True),
    Column("reseller_code", String(32), nullable=False, unique=True),
    Column("region", String(80)),
    Column("commission_rate", DECIMAL(5, 4), nullable=False, server_default="0"),
    flag("is_active", True),
    created_at(),
)

tbl_rating_user = table(
    "tbl_rating_user", S,
    pk("rating_user_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    fk("rated_by_user_id", "dbuser.tbl_user.user_id", nullable=True),
    Column("score", SmallInteger, nullable=False, comment="1..5"),
    Column("comment", String(500)),
    Column("context", String(32), nullable=False, server_default="order"),
    created_at(),
)

# --- locations and hardware ----------------------------------------------------------------------------------
tbl_mall_address = table(
    "tbl_mall_address", S,
    pk("mall_address_id"),
    name_col(160),
    Column("street", String(160), nullable=False),
    fk("city_id", "dbuser.tbl_city.city_id"),
    Column("postal_code", String(16)),
    Column("floor", String(16)),
    Column("unit", String(16)),
    Column("opening_hours", String(120)),
    created_at(),
)

tbl_favorite_location = table(
    "tbl_favorite_location", S,
    pk("favorite_location_id"),
    fk("user_id", "dbuser.tbl_user.user_id", index=False),
    fk("location_id", "dbuser.tbl_location.location_id"),
    created_at(),
    UniqueConstraint("user_id", "location_id"),
)

tbl_hardware_type = table(
    "tbl_hardware_type", S,
    pk("hardware_type_id"),
    name_col(80, unique=True),
    Column("manufacturer", String(80)),
    Column("model", String(80)),
    Column("unit_cost", DECIMAL(10, 2)),
    flag("is_active", True),
)

tbl_location_hardware = table(
    "tbl_location_hardware", S,
    pk("location_hardware_id"),
    fk("location_id", "dbuser.tbl_location.location_id"),
    fk("hardware_type_id", "dbuser.tbl_hardware_type.hardware_type_id"),
    Column("serial_number", String(64), nullable=False, unique=True),
    Column("installed_at", DateTime),
    Column("status", String(16), nullable=False, server_default="active"),
)

tbl_hardware_cart = table(
    "tbl_hardware_cart", S,
    pk("hardware_cart_id"),
    fk("location_id", "dbuser.tbl_location.location_id"),
    fk("hardware_type_id", "dbuser.tbl_hardware_type.hardware_type_id"),
    Column("quantity", Integer, nullable=False),
    Column("carrier", String(40)),
    Column("tracking_number", String(40)),
    Column("shipped_at", DateTime),
    Column("delivered_at", DateTime),
    created_at(),
)

# --- devices -------------------------------------------------------------------------------------------------
tbl_device_os = lookup("tbl_device_os", S, "device_os_id")
tbl_devicetype = lookup("tbl_devicetype", S, "devicetype_id")
tbl_devicestatus = lookup("tbl_devicestatus", S, "devicestatus_id")

tbl_device = table(
    "tbl_device", S,
    pk("device_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    fk("devicetype_id", "dbuser.tbl_devicetype.devicetype_id"),
    fk("device_os_id", "dbuser.tbl_device_os.device_os_id"),
    fk("devicestatus_id", "dbuser.tbl_devicestatus.devicestatus_id"),
    Column("device_identifier", String(128), nullable=False, unique=True),
    Column("app_version", String(32)),
    Column("last_seen_at", DateTime),
    created_at(),
)

tbl_deviceblock = table(
    "tbl_deviceblock", S,
    pk("deviceblock_id"),
    fk("device_id", "dbuser.tbl_device.device_id"),
    Column("reason", String(255), nullable=False),
    Column("blocked_until", DateTime),
    created_at(),
)
