"""The platform schema: five databases as one SQLAlchemy `MetaData`, the single source of truth.

Each module defines its tables as module-level `Table` objects named like the table, all schema-qualified, so the
same code runs on MySQL/MariaDB (five real databases) and on SQLite (five files attached under the same names).
The `sql/` files are rendered from this metadata (`apitap db ddl --out sql/`).
"""

from __future__ import annotations

from tools.db.schema import dbcards, dbcommission, dbitems, dbuser, nmc
from tools.db.schema.base import SCHEMAS, metadata

__all__ = ["SCHEMAS", "metadata", "dbcards", "dbcommission", "dbitems", "dbuser", "nmc"]
