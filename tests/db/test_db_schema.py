"""The schema metadata: the issue's 128 tables, the contract columns, the indexes the tools need, and sql/ in sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from tools.db.ddl import drift, render_files, write_files
from tools.db.schema import SCHEMAS, metadata
from tools.db.views import VIEWS

REPO = Path(__file__).resolve().parents[2]

ISSUE_TABLES = {
    "dbcards": """tbl_accounttype tbl_bankaccounttype tbl_card tbl_card_log tbl_cardpaypal tbl_cardstatus tbl_cardstype
        tbl_cardtypeaccepted tbl_cardtypeaccepted_account tbl_carduser tbl_data_elements tbl_debitaccounttype
        tbl_driverlicense tbl_paymentnaturetype tbl_paymentserviceaccount tbl_paymentserviceprovider
        tbl_paymentserviceprovider_unsupported tbl_paymentserviceprovidertype tbl_paymenttype tbl_securityquestions
        tbl_securityquestionsanswer""",
    "dbcommission": """tbl_commission tbl_commission_agent_file tbl_commission_agent_file_bill tbl_commission_detail
        tbl_commission_rates tbl_commission_status""",
    "dbitems": """tbl_advertising tbl_advertising_banner_type tbl_advertising_favorite tbl_advertising_watched
        tbl_advertisingimage tbl_advertisingrecommended tbl_advertisingreport tbl_asset tbl_asset_image tbl_barcodetype
        tbl_campaign tbl_campaign_channel tbl_campaign_layout tbl_campaign_status tbl_catalog tbl_catalogproduct
        tbl_category tbl_categorydescription tbl_clippedcoupon tbl_clippedmembership tbl_condition tbl_conditiontype
        tbl_coupon tbl_discount tbl_discounttype tbl_inventory tbl_inventory_status tbl_location_inventory
        tbl_membership tbl_mobile_report tbl_order tbl_orderdetail tbl_orderhistory tbl_orderpayment tbl_orderreturn
        tbl_orderstatus tbl_ordertype tbl_package tbl_package_results tbl_product tbl_service_type tbl_services_task
        tbl_shoppingcart tbl_shoppingcartdetail tbl_subcategory tbl_subscription""",
    "dbuser": """tbl_address tbl_city tbl_company tbl_company_type tbl_consumer tbl_country tbl_crm_note tbl_department
        tbl_device tbl_device_os tbl_deviceblock tbl_devicestatus tbl_devicetype tbl_email tbl_favorite_location
        tbl_full_time_employees tbl_hardware_cart tbl_hardware_type tbl_help_faq tbl_help_guide tbl_help_ticket
        tbl_help_ticket_abuse tbl_help_ticket_image tbl_help_ticket_reason tbl_help_ticket_status tbl_help_ticket_type
        tbl_help_video tbl_language tbl_language_platform tbl_languagelabel tbl_location tbl_location_hardware
        tbl_mall_address tbl_merchant tbl_merchant_payfactory tbl_phone tbl_platform tbl_rating_user tbl_reseller
        tbl_state tbl_timezone tbl_user tbl_user_status tbl_user_type""",
    "nmc": """tbl_access tbl_client_type tbl_log tbl_p_codes_sequence_aio tbl_report tbl_report_field tbl_report_query
        tbl_report_query_field tbl_report_report_query tbl_t_error_control_aio tbl_transactionkey""",
}
EXPECTED = {(schema, name) for schema, names in ISSUE_TABLES.items() for name in names.split()}

CONTRACT_COLUMNS = {
    "dbuser.tbl_user": "user_id first_name last_name user_type_id user_status_id language_code created_at",
    "dbuser.tbl_email": "email_id user_id email is_primary",
    "dbuser.tbl_phone": "phone_id user_id phone_number is_primary",
    "dbuser.tbl_address": "address_id user_id street city_id postal_code is_default",
    "dbuser.tbl_city": "city_id name state_id",
    "dbuser.tbl_state": "state_id name country_id",
    "dbuser.tbl_country": "country_id name iso2",
    "dbuser.tbl_help_ticket": "help_ticket_id user_id order_id help_ticket_type_id help_ticket_status_id "
                              "help_ticket_reason_id subject description created_at updated_at",
    "dbuser.tbl_help_faq": "help_faq_id language_code topic question answer",
    "dbitems.tbl_product": "product_id name description brand category_id price currency is_active",
    "dbitems.tbl_categorydescription": "category_id language_code name",
    "dbitems.tbl_inventory": "inventory_id product_id location_id quantity",
    "dbitems.tbl_order": "order_id user_id orderstatus_id order_date total_amount currency carrier tracking_number "
                         "shipped_at estimated_delivery delivered_at card_id",
    "dbitems.tbl_orderstatus": "orderstatus_id name",
    "dbitems.tbl_orderdetail": "orderdetail_id order_id product_id quantity unit_price",
    "dbitems.tbl_orderhistory": "orderhistory_id order_id orderstatus_id changed_at location_text note",
    "dbitems.tbl_orderreturn": "orderreturn_id order_id status reason requested_at refund_amount",
    "dbcards.tbl_card": "card_id token card_number cvv expiry_month expiry_year last4 cardstype_id cardstatus_id",
    "dbcards.tbl_carduser": "carduser_id card_id user_id",
    "dbcards.tbl_cardstype": "cardstype_id name",
    "nmc.tbl_log": "log_id created_at",
}

# (table, leading columns, unique?) the tools' queries rely on.
REQUIRED_INDEXES = [
    ("dbitems.tbl_order", ("user_id", "order_date"), False),
    ("dbitems.tbl_order", ("tracking_number",), True),
    ("dbitems.tbl_orderdetail", ("order_id",), False),
    ("dbitems.tbl_orderhistory", ("order_id", "changed_at"), False),
    ("dbitems.tbl_orderreturn", ("order_id",), False),
    ("dbitems.tbl_orderpayment", ("order_id",), False),
    ("dbitems.tbl_inventory", ("product_id",), False),
    ("dbuser.tbl_email", ("email",), True),
    ("dbuser.tbl_email", ("user_id",), False),
    ("dbuser.tbl_phone", ("user_id",), False),
    ("dbuser.tbl_address", ("user_id",), False),
    ("dbuser.tbl_help_ticket", ("user_id",), False),
    ("dbcards.tbl_carduser", ("user_id",), False),
    ("dbuser.tbl_help_faq", ("language_code", "topic"), False),
    ("dbitems.tbl_product", ("category_id",), False),
    ("dbitems.tbl_product", ("name",), False),
    ("dbitems.tbl_categorydescription", ("category_id", "language_code"), False),
    ("dbitems.tbl_clippedmembership", ("user_id",), False),
]

CROSS_DATABASE_FKS = [
    ("dbitems", "tbl_order", "user_id", "dbuser", "tbl_user"),
    ("dbcards", "tbl_carduser", "user_id", "dbuser", "tbl_user"),
    ("dbitems", "tbl_order", "card_id", "dbcards", "tbl_card"),
    ("dbitems", "tbl_inventory", "location_id", "dbuser", "tbl_location"),
]


def test_metadata_holds_exactly_the_issue_tables():
    assert len(EXPECTED) == 128
    assert {(t.schema, t.name) for t in metadata.tables.values()} == EXPECTED
    assert set(SCHEMAS) == set(ISSUE_TABLES)


def test_every_table_has_a_primary_key():
    assert [t.fullname for t in metadata.tables.values() if not t.primary_key.columns] == []


@pytest.mark.parametrize("table_name", sorted(CONTRACT_COLUMNS))
def test_contract_columns_exist(table_name: str):
    missing = set(CONTRACT_COLUMNS[table_name].split()) - set(metadata.tables[table_name].c.keys())
    assert missing == set()


def test_money_is_decimal_10_2():
    price = metadata.tables["dbitems.tbl_product"].c.price.type
    assert (price.precision, price.scale) == (10, 2)


def test_tracking_number_is_unique_and_nullable():
    column = metadata.tables["dbitems.tbl_order"].c.tracking_number
    assert column.nullable and column.unique


def _index_column_sets(inspector, schema: str, table: str) -> list[tuple[tuple[str, ...], bool]]:
    found = [(tuple(ix["column_names"]), bool(ix["unique"])) for ix in inspector.get_indexes(table, schema=schema)]
    found += [(tuple(uq["column_names"]), True) for uq in inspector.get_unique_constraints(table, schema=schema)]
    return found


def _assert_required_indexes(engine: Engine) -> None:
    inspector = inspect(engine)
    missing = []
    for full_name, columns, unique in REQUIRED_INDEXES:
        schema, table = full_name.split(".")
        candidates = _index_column_sets(inspector, schema, table)
        if not any(cols[: len(columns)] == columns and (is_unique or not unique) for cols, is_unique in candidates):
            missing.append((full_name, columns))
    assert missing == []


def test_required_indexes_exist_in_sqlite(demo_sqlite_engine: Engine):
    _assert_required_indexes(demo_sqlite_engine)


@pytest.mark.mariadb
def test_required_indexes_exist_in_mariadb(mariadb_ro_engine: Engine):
    _assert_required_indexes(mariadb_ro_engine)


def test_sql_folder_matches_metadata():
    assert drift(REPO / "sql") == [], "run `apitap db ddl --out sql/`"


def test_drift_is_detected(tmp_path: Path):
    write_files(tmp_path)
    assert drift(tmp_path) == []
    changed = tmp_path / "dbitems_tbl_order.sql"
    changed.write_text(changed.read_text().replace("tracking_number VARCHAR(40)", "tracking_number VARCHAR(80)"))
    (tmp_path / "dbuser_tbl_email.sql").unlink()
    assert drift(tmp_path) == ["missing: dbuser_tbl_email.sql", "changed: dbitems_tbl_order.sql"]


def test_rendered_files_follow_the_naming_convention():
    names = set(render_files())
    assert {f"{schema}_{name}.sql" for schema, name in EXPECTED} <= names
    assert {"dbitems_routines.sql", "grants_readonly.sql", "schema_all.sql"} <= names
    assert len(names) == 128 + 3


def test_readonly_grants_give_select_only():
    grants = render_files()["grants_readonly.sql"]
    assert all(f"GRANT SELECT ON {schema}.*" in grants for schema in SCHEMAS)
    assert "ALL PRIVILEGES" not in grants and "INSERT" not in grants


@pytest.mark.mariadb
def test_mariadb_has_all_tables_after_init(mariadb_admin_engine: Engine):
    with mariadb_admin_engine.connect() as conn:
        rows = conn.execute(
            text("SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                 "AND table_schema IN ('dbcards', 'dbcommission', 'dbitems', 'dbuser', 'nmc')")
        ).all()
    assert {(schema, name) for schema, name in rows} == EXPECTED


@pytest.mark.mariadb
@pytest.mark.parametrize(("schema", "table", "column", "ref_schema", "ref_table"), CROSS_DATABASE_FKS)
def test_mariadb_has_cross_database_foreign_keys(mariadb_admin_engine: Engine, schema: str, table: str,
                                                 column: str, ref_schema: str, ref_table: str):
    with mariadb_admin_engine.connect() as conn:
        found = conn.execute(
            text("SELECT k.referenced_table_schema, k.referenced_table_name "
                 "FROM information_schema.key_column_usage k "
                 "JOIN information_schema.referential_constraints r "
                 "  ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name "
                 "WHERE k.table_schema = :schema AND k.table_name = :table AND k.column_name = :column"),
            {"schema": schema, "table": table, "column": column},
        ).all()
    assert (ref_schema, ref_table) in [tuple(row) for row in found]


def test_sqlite_has_all_tables_and_views(demo_sqlite_engine: Engine):
    inspector = inspect(demo_sqlite_engine)
    tables = {(schema, name) for schema in SCHEMAS for name in inspector.get_table_names(schema=schema)}
    assert tables == EXPECTED
    views = {(schema, name) for schema in SCHEMAS for name in inspector.get_view_names(schema=schema)}
    assert {(v.schema, v.name) for v in VIEWS} <= views


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.name)
def test_views_answer_on_both_engines(demo_engine: Engine, view):
    with demo_engine.connect() as conn:
        rows = conn.execute(text(f"SELECT * FROM {view.schema}.{view.name}")).all()
    assert rows


def test_category_tree_paths(demo_engine: Engine):
    with demo_engine.connect() as conn:
        path = conn.execute(
            text("SELECT path FROM dbitems.vw_categorytree WHERE name = 'Wireless Earbuds'")
        ).scalar_one()
    assert path == "Electronics > Headphones & Audio > Wireless Earbuds"
