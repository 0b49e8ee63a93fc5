"""The views, as SQL text per dialect.

SQLite views live in one attached file and may only name tables of that same file, unqualified; MySQL views name
tables schema-qualified. So each view keeps to one schema and its body is written with a `{s}` prefix placeholder
("dbitems." on MySQL, "" on SQLite).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    schema: str
    name: str
    body: str
    """SELECT text with `{s}` where the schema prefix goes and `{path_start}` / `{path_step}` dialect snippets."""


_DIALECT_SNIPPETS = {
    "mysql": {"path_start": "CAST(c.name AS CHAR(500))", "path_step": "CONCAT(t.path, ' > ', c.name)"},
    "sqlite": {"path_start": "c.name", "path_step": "t.path || ' > ' || c.name"},
}

VIEWS: tuple[View, ...] = (
    View(
        "dbitems",
        "vw_order_summary",
        """SELECT o.order_id, o.user_id, o.order_date, s.name AS status, o.total_amount, o.currency,
       o.carrier, o.tracking_number, o.shipped_at, o.estimated_delivery, o.delivered_at,
       (SELECT COUNT(*) FROM {s}tbl_orderdetail d WHERE d.order_id = o.order_id) AS line_count,
       (SELECT COALESCE(SUM(d.quantity), 0) FROM {s}tbl_orderdetail d WHERE d.order_id = o.order_id) AS item_count
FROM {s}tbl_order o
JOIN {s}tbl_orderstatus s ON s.orderstatus_id = o.orderstatus_id""",
    ),
    View(
        "dbitems",
        "vw_active_product",
        """SELECT p.product_id, p.sku, p.name, p.brand, p.category_id, c.name AS category_name, p.price, p.currency,
       (SELECT COALESCE(SUM(i.quantity), 0) FROM {s}tbl_inventory i WHERE i.product_id = p.product_id) AS total_stock
FROM {s}tbl_product p
JOIN {s}tbl_category c ON c.category_id = p.category_id
WHERE p.is_active = 1""",
    ),
    View(
        "dbitems",
        "vw_categorytree",
        """WITH RECURSIVE tree (category_id, parent_category_id, name, depth, path) AS (
    SELECT c.category_id, c.parent_category_id, c.name, 0, {path_start}
    FROM {s}tbl_category c WHERE c.parent_category_id IS NULL
    UNION ALL
    SELECT c.category_id, c.parent_category_id, c.name, t.depth + 1, {path_step}
    FROM {s}tbl_category c JOIN tree t ON c.parent_category_id = t.category_id
)
SELECT category_id, parent_category_id, name, depth, path FROM tree""",
    ),
)


def _dialect_key(dialect_name: str) -> str:
    if dialect_name in ("mysql", "mariadb"):
        return "mysql"
    if dialect_name == "sqlite":
        return "sqlite"
    raise ValueError(f"no view definitions for dialect {dialect_name!r}")


def view_body(view: View, dialect_name: str) -> str:
    key = _dialect_key(dialect_name)
    prefix = f"{view.schema}." if key == "mysql" else ""
    return view.body.format(s=prefix, **_DIALECT_SNIPPETS[key])


def create_view_sql(view: View, dialect_name: str) -> str:
    verb = "CREATE OR REPLACE VIEW" if _dialect_key(dialect_name) == "mysql" else "CREATE VIEW IF NOT EXISTS"
    return f"{verb} {view.schema}.{view.name} AS\n{view_body(view, dialect_name)}"


def drop_view_sql(view: View) -> str:
    return f"DROP VIEW IF EXISTS {view.schema}.{view.name}"
