"""Render the MySQL DDL in `sql/` from the SQLAlchemy metadata, and check that `sql/` has not drifted from it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Index, Table
from sqlalchemy.dialects import mysql
from sqlalchemy.schema import CreateTable

from tools.db.schema import SCHEMAS, metadata
from tools.db.views import VIEWS, create_view_sql

HEADER = "-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.\n"
READONLY_HOSTS = ("%", "localhost")
_DIALECT = mysql.dialect()


def create_database_sql(schema: str) -> str:
    return f"CREATE DATABASE IF NOT EXISTS {schema} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"


def create_table_sql(table: Table) -> str:
    """CREATE TABLE with its indexes inline, MySQL dialect, no trailing semicolon.

    Inline indexes make one statement per table: a separate CREATE INDEX is an ALTER TABLE for InnoDB, and those
    made creating the schema several times slower.
    """
    create = str(CreateTable(table).compile(dialect=_DIALECT)).strip()
    indexes = [_inline_index(index) for index in sorted(table.indexes, key=lambda ix: str(ix.name))]
    if not indexes:
        return create
    body_end = create.rindex("\n)")
    return create[:body_end] + "".join(f", \n\t{clause}" for clause in indexes) + create[body_end:]


def _inline_index(index: Index) -> str:
    quote = _DIALECT.identifier_preparer.quote
    name = _DIALECT.identifier_preparer.format_index(index)
    columns = ", ".join(quote(column.name) for column in index.columns)
    return f"{'UNIQUE ' if index.unique else ''}INDEX {name} ({columns})"


def readonly_grant_statements(user: str, password: str) -> list[str]:
    """Statements that create (or re-password) `user` with SELECT on the five schemas and nothing else."""
    statements = []
    for host in READONLY_HOSTS:
        account = f"'{user}'@'{host}'"
        statements.append(f"CREATE USER IF NOT EXISTS {account} IDENTIFIED BY '{password}'")
        statements.append(f"ALTER USER {account} IDENTIFIED BY '{password}'")
        statements.extend(f"GRANT SELECT ON {schema}.* TO {account}" for schema in SCHEMAS)
    return statements


def _script(statements: list[str]) -> str:
    return HEADER + "".join(f"\n{statement};\n" for statement in statements)


def render_files() -> dict[str, str]:
    """Every file of `sql/`, by file name."""
    files: dict[str, str] = {}
    for table in metadata.tables.values():
        files[f"{table.schema}_{table.name}.sql"] = _script([create_table_sql(table)])
    for schema in SCHEMAS:
        views = [create_view_sql(view, "mysql") for view in VIEWS if view.schema == schema]
        if views:
            files[f"{schema}_routines.sql"] = _script(views)
    files["grants_readonly.sql"] = HEADER + (
        "-- The service's account: SELECT on the five schemas only. Replace the password, or run\n"
        "-- `apitap db grant-readonly --password …`, which issues these statements with the password you give.\n"
    ) + "".join(f"\n{s};\n" for s in readonly_grant_statements("apitap_ro", "change-me"))
    all_statements = [create_database_sql(schema) for schema in SCHEMAS]
    for table in metadata.sorted_tables:
        all_statements.append(create_table_sql(table))
    all_statements.extend(create_view_sql(view, "mysql") for view in VIEWS)
    files["schema_all.sql"] = _script(all_statements)
    return files


def write_files(out_dir: Path) -> list[Path]:
    """Write `render_files()` into `out_dir`, removing generated files that no longer belong there."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rendered = render_files()
    for stale in set(_generated_files(out_dir)) - set(rendered):
        (out_dir / stale).unlink()
    written = []
    for name, text in sorted(rendered.items()):
        path = out_dir / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def drift(out_dir: Path) -> list[str]:
    """File names in `out_dir` that differ from the metadata (missing, changed, or stale); empty when in sync."""
    rendered = render_files()
    present = set(_generated_files(out_dir))
    problems = [f"missing: {name}" for name in sorted(set(rendered) - present)]
    problems += [f"stale: {name}" for name in sorted(present - set(rendered))]
    problems += [
        f"changed: {name}"
        for name in sorted(set(rendered) & present)
        if (out_dir / name).read_text(encoding="utf-8") != rendered[name]
    ]
    return problems


def _generated_files(out_dir: Path) -> list[str]:
    if not out_dir.is_dir():
        return []
    return [p.name for p in out_dir.glob("*.sql") if p.read_text(encoding="utf-8").startswith(HEADER)]
