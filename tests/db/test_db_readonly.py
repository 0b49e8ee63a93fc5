"""The service's database handle cannot write: SELECT-only MySQL account, read-only SQLite files."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

WRITES = [
    "INSERT INTO dbuser.tbl_country (name, iso2, iso3, phone_code, currency) VALUES ('X', 'XX', 'XXX', '+0', 'XXX')",
    "UPDATE dbitems.tbl_order SET total_amount = 0 WHERE order_id = 1",
    "DELETE FROM dbcards.tbl_carduser WHERE carduser_id = 1",
    "DROP TABLE nmc.tbl_log",
    "COMMIT; DELETE FROM dbuser.tbl_user",
]


def _counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return tuple(conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
                     for t in ("dbuser.tbl_user", "dbcards.tbl_carduser", "dbuser.tbl_country"))


@pytest.mark.parametrize("statement", WRITES)
def test_writes_are_refused(demo_engine: Engine, statement: str):
    before = _counts(demo_engine)
    with demo_engine.connect() as conn, pytest.raises(DBAPIError):
        conn.execute(text(statement))
        conn.commit()
    assert _counts(demo_engine) == before


@pytest.mark.mariadb
def test_mariadb_refusal_is_a_privilege_error(mariadb_ro_engine: Engine):
    with mariadb_ro_engine.connect() as conn, pytest.raises(DBAPIError) as caught:
        conn.execute(text("DELETE FROM dbuser.tbl_user"))
    assert caught.value.orig.args[0] == 1142  # ER_TABLEACCESS_DENIED_ERROR


@pytest.mark.mariadb
def test_mariadb_readonly_account_has_select_only(mariadb_ro_engine: Engine):
    with mariadb_ro_engine.connect() as conn:
        grants = [row[0] for row in conn.execute(text("SHOW GRANTS"))]
    privileged = [g for g in grants if " ON `db" in g or " ON db" in g or " ON `nmc" in g or " ON nmc" in g]
    assert len(privileged) == 5
    assert all(g.startswith("GRANT SELECT ON") for g in privileged)
    assert not any("ALL PRIVILEGES" in g for g in grants)


def test_sqlite_readonly_engine_opens_files_read_only(demo_sqlite_engine: Engine):
    with demo_sqlite_engine.connect() as conn, pytest.raises(DBAPIError, match="readonly"):
        conn.execute(text("UPDATE dbitems.tbl_product SET price = 0"))
