-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_discount (
	discount_id INTEGER NOT NULL AUTO_INCREMENT, 
	discounttype_id INTEGER NOT NULL, 
	product_id INTEGER, 
	category_id INTEGER, 
	percent DECIMAL(5, 2), 
	amount DECIMAL(10, 2), 
	valid_from DATETIME NOT NULL, 
	valid_until DATETIME NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_discount PRIMARY KEY (discount_id), 
	CONSTRAINT fk_tbl_discount_discounttype_id FOREIGN KEY(discounttype_id) REFERENCES dbitems.tbl_discounttype (discounttype_id), 
	CONSTRAINT fk_tbl_discount_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	CONSTRAINT fk_tbl_discount_category_id FOREIGN KEY(category_id) REFERENCES dbitems.tbl_category (category_id), 
	INDEX ix_tbl_discount_category_id (category_id), 
	INDEX ix_tbl_discount_discounttype_id (discounttype_id), 
	INDEX ix_tbl_discount_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
