"""The one SQLAlchemy `MetaData` all five schemas share, and the column shapes they repeat."""

from __future__ import annotations

from typing import Any

from sqlalchemy import DECIMAL, Boolean, Column, DateTime, ForeignKey, Integer, MetaData, String, Table, text

SCHEMAS = ("dbcards", "dbcommission", "dbitems", "dbuser", "nmc")

# Deterministic constraint names: MySQL wants FK names unique per database and SQLite wants index names unique
# per attached file, so both carry the table name.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

MYSQL_TABLE_OPTIONS = {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_unicode_ci"}

Money = DECIMAL(10, 2)
NOW = text("CURRENT_TIMESTAMP")


def table(name: str, schema: str, *columns: Any, comment: str | None = None) -> Table:
    return Table(name, metadata, *columns, schema=schema, comment=comment, **MYSQL_TABLE_OPTIONS)


def pk(name: str) -> Column:
    return Column(name, Integer, primary_key=True, autoincrement=True)


def fk(name: str, target: str, *, nullable: bool = False, index: bool = True, **kwargs: Any) -> Column:
    """An integer column referencing `target` ("schema.table.column")."""
    return Column(name, Integer, ForeignKey(target), nullable=nullable, index=index, **kwargs)


def name_col(length: int = 64, *, unique: bool = False) -> Column:
    return Column("name", String(length), nullable=False, unique=unique)


def flag(name: str, default: bool) -> Column:
    return Column(name, Boolean, nullable=False, server_default=text("1" if default else "0"))


def created_at() -> Column:
    return Column("created_at", DateTime, nullable=False, server_default=NOW)


def updated_at() -> Column:
    return Column("updated_at", DateTime, nullable=True)


def lookup(name: str, schema: str, id_column: str, *extra: Any) -> Table:
    """A small id/name lookup table (statuses, types)."""
    return table(name, schema, pk(id_column), name_col(unique=True), Column("description", String(255)), *extra)
