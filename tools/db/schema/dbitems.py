"""`dbitems`: catalogue, stock, orders with their history, returns and payments, coupons and memberships."""

from __future__ import annotations

from sqlalchemy import DECIMAL, Column, DateTime, Index, Integer, SmallInteger, String, Text, UniqueConstraint

from tools.db.schema.base import Money, created_at, fk, flag, lookup, name_col, pk, table, updated_at

S = "dbitems"

# --- catalogue -----------------------------------------------------------------------------------------------
tbl_category = table(
    "tbl_category", S,
    pk("category_id"),
    fk("parent_category_id", "dbitems.tbl_category.category_id", nullable=True),
    Column("code", String(40), nullable=False, unique=True),
    name_col(80),
    Column("level", SmallInteger, nullable=False, server_default="0"),
    Column("tax_rate", DECIMAL(5, 4), nullable=False, server_default="0"),
    flag("is_returnable", True),
    Column("return_days", SmallInteger, nullable=False, server_default="30"),
    Column("warranty_months", SmallInteger, nullable=False, server_default="12"),
    Column("sort_order", Integer, nullable=False, server_default="0"),
    flag("is_active", True),
    created_at(),
)

tbl_categorydescription = table(
    "tbl_categorydescription", S,
    pk("categorydescription_id"),
    fk("category_id", "dbitems.tbl_category.category_id", index=False),
    Column("language_code", String(5), nullable=False),
    name_col(80),
    Column("description", String(255)),
    UniqueConstraint("category_id", "language_code"),
)

tbl_product = table(
    "tbl_product", S,
    pk("product_id"),
    Column("sku", String(32), nullable=False, unique=True),
    Column("name", String(160), nullable=False, index=True),
    Column("description", Text),
    Column("brand", String(80), nullable=False),
    fk("category_id", "dbitems.tbl_category.category_id"),
    Column("price", Money, nullable=False),
    Column("currency", String(3), nullable=False, server_default="USD"),
    Column("weight_kg", DECIMAL(7, 3)),
    Column("warranty_months", SmallInteger, nullable=False, server_default="12"),
    flag("is_active", True),
    created_at(),
    updated_at(),
)

tbl_inventory_status = lookup("tbl_inventory_status", S, "inventory_status_id")

tbl_inventory = table(
    "tbl_inventory", S,
    pk("inventory_id"),
    fk("product_id", "dbitems.tbl_product.product_id"),
    fk("location_id", "dbuser.tbl_location.location_id"),
    Column("quantity", Integer, nullable=False, server_default="0"),
    fk("inventory_status_id", "dbitems.tbl_inventory_status.inventory_status_id", nullable=True, index=False),
    updated_at(),
    UniqueConstraint("product_id", "location_id"),
)

# --- orders --------------------------------------------------------------------------------------------------
tbl_orderstatus = lookup("tbl_orderstatus", S, "orderstatus_id")
tbl_ordertype = lookup("tbl_ordertype", S, "ordertype_id")

tbl_order = table(
    "tbl_order", S,
    pk("order_id"),
    fk("user_id", "dbuser.tbl_user.user_id", index=False),
    fk("orderstatus_id", "dbitems.tbl_orderstatus.orderstatus_id"),
    fk("ordertype_id", "dbitems.tbl_ordertype.ordertype_id", nullable=True, index=False),
    Column("order_date", DateTime, nullable=False),
    Column("subtotal_amount", Money, nullable=False, server_default="0"),
    Column("shipping_amount", Money, nullable=False, server_default="0"),
    Column("tax_amount", Money, nullable=False, server_default="0"),
    Column("discount_amount", Money, nullable=False, server_default="0"),
    Column("total_amount", Money, nullable=False),
    Column("currency", String(3), nullable=False, server_default="USD"),
    fk("shipping_address_id", "dbuser.tbl_address.address_id", nullable=True, index=False),
    Column("carrier", String(40)),
    Column("tracking_number", String(40), unique=True),
    Column("shipped_at", DateTime),
    Column("estimated_delivery", DateTime),
    Column("delivered_at", DateTime),
    fk("card_id", "dbcards.tbl_card.card_id", nullable=True, index=False),
    fk("coupon_id", "dbitems.tbl_coupon.coupon_id", nullable=True, index=False),
    updated_at(),
    Index(None, "user_id", "order_date"),
)

tbl_orderdetail = table(
    "tbl_orderdetail", S,
    pk("orderdetail_id"),
    fk("order_id", "dbitems.tbl_order.order_id"),
    fk("product_id", "dbitems.tbl_product.product_id"),
    Column("quantity", Integer, nullable=False),
    Column("unit_price", Money, nullable=False),
    Column("discount_amount", Money, nullable=False, server_default="0"),
    Column("line_total", Money, nullable=False),
)

tbl_orderhistory = table(
    "tbl_orderhistory", S,
    pk("orderhistory_id"),
    fk("order_id", "dbitems.tbl_order.order_id", index=False),
    fk("orderstatus_id", "dbitems.tbl_orderstatus.orderstatus_id"),
    Column("changed_at", DateTime, nullable=False),
    Column("location_text", String(160)),
    Column("note", String(255)),
    Index(None, "order_id", "changed_at"),
)

tbl_orderreturn = table(
    "tbl_orderreturn", S,
    pk("orderreturn_id"),
    fk("order_id", "dbitems.tbl_order.order_id"),
    fk("orderdetail_id", "dbitems.tbl_orderdetail.orderdetail_id", nullable=True, index=False),
    Column("status", String(16), nullable=False, comment="requested | approved | received | refunded | rejected"),
    Column("reason", String(255), nullable=False),
    Column("requested_at", DateTime, nullable=False),
    Column("resolved_at", DateTime),
    Column("refund_amount", Money),
    Column("currency", String(3), nullable=False, server_default="USD"),
)

tbl_orderpayment = table(
    "tbl_orderpayment", S,
    pk("orderpayment_id"),
    fk("order_id", "dbitems.tbl_order.order_id"),
    fk("card_id", "dbcards.tbl_card.card_id", nullable=True, index=False),
    Column("amount", Money, nullable=False),
    Column("currency", String(3), nullable=False, server_default="USD"),
    Column("payment_method", String(16), nullable=False, comment="card | paypal | cash_on_delivery"),
    Column("status", String(16), nullable=False, comment="authorized | captured | refunded | voided"),
    Column("authorization_code", String(16)),
    Column("paid_at", DateTime),
)

# --- coupons and memberships ---------------------------------------------------------------------------------
tbl_coupon = table(
    "tbl_coupon", S,
    pk("coupon_id"),
    Column("code", String(32), nullable=False, unique=True),
    Column("description", String(255), nullable=False),
    Column("discount_type", String(10), nullable=False, comment="percent | amount"),
    Column("discount_value", Money, nullable=False),
    Column("min_order_amount", Money, nullable=False, server_default="0"),
    Column("currency", String(3), nullable=False, server_default="USD"),
    Column("valid_from", DateTime, nullable=False),
    Column("valid_until", DateTime, nullable=False),
    flag("is_active", True),
)

tbl_clippedcoupon = table(
    "tbl_clippedcoupon", S,
    pk("clippedcoupon_id"),
    fk("coupon_id", "dbitems.tbl_coupon.coupon_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("clipped_at", DateTime, nullable=False),
    Column("redeemed_at", DateTime),
    fk("order_id", "dbitems.tbl_order.order_id", nullable=True, index=False),
    Column("channel", String(16), nullable=False, server_default="web"),
    flag("is_active", True),
    created_at(),
)

tbl_membership = table(
    "tbl_membership", S,
    pk("membership_id"),
    name_col(64, unique=True),
    Column("description", String(255), nullable=False),
    Column("monthly_fee", Money, nullable=False),
    Column("currency", String(3), nullable=False, server_default="USD"),
    flag("free_shipping", False),
    Column("discount_percent", DECIMAL(5, 2), nullable=False, server_default="0"),
    flag("is_active", True),
)

tbl_clippedmembership = table(
    "tbl_clippedmembership", S,
    pk("clippedmembership_id"),
    fk("membership_id", "dbitems.tbl_membership.membership_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("status", String(16), nullable=False, comment="active | expired | cancelled"),
    Column("started_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("cancelled_at", DateTime),
    flag("auto_renew", True),
    fk("card_id", "dbcards.tbl_card.card_id", nullable=True, index=False),
    created_at(),
)

# --- catalogue extras ----------------------------------------------------------------------------------------
tbl_subcategory = table(
    "tbl_subcategory", S,
    pk("subcategory_id"),
    fk("category_id", "dbitems.tbl_category.category_id"),
    name_col(80),
    Column("sort_order", Integer, nullable=False, server_default="0"),
    flag("is_active", True),
)

tbl_catalog = table(
    "tbl_catalog", S,
    pk("catalog_id"),
    name_col(120),
    Column("description", String(255)),
    Column("valid_from", DateTime),
    Column("valid_until", DateTime),
    flag("is_active", True),
    created_at(),
)

tbl_catalogproduct = table(
    "tbl_catalogproduct", S,
    pk("catalogproduct_id"),
    fk("catalog_id", "dbitems.tbl_catalog.catalog_id", index=False),
    fk("product_id", "dbitems.tbl_product.product_id"),
    Column("sort_order", Integer, nullable=False, server_default="0"),
    UniqueConstraint("catalog_id", "product_id"),
)

tbl_conditiontype = lookup("tbl_conditiontype", S, "conditiontype_id")

tbl_condition = table(
    "tbl_condition", S,
    pk("condition_id"),
    fk("conditiontype_id", "dbitems.tbl_conditiontype.conditiontype_id"),
    name_col(80),
    Column("description", String(255)),
)

tbl_barcodetype = lookup("tbl_barcodetype", S, "barcodetype_id")

tbl_location_inventory = table(
    "tbl_location_inventory", S,
    pk("location_inventory_id"),
    fk("location_id", "dbuser.tbl_location.location_id"),
    fk("inventory_status_id", "dbitems.tbl_inventory_status.inventory_status_id", nullable=True),
    Column("counted_at", DateTime, nullable=False),
    Column("total_units", Integer, nullable=False),
    Column("note", String(255)),
)

# --- discounts -----------------------------------------------------------------------------------------------
tbl_discounttype = lookup("tbl_discounttype", S, "discounttype_id")

tbl_discount = table(
    "tbl_discount", S,
    pk("discount_id"),
    fk("discounttype_id", "dbitems.tbl_discounttype.discounttype_id"),
    fk("product_id", "dbitems.tbl_product.product_id", nullable=True),
    fk("category_id", "dbitems.tbl_category.category_id", nullable=True),
    Column("percent", DECIMAL(5, 2)),
    Column("amount", Money),
    Column("valid_from", DateTime, nullable=False),
    Column("valid_until", DateTime, nullable=False),
    flag("is_active", True),
)

# --- carts ---------------------------------------------------------------------------------------------------
tbl_shoppingcart = table(
    "tbl_shoppingcart", S,
    pk("shoppingcart_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("status", String(16), nullable=False, server_default="open"),
    Column("currency", String(3), nullable=False, server_default="USD"),
    fk("order_id", "dbitems.tbl_order.order_id", nullable=True, index=False),
    created_at(),
    updated_at(),
)

tbl_shoppingcartdetail = table(
    "tbl_shoppingcartdetail", S,
    pk("shoppingcartdetail_id"),
    fk("shoppingcart_id", "dbitems.tbl_shoppingcart.shoppingcart_id"),
    fk("product_id", "dbitems.tbl_product.product_id"),
    Column("quantity", Integer, nullable=False),
    Column("unit_price", Money, nullable=False),
    created_at(),
)

# --- advertising and campaigns -------------------------------------------------------------------------------
tbl_campaign_status = lookup("tbl_campaign_status", S, "campaign_status_id")
tbl_campaign_channel = lookup("tbl_campaign_channel", S, "campaign_channel_id")
tbl_campaign_layout = lookup("tbl_campaign_layout", S, "campaign_layout_id")
tbl_advertising_banner_type = lookup("tbl_advertising_banner_type", S, "advertising_banner_type_id")

tbl_campaign = table(
    "tbl_campaign", S,
    pk("campaign_id"),
    name_col(120),
    Column("description", String(255)),
    fk("campaign_status_id", "dbitems.tbl_campaign_status.campaign_status_id"),
    fk("campaign_channel_id", "dbitems.tbl_campaign_channel.campaign_channel_id"),
    fk("campaign_layout_id", "dbitems.tbl_campaign_layout.campaign_layout_id", nullable=True),
    fk("coupon_id", "dbitems.tbl_coupon.coupon_id", nullable=True),
    Column("budget", Money),
    Column("currency", String(3), nullable=False, server_default="USD"),
    Column("starts_at", DateTime, nullable=False),
    Column("ends_at", DateTime),
    created_at(),
)

tbl_advertising = table(
    "tbl_advertising", S,
    pk("advertising_id"),
    fk("campaign_id", "dbitems.tbl_campaign.campaign_id", nullable=True),
    fk("product_id", "dbitems.tbl_product.product_id", nullable=True),
    fk("advertising_banner_type_id", "dbitems.tbl_advertising_banner_type.advertising_banner_type_id"),
    Column("title", String(160), nullable=False),
    Column("body", String(500)),
    Column("language_code", String(5), nullable=False, server_default="en"),
    Column("target_url", String(500)),
    Column("starts_at", DateTime, nullable=False),
    Column("ends_at", DateTime),
    flag("is_active", True),
    created_at(),
)

tbl_advertisingimage = table(
    "tbl_advertisingimage", S,
    pk("advertisingimage_id"),
    fk("advertising_id", "dbitems.tbl_advertising.advertising_id"),
    Column("url", String(500), nullable=False),
    Column("width", SmallInteger),
    Column("height", SmallInteger),
    Column("sort_order", Integer, nullable=False, server_default="0"),
)

tbl_advertising_favorite = table(
    "tbl_advertising_favorite", S,
    pk("advertising_favorite_id"),
    fk("advertising_id", "dbitems.tbl_advertising.advertising_id", index=False),
    fk("user_id", "dbuser.tbl_user.user_id"),
    created_at(),
    UniqueConstraint("advertising_id", "user_id"),
)

tbl_advertising_watched = table(
    "tbl_advertising_watched", S,
    pk("advertising_watched_id"),
    fk("advertising_id", "dbitems.tbl_advertising.advertising_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("watched_at", DateTime, nullable=False),
    Column("seconds_watched", Integer),
)

tbl_advertisingrecommended = table(
    "tbl_advertisingrecommended", S,
    pk("advertisingrecommended_id"),
    fk("advertising_id", "dbitems.tbl_advertising.advertising_id", index=False),
    fk("product_id", "dbitems.tbl_product.product_id"),
    Column("score", DECIMAL(5, 4)),
    UniqueConstraint("advertising_id", "product_id"),
)

tbl_advertisingreport = table(
    "tbl_advertisingreport", S,
    pk("advertisingreport_id"),
    fk("advertising_id", "dbitems.tbl_advertising.advertising_id"),
    Column("report_date", DateTime, nullable=False),
    Column("impressions", Integer, nullable=False, server_default="0"),
    Column("clicks", Integer, nullable=False, server_default="0"),
    Column("conversions", Integer, nullable=False, server_default="0"),
    Column("spend", Money, nullable=False, server_default="0"),
)

# --- assets --------------------------------------------------------------------------------------------------
tbl_asset = table(
    "tbl_asset", S,
    pk("asset_id"),
    fk("product_id", "dbitems.tbl_product.product_id", nullable=True),
    fk("location_id", "dbuser.tbl_location.location_id", nullable=True),
    fk("barcodetype_id", "dbitems.tbl_barcodetype.barcodetype_id", nullable=True),
    fk("condition_id", "dbitems.tbl_condition.condition_id", nullable=True),
    Column("barcode", String(64)),
    Column("serial_number", String(64)),
    Column("status", String(16), nullable=False, server_default="in_stock"),
    created_at(),
)

tbl_asset_image = table(
    "tbl_asset_image", S,
    pk("asset_image_id"),
    fk("asset_id", "dbitems.tbl_asset.asset_id"),
    Column("url", String(500), nullable=False),
    Column("content_type", String(64)),
    Column("width", SmallInteger),
    Column("height", SmallInteger),
    Column("sort_order", Integer, nullable=False, server_default="0"),
    flag("is_primary", False),
    created_at(),
)

# --- services, packages, subscriptions -----------------------------------------------------------------------
tbl_service_type = lookup("tbl_service_type", S, "service_type_id")

tbl_package = table(
    "tbl_package", S,
    pk("package_id"),
    name_col(120),
    fk("service_type_id", "dbitems.tbl_service_type.service_type_id"),
    Column("price", Money, nullable=False),
    Column("currency", String(3), nullable=False, server_default="USD"),
    Column("duration_days", Integer),
    flag("is_active", True),
)

tbl_subscription = table(
    "tbl_subscription", S,
    pk("subscription_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    fk("package_id", "dbitems.tbl_package.package_id"),
    fk("card_id", "dbcards.tbl_card.card_id", nullable=True, index=False),
    Column("status", String(16), nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("renews_at", DateTime),
    Column("cancelled_at", DateTime),
)

tbl_services_task = table(
    "tbl_services_task", S,
    pk("services_task_id"),
    fk("service_type_id", "dbitems.tbl_service_type.service_type_id"),
    fk("order_id", "dbitems.tbl_order.order_id", nullable=True),
    fk("user_id", "dbuser.tbl_user.user_id", nullable=True),
    fk("location_id", "dbuser.tbl_location.location_id", nullable=True, index=False),
    Column("status", String(16), nullable=False),
    Column("scheduled_at", DateTime),
    Column("completed_at", DateTime),
    Column("note", String(255)),
    created_at(),
)

tbl_package_results = table(
    "tbl_package_results", S,
    pk("package_results_id"),
    fk("package_id", "dbitems.tbl_package.package_id"),
    fk("services_task_id", "dbitems.tbl_services_task.services_task_id", nullable=True),
    Column("result_code", String(16), nullable=False),
    Column("result_text", String(500)),
    Column("recorded_at", DateTime, nullable=False),
)

tbl_mobile_report = table(
    "tbl_mobile_report", S,
    pk("mobile_report_id"),
    fk("user_id", "dbuser.tbl_user.user_id", nullable=True),
    Column("report_type", String(32), nullable=False),
    Column("app_version", String(32)),
    Column("platform", String(16)),
    Column("payload", Text),
    created_at(),
)
