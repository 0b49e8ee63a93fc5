-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_catalogproduct (
	catalogproduct_id INTEGER NOT NULL AUTO_INCREMENT, 
	catalog_id INTEGER NOT NULL, 
	product_id INTEGER NOT NULL, 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	CONSTRAINT pk_tbl_catalogproduct PRIMARY KEY (catalogproduct_id), 
	CONSTRAINT uq_tbl_catalogproduct_catalog_id_product_id UNIQUE (catalog_id, product_id), 
	CONSTRAINT fk_tbl_catalogproduct_catalog_id FOREIGN KEY(catalog_id) REFERENCES dbitems.tbl_catalog (catalog_id), 
	CONSTRAINT fk_tbl_catalogproduct_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	INDEX ix_tbl_catalogproduct_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
