"""Engines for the platform database: embedded SQLite (five attached files) or MySQL/MariaDB (five databases).

Every table is schema-qualified (`dbitems.tbl_order`), so one piece of SQLAlchemy code runs on both: on SQLite the
five schemas are files attached under their schema names to each connection.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from tools.db.schema import SCHEMAS

SUPPORTED_DRIVERS = ("sqlite", "mysql+pymysql", "mariadb+pymysql")


class DatabaseUnavailable(Exception):
    """The database cannot be used: bad URL, server unreachable, or not initialised. The message is for humans."""


def describe_url(url: str | URL) -> str:
    """The URL with its password masked, safe for logs and error messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def parse_url(url: str | URL) -> URL:
    """Parse and check a database URL; raises DatabaseUnavailable with a clear message when it is not usable."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnavailable(
            "DATABASE_URL is not a valid SQLAlchemy URL (expected sqlite:///path/apitap.db or "
            "mysql+pymysql://user:pass@host:3306/)"
        ) from None
    driver = parsed.drivername
    if driver in ("mysql", "mariadb"):
        raise DatabaseUnavailable(f"use {driver}+pymysql:// (the only MySQL driver installed), got {driver}://")
    if driver not in SUPPORTED_DRIVERS:
        raise DatabaseUnavailable(f"unsupported database URL scheme {driver!r}; use one of: {', '.join(SUPPORTED_DRIVERS)}")
    if driver == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise DatabaseUnavailable("a SQLite URL needs a file path (sqlite:///var/db/apitap.db): the schemas live in files")
    if driver != "sqlite" and parsed.database:
        raise DatabaseUnavailable(
            f"put no database in the MySQL URL ({describe_url(parsed)}): tables are schema-qualified across "
            f"{', '.join(SCHEMAS)}"
        )
    return parsed


def is_sqlite(url: str | URL) -> bool:
    return parse_url(url).get_backend_name() == "sqlite"


def sqlite_schema_files(url: str | URL) -> dict[str, Path]:
    """The main file and the file behind each attached schema, keyed by schema name ("main" for the main file)."""
    main_file = Path(make_url(url).database or "")
    files = {"main": main_file}
    files.update({schema: main_file.parent / f"{schema}.db" for schema in SCHEMAS})
    return files


_engines: dict[tuple[str, bool], Engine] = {}
_engines_lock = threading.Lock()


def make_engine(url: str | URL, *, read_only: bool = False) -> Engine:
    """The engine for `url`, created once per (url, read_only) and reused.

    Creation is cheap and does not connect; the first connection reports an unreachable server or missing files
    (see `ensure_initialised`). With `read_only` on SQLite every file is opened `mode=ro`; on MySQL read-only is
    the account's job (SELECT-only grants, see `admin.create_readonly_account`).
    """
    parsed = parse_url(url)
    key = (parsed.render_as_string(hide_password=False), read_only)
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _sqlite_engine(parsed, read_only) if parsed.drivername == "sqlite" else _mysql_engine(parsed)
            _engines[key] = engine
        return engine


def dispose_engines(url: str | URL | None = None) -> None:
    """Close pooled connections (all engines, or those for `url`) and forget them."""
    wanted = parse_url(url).render_as_string(hide_password=False) if url is not None else None
    with _engines_lock:
        for key in [k for k in _engines if wanted is None or k[0] == wanted]:
            _engines.pop(key).dispose()


def _mysql_engine(url: URL) -> Engine:
    url = url.update_query_dict({"charset": "utf8mb4"})
    return create_engine(url, pool_pre_ping=True, pool_recycle=3600, connect_args={"connect_timeout": 5})


def _sqlite_engine(url: URL, read_only: bool) -> Engine:
    files = sqlite_schema_files(url)
    mode = "ro" if read_only else "rwc"

    def connect() -> sqlite3.Connection:
        if not read_only:
            files["main"].parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(_file_uri(files["main"], mode), uri=True, check_same_thread=False, timeout=30)
        for schema in SCHEMAS:
            conn.execute(f"ATTACH DATABASE ? AS {schema}", (_file_uri(files[schema], mode),))
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    # The real URL (not "sqlite://") keeps a file-backed QueuePool and lets messages name the file.
    engine = create_engine(url, creator=connect)

    @event.listens_for(engine, "connect")
    def _no_pysqlite_transaction_quirks(dbapi_conn, _record):  # noqa: ANN001
        # pysqlite's own BEGIN handling breaks SAVEPOINT and DDL-in-transaction; let SQLAlchemy emit BEGIN.
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn):  # noqa: ANN001
        conn.exec_driver_sql("BEGIN")

    return engine


def _file_uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def ensure_initialised(engine: Engine) -> None:
    """Raise DatabaseUnavailable unless the server answers and the schemas exist (`dbuser.tbl_user` is there)."""
    where = describe_url(engine.url.set(query={}))
    try:
        with engine.connect() as conn:
            initialised = inspect(conn).has_table("tbl_user", schema="dbuser")
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseUnavailable(explain_error(exc, where)) from None
    if not initialised:
        raise DatabaseUnavailable(f"{where} is not initialised (dbuser.tbl_user is missing); run `apitap db init`")


def explain_error(exc: DBAPIError, where: str) -> str:
    original = exc.orig
    code = original.args[0] if original is not None and original.args else None
    text = str(original.args[1] if original is not None and len(original.args) > 1 else original).splitlines()[0]
    if code == 2003:
        return f"cannot reach the database server at {where}: {text}"
    if code == 1045:
        return f"the database refused the credentials in {where}"
    if code in (1044, 1142):
        return (f"{where} is not initialised or this account may not read it ({text}); run `apitap db init` "
                "and `apitap db grant-readonly`")
    if code == 1049:
        return f"{where} is not initialised ({text}); run `apitap db init`"
    if isinstance(original, sqlite3.OperationalError) and "unable to open" in text:
        return f"{where} is not initialised (its files are missing); run `apitap db init`"
    return f"database error at {where}: {text}"
