-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_coupon (
	coupon_id INTEGER NOT NULL AUTO_INCREMENT, 
	code VARCHAR(32) NOT NULL, 
	description VARCHAR(255) NOT NULL, 
	discount_type VARCHAR(10) NOT NULL COMMENT 'percent | amount', 
	discount_value DECIMAL(10, 2) NOT NULL, 
	min_order_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	valid_from DATETIME NOT NULL, 
	valid_until DATETIME NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_coupon PRIMARY KEY (coupon_id), 
	CONSTRAINT uq_tbl_coupon_code UNIQUE (code)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
