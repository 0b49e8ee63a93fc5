-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_product (
	product_id INTEGER NOT NULL AUTO_INCREMENT, 
	sku VARCHAR(32) NOT NULL, 
	name VARCHAR(160) NOT NULL, 
	description TEXT, 
	brand VARCHAR(80) NOT NULL, 
	category_id INTEGER NOT NULL, 
	price DECIMAL(10, 2) NOT NULL, 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	weight_kg DECIMAL(7, 3), 
	warranty_months SMALLINT NOT NULL DEFAULT '12', 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_product PRIMARY KEY (product_id), 
	CONSTRAINT uq_tbl_product_sku UNIQUE (sku), 
	CONSTRAINT fk_tbl_product_category_id FOREIGN KEY(category_id) REFERENCES dbitems.tbl_category (category_id), 
	INDEX ix_tbl_product_category_id (category_id), 
	INDEX ix_tbl_product_name (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
