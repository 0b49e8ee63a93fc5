"""Create, fill, describe and lock down the platform database. Used by `apitap db …` and the test fixtures."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from tools.db import demo_data
from tools.db.ddl import create_database_sql, create_table_sql, readonly_grant_statements
from tools.db.engine import (
    DatabaseUnavailable,
    describe_url,
    dispose_engines,
    ensure_initialised,
    explain_error,
    is_sqlite,
    make_engine,
    sqlite_schema_files,
)
from tools.db.schema import SCHEMAS, metadata
from tools.db.schema.nmc import tbl_report
from tools.db.views import VIEWS, create_view_sql, drop_view_sql

ProgressCallback = Callable[[str, int], None]
"""Called with (schema-qualified table, rows just written) after every batch."""

INIT_LOCK = "apitap_demo_init"
INIT_LOCK_TIMEOUT_S = 600


@dataclass(frozen=True)
class InitReport:
    database: str
    created: bool
    """False when the database already held a demo and nothing was changed."""
    fingerprint: dict[str, Any]
    rows: int = 0
    seconds: float = 0.0
    rows_per_table: dict[str, int] = field(default_factory=dict)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        if not self.created:
            return (f"{self.database} already holds the demo ({_describe_fingerprint(self.fingerprint)}); "
                    "nothing changed (use --reset to rebuild)")
        return (f"initialised {self.database}: {self.rows:,} rows in {self.seconds:.1f} s "
                f"({self.rows_per_second:,.0f} rows/s; {_describe_fingerprint(self.fingerprint)})")


@dataclass(frozen=True)
class DatabaseInfo:
    database: str
    tables: dict[str, dict[str, int]]
    """Row count per table, per schema."""
    fingerprint: dict[str, Any] | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "fingerprint": self.fingerprint,
            "schemas": {
                schema: {"tables": len(tables), "rows": sum(tables.values()), "row_counts": tables}
                for schema, tables in self.tables.items()
            },
        }


def _describe_fingerprint(fingerprint: dict[str, Any]) -> str:
    return (f"scale {fingerprint.get('scale')}, {fingerprint.get('orders'):,} orders, "
            f"seed {fingerprint.get('seed')}")


def init_database(
    url: str,
    scale: str | None = "small",
    orders: int | None = None,
    seed: int = 42,
    reset: bool = False,
    progress: ProgressCallback | None = None,
    *,
    rebuild_unless_matching: bool = False,
) -> InitReport:
    """Create the five schemas and load the demo.

    An initialised database is left alone (the report says so) unless `reset`. With `rebuild_unless_matching`
    the database is rebuilt only when it does not already hold exactly this plan: what test fixtures want. On
    MySQL the whole decision runs under a server-wide named lock, so concurrent callers never load at once.
    """
    try:
        plan = demo_data.make_plan(scale, orders, seed)
    except ValueError as exc:
        raise DatabaseUnavailable(str(exc)) from None
    engine = make_engine(url)
    where = describe_url(url)
    try:
        with _init_lock(engine):
            existing = _read_fingerprint(engine)
            if existing == "partial" and not (reset or rebuild_unless_matching):
                raise DatabaseUnavailable(
                    f"{where} holds tables but no complete demo (an interrupted load or other data); "
                    "run `apitap db init --reset` to rebuild it"
                )
            if isinstance(existing, dict) and not reset:
                if not rebuild_unless_matching or existing == plan.fingerprint():
                    return InitReport(where, created=False, fingerprint=existing)
            if existing is not None:
                engine = _drop_everything(engine, url)
            return _create_and_load(engine, plan, where, progress)
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseUnavailable(explain_error(exc, where)) from None


@contextmanager
def _init_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "sqlite":
        yield
        return
    with engine.connect() as conn:
        got = conn.execute(text("SELECT GET_LOCK(:name, :timeout)"),
                           {"name": INIT_LOCK, "timeout": INIT_LOCK_TIMEOUT_S}).scalar()
        if got != 1:
            raise DatabaseUnavailable(f"another `apitap db init` held the lock for {INIT_LOCK_TIMEOUT_S} s")
        try:
            yield
        finally:
            conn.execute(text("SELECT RELEASE_LOCK(:name)"), {"name": INIT_LOCK})


def _read_fingerprint(engine: Engine) -> dict[str, Any] | str | None:
    """None: no schema yet. "partial": tables without a complete demo. Otherwise the stored fingerprint."""
    with engine.connect() as conn:
        inspector = inspect(conn)
        if engine.dialect.name != "sqlite":
            existing_schemas = set(inspector.get_schema_names())
            if not existing_schemas & set(SCHEMAS):
                return None
        if not inspector.has_table("tbl_user", schema="dbuser"):
            present = any(inspector.get_table_names(schema=s) for s in SCHEMAS if _schema_exists(conn, s))
            return "partial" if present else None
        if not inspector.has_table("tbl_report", schema="nmc"):
            return "partial"
        row = conn.execute(
            select(tbl_report.c.description).where(tbl_report.c.code == demo_data.FINGERPRINT_CODE)
        ).scalar()
    if row is None:
        return "partial"
    return json.loads(row)


def _schema_exists(conn: Connection, schema: str) -> bool:
    if conn.dialect.name == "sqlite":
        return True
    return schema in inspect(conn).get_schema_names()


def _drop_everything(engine: Engine, url: str) -> Engine:
    if engine.dialect.name == "sqlite":
        dispose_engines(url)
        for path in sqlite_schema_files(url).values():
            path.unlink(missing_ok=True)
        return make_engine(url)
    with engine.begin() as conn:
        # Cross-database foreign keys would otherwise forbid dropping whichever schema goes first.
        conn.exec_driver_sql("SET SESSION foreign_key_checks = 0")
        for schema in SCHEMAS:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {schema}")
        conn.exec_driver_sql("SET SESSION foreign_key_checks = 1")
    return engine


def create_schema(engine: Engine) -> None:
    """Create the five schemas, their tables and views (on an empty database)."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            metadata.create_all(conn)
        else:
            # The same statements as sql/schema_all.sql, so what docker's initdb runs is what is tested here.
            for schema in SCHEMAS:
                conn.exec_driver_sql(create_database_sql(schema))
            for table in metadata.sorted_tables:
                conn.exec_driver_sql(create_table_sql(table))
        for view in VIEWS:
            conn.exec_driver_sql(drop_view_sql(view))
            conn.exec_driver_sql(create_view_sql(view, engine.dialect.name))


def _create_and_load(engine: Engine, plan: demo_data.DemoPlan, where: str,
                     progress: ProgressCallback | None) -> InitReport:
    started = time.perf_counter()
    create_schema(engine)
    rows_per_table = load_batches(engine, demo_data.generate(plan), progress)
    seconds = time.perf_counter() - started
    return InitReport(where, created=True, fingerprint=plan.fingerprint(), rows=sum(rows_per_table.values()),
                      seconds=seconds, rows_per_table=rows_per_table)


ROWS_PER_STATEMENT = 5_000
ROWS_PER_COMMIT = 100_000


def load_batches(engine: Engine, batches: Iterator[demo_data.Batch],
                 progress: ProgressCallback | None = None) -> dict[str, int]:
    """Stream batches into their tables with multi-row INSERTs through the raw driver (no per-row ORM work).

    On MySQL, foreign-key and unique checks are off for the session: the generator already emits rows in
    dependency order with unique keys, and the checks would dominate the load time.
    """
    counts: dict[str, int] = {}
    sqlite = engine.dialect.name == "sqlite"
    placeholder = "?" if sqlite else "%s"
    quote = engine.dialect.identifier_preparer.quote
    raw = engine.raw_connection()
    cursor = raw.cursor()

    def begin() -> None:
        # The SQLite engine runs its driver in autocommit mode and issues BEGIN itself (see engine.py).
        if sqlite:
            cursor.execute("BEGIN")

    def commit() -> None:
        if sqlite:
            cursor.execute("COMMIT")
        else:
            raw.commit()

    try:
        if not sqlite:
            cursor.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0")
        begin()
        since_commit = 0
        for batch in batches:
            if not batch.rows:
                continue
            schema, table = batch.table.split(".")
            statement = (f"INSERT INTO {quote(schema)}.{quote(table)} ({', '.join(map(quote, batch.columns))}) "
                         f"VALUES ({', '.join([placeholder] * len(batch.columns))})")
            for start in range(0, len(batch.rows), ROWS_PER_STATEMENT):
                chunk = batch.rows[start:start + ROWS_PER_STATEMENT]
                cursor.executemany(statement, chunk)
                counts[batch.table] = counts.get(batch.table, 0) + len(chunk)
                since_commit += len(chunk)
                if progress is not None:
                    progress(batch.table, len(chunk))
            if since_commit >= ROWS_PER_COMMIT:
                commit()
                begin()
                since_commit = 0
        commit()
        if not sqlite:
            cursor.execute("SET SESSION foreign_key_checks = 1, unique_checks = 1")
    except BaseException:
        if sqlite:
            if raw.driver_connection.in_transaction:
                cursor.execute("ROLLBACK")
        else:
            raw.rollback()
        raise
    finally:
        cursor.close()
        raw.close()
    return counts


def database_info(url: str) -> DatabaseInfo:
    """Row counts per table per schema, and the demo fingerprint; DatabaseUnavailable when not usable."""
    engine = make_engine(url, read_only=is_sqlite(url))
    where = describe_url(url)
    ensure_initialised(engine)
    try:
        with engine.connect() as conn:
            tables: dict[str, dict[str, int]] = {}
            inspector = inspect(conn)
            for schema in SCHEMAS:
                present = set(inspector.get_table_names(schema=schema))
                tables[schema] = {
                    table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for table in sorted(metadata.tables.values(), key=lambda t: t.name)
                    if table.schema == schema and table.name in present
                }
        fingerprint = _read_fingerprint(engine)
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseUnavailable(explain_error(exc, where)) from None
    return DatabaseInfo(where, tables, fingerprint if isinstance(fingerprint, dict) else None)


def create_readonly_account(admin_url: str, user: str = "apitap_ro", password: str = "apitap_ro") -> str:
    """Create (or re-password) a MySQL account with SELECT on the five schemas only; returns its URL.

    The password is embedded in GRANT text, so only letters, digits and `_-.` are accepted.
    """
    if is_sqlite(admin_url):
        raise DatabaseUnavailable("read-only accounts are a MySQL/MariaDB feature; SQLite opens files read-only")
    for value, what in ((user, "user"), (password, "password")):
        if not value or not all(ch.isalnum() or ch in "_-." for ch in value):
            raise DatabaseUnavailable(f"the {what} may contain only letters, digits and _-.")
    engine = make_engine(admin_url)
    try:
        raw = engine.raw_connection()
        try:
            with raw.cursor() as cursor:
                # Through the driver's cursor without parameters: the account host is a literal '%'.
                for statement in readonly_grant_statements(user, password):
                    cursor.execute(statement)
            raw.commit()
        finally:
            raw.close()
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseUnavailable(explain_error(exc, describe_url(admin_url))) from None
    return engine.url.set(username=user, password=password).render_as_string(hide_password=False)
