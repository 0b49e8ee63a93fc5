-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE OR REPLACE VIEW dbitems.vw_order_summary AS
SELECT o.order_id, o.user_id, o.order_date, s.name AS status, o.total_amount, o.currency,
       o.carrier, o.tracking_number, o.shipped_at, o.estimated_delivery, o.delivered_at,
       (SELECT COUNT(*) FROM dbitems.tbl_orderdetail d WHERE d.order_id = o.order_id) AS line_count,
       (SELECT COALESCE(SUM(d.quantity), 0) FROM dbitems.tbl_orderdetail d WHERE d.order_id = o.order_id) AS item_count
FROM dbitems.tbl_order o
JOIN dbitems.tbl_orderstatus s ON s.orderstatus_id = o.orderstatus_id;

CREATE OR REPLACE VIEW dbitems.vw_active_product AS
SELECT p.product_id, p.sku, p.name, p.brand, p.category_id, c.name AS category_name, p.price, p.currency,
       (SELECT COALESCE(SUM(i.quantity), 0) FROM dbitems.tbl_inventory i WHERE i.product_id = p.product_id) AS total_stock
FROM dbitems.tbl_product p
JOIN dbitems.tbl_category c ON c.category_id = p.category_id
WHERE p.is_active = 1;

CREATE OR REPLACE VIEW dbitems.vw_categorytree AS
WITH RECURSIVE tree (category_id, parent_category_id, name, depth, path) AS (
    SELECT c.category_id, c.parent_category_id, c.name, 0, CAST(c.name AS CHAR(500))
    FROM dbitems.tbl_category c WHERE c.parent_category_id IS NULL
    UNION ALL
    SELECT c.category_id, c.parent_category_id, c.name, t.depth + 1, CONCAT(t.path, ' > ', c.name)
    FROM dbitems.tbl_category c JOIN tree t ON c.parent_category_id = t.category_id
)
SELECT category_id, parent_category_id, name, depth, path FROM tree;
