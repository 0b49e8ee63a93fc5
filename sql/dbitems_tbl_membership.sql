-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_membership (
	membership_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255) NOT NULL, 
	monthly_fee DECIMAL(10, 2) NOT NULL, 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	free_shipping BOOL NOT NULL DEFAULT 0, 
	discount_percent DECIMAL(5, 2) NOT NULL DEFAULT '0', 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_membership PRIMARY KEY (membership_id), 
	CONSTRAINT uq_tbl_membership_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
