"""The demo dataset: realistic content the agent and evals rely on, determinism, idempotent init and --reset."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from tools.db import demo_reference as ref
from tools.db.admin import database_info, init_database
from tools.db.demo_data import generate, make_plan
from tools.db.engine import DatabaseUnavailable, make_engine

TEST_CARD_NUMBERS = {number for _, _, numbers in ref.CARD_TYPES for number in numbers}


def _scalar(engine: Engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


def _rows(engine: Engine, sql: str, **params) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql), params).all()]


def test_small_demo_sizes(demo_engine: Engine):
    assert _scalar(demo_engine, "SELECT COUNT(*) FROM dbuser.tbl_user") == 50
    assert _scalar(demo_engine, "SELECT COUNT(*) FROM dbitems.tbl_order") == 300
    assert _scalar(demo_engine, "SELECT MIN(user_id) FROM dbuser.tbl_user") == 1


def test_every_customer_has_primary_contact_and_default_address(demo_engine: Engine):
    without = _rows(demo_engine, """
        SELECT u.user_id FROM dbuser.tbl_user u
        WHERE NOT EXISTS (SELECT 1 FROM dbuser.tbl_email e WHERE e.user_id = u.user_id AND e.is_primary = 1)
           OR NOT EXISTS (SELECT 1 FROM dbuser.tbl_phone p WHERE p.user_id = u.user_id AND p.is_primary = 1)
           OR NOT EXISTS (SELECT 1 FROM dbuser.tbl_address a
                          WHERE a.user_id = u.user_id AND a.is_default = 1 AND a.postal_code <> '')""")
    assert without == []


def test_personas_are_fixed(demo_engine: Engine):
    rows = _rows(demo_engine, """
        SELECT u.user_id, u.first_name, u.last_name, u.language_code, e.email, a.postal_code
        FROM dbuser.tbl_user u
        JOIN dbuser.tbl_email e ON e.user_id = u.user_id AND e.is_primary = 1
        JOIN dbuser.tbl_address a ON a.user_id = u.user_id AND a.is_default = 1
        WHERE u.user_id <= 5 ORDER BY u.user_id""")
    assert rows == [(i, p[0], p[1], p[2], p[6], p[5]) for i, p in enumerate(ref.PERSONAS, 1)]


def test_several_customers_have_orders_in_several_statuses(demo_engine: Engine):
    per_user = _rows(demo_engine, """
        SELECT user_id, COUNT(DISTINCT orderstatus_id) FROM dbitems.tbl_order
        GROUP BY user_id HAVING COUNT(DISTINCT orderstatus_id) >= 3""")
    assert len(per_user) >= 5
    statuses = {row[0] for row in _rows(demo_engine, """
        SELECT DISTINCT s.name FROM dbitems.tbl_order o
        JOIN dbitems.tbl_orderstatus s ON s.orderstatus_id = o.orderstatus_id""")}
    assert statuses == set(ref.ORDER_STATUSES)


def test_shipped_orders_have_carrier_tracking_and_history(demo_engine: Engine):
    broken = _rows(demo_engine, """
        SELECT o.order_id FROM dbitems.tbl_order o
        JOIN dbitems.tbl_orderstatus s ON s.orderstatus_id = o.orderstatus_id
        WHERE s.name IN ('shipped', 'delivered', 'returned')
          AND (o.carrier IS NULL OR o.tracking_number IS NULL OR o.estimated_delivery IS NULL
               OR (SELECT COUNT(*) FROM dbitems.tbl_orderhistory h WHERE h.order_id = o.order_id) < 2)""")
    assert broken == []
    assert _scalar(demo_engine, "SELECT COUNT(*) FROM dbitems.tbl_orderhistory WHERE location_text IS NULL") == 0


def test_tracking_numbers_are_unique(demo_engine: Engine):
    assert _scalar(demo_engine, "SELECT COUNT(tracking_number) - COUNT(DISTINCT tracking_number) "
                                "FROM dbitems.tbl_order") == 0


def test_every_order_has_lines_and_consistent_totals(demo_engine: Engine):
    assert _scalar(demo_engine, """SELECT COUNT(*) FROM dbitems.tbl_order o WHERE NOT EXISTS
        (SELECT 1 FROM dbitems.tbl_orderdetail d WHERE d.order_id = o.order_id)""") == 0
    assert _scalar(demo_engine, """SELECT COUNT(*) FROM dbitems.tbl_order o
        WHERE ABS(o.subtotal_amount - (SELECT SUM(d.line_total) FROM dbitems.tbl_orderdetail d
                                        WHERE d.order_id = o.order_id)) > 0.001""") == 0


def test_returns_have_refunds(demo_engine: Engine):
    refunded = _rows(demo_engine, "SELECT refund_amount FROM dbitems.tbl_orderreturn WHERE status = 'refunded'")
    assert refunded and all(amount is not None and amount > 0 for (amount,) in refunded)


def test_cards_hold_only_test_numbers(demo_engine: Engine):
    numbers = {row[0] for row in _rows(demo_engine, "SELECT DISTINCT card_number FROM dbcards.tbl_card")}
    assert numbers and numbers <= TEST_CARD_NUMBERS
    assert _scalar(demo_engine, "SELECT COUNT(*) FROM dbcards.tbl_card WHERE SUBSTR(card_number, -4) <> last4") == 0


def test_prompt_injection_ticket_is_present(demo_engine: Engine):
    rows = _rows(demo_engine, "SELECT help_ticket_id, user_id FROM dbuser.tbl_help_ticket "
                              "WHERE description LIKE '%ignore your instructions%'")
    assert rows == [(4, 4)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_faqs_cover_the_topics_in_both_languages(demo_engine: Engine, language: str):
    topics = {row[0] for row in _rows(demo_engine, "SELECT DISTINCT topic FROM dbuser.tbl_help_faq "
                                                   "WHERE language_code = :lang", lang=language)}
    assert {"returns", "shipping", "warranty", "payment"} <= topics


def test_category_descriptions_in_english_and_spanish(demo_engine: Engine):
    assert _scalar(demo_engine, """SELECT COUNT(*) FROM dbitems.tbl_category c WHERE
        (SELECT COUNT(DISTINCT language_code) FROM dbitems.tbl_categorydescription d
         WHERE d.category_id = c.category_id AND d.language_code IN ('en', 'es')) <> 2""") == 0
    spanish = _scalar(demo_engine, "SELECT d.name FROM dbitems.tbl_categorydescription d JOIN dbitems.tbl_category c "
                                   "ON c.category_id = d.category_id WHERE c.code = 'laptops' AND d.language_code = 'es'")
    assert spanish == "Portátiles"


def test_customers_span_several_countries(demo_engine: Engine):
    countries = {row[0] for row in _rows(demo_engine, """
        SELECT DISTINCT co.iso2 FROM dbuser.tbl_address a
        JOIN dbuser.tbl_city ci ON ci.city_id = a.city_id
        JOIN dbuser.tbl_state st ON st.state_id = ci.state_id
        JOIN dbuser.tbl_country co ON co.country_id = st.country_id""")}
    assert {"US", "MX", "ES", "CO"} <= countries


def test_stock_per_location_and_memberships_and_coupons(demo_engine: Engine):
    assert _scalar(demo_engine, "SELECT COUNT(DISTINCT location_id) FROM dbitems.tbl_inventory") >= 8
    assert _scalar(demo_engine, "SELECT COUNT(*) FROM dbitems.tbl_clippedmembership") > 0
    assert _scalar(demo_engine, "SELECT COUNT(*) FROM dbitems.tbl_clippedcoupon") > 0


def test_generator_is_deterministic():
    def digest(seed: int) -> list[tuple[str, list[tuple]]]:
        return [(batch.table, batch.rows) for batch in generate(make_plan("small", seed=seed))]

    assert digest(7) == digest(7)
    assert digest(7) != digest(8)


def test_same_seed_gives_the_same_database(tmp_path: Path, demo_sqlite_engine: Engine):
    url = f"sqlite:///{tmp_path / 'again.db'}"
    init_database(url, scale="small", seed=42)
    query = "SELECT order_id, user_id, order_date, total_amount, tracking_number FROM dbitems.tbl_order ORDER BY 1"
    assert _rows(make_engine(url, read_only=True), query) == _rows(demo_sqlite_engine, query)


def test_init_is_idempotent_and_reset_rebuilds(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'apitap.db'}"
    first = init_database(url, orders=60, seed=1)
    assert first.created and first.rows == sum(first.rows_per_table.values())
    again = init_database(url, orders=120, seed=2)
    assert not again.created and again.fingerprint["orders"] == 60
    assert database_info(url).tables["dbitems"]["tbl_order"] == 60
    rebuilt = init_database(url, orders=120, seed=2, reset=True)
    assert rebuilt.created
    info = database_info(url)
    assert info.tables["dbitems"]["tbl_order"] == 120 and info.fingerprint["seed"] == 2


def test_partial_database_is_reported_not_overwritten(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'apitap.db'}"
    init_database(url, orders=60)
    with make_engine(url).begin() as conn:
        conn.execute(text("DELETE FROM nmc.tbl_report"))
    with pytest.raises(DatabaseUnavailable, match="--reset"):
        init_database(url, orders=60)


@pytest.mark.mariadb
def test_mariadb_init_is_idempotent(mariadb_demo_url: str):
    report = init_database(mariadb_demo_url, scale="small", seed=42)
    assert not report.created
    assert report.fingerprint["seed"] == 42 and report.fingerprint["scale"] == "small"


def test_primary_keys_stay_unique_across_streamed_chunks():
    plan = make_plan(orders=31_000)  # > 5,000 customers and orders: several flushes per table
    seen: dict[str, set] = {}
    duplicates = 0
    for batch in generate(plan):
        ids = seen.setdefault(batch.table, set())
        for row in batch.rows:
            duplicates += row[0] in ids
            ids.add(row[0])
    assert duplicates == 0
    assert len(seen["dbitems.tbl_order"]) == 31_000 and len(seen["dbuser.tbl_user"]) == plan.customers
