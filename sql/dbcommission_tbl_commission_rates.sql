-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcommission.tbl_commission_rates (
	commission_rates_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(80) NOT NULL, 
	category_id INTEGER, 
	reseller_id INTEGER, 
	rate_percent DECIMAL(5, 2) NOT NULL, 
	fixed_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	min_sales_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	valid_from DATETIME NOT NULL, 
	valid_until DATETIME, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_commission_rates PRIMARY KEY (commission_rates_id), 
	CONSTRAINT fk_tbl_commission_rates_category_id FOREIGN KEY(category_id) REFERENCES dbitems.tbl_category (category_id), 
	CONSTRAINT fk_tbl_commission_rates_reseller_id FOREIGN KEY(reseller_id) REFERENCES dbuser.tbl_reseller (reseller_id), 
	INDEX ix_tbl_commission_rates_category_id (category_id), 
	INDEX ix_tbl_commission_rates_reseller_id (reseller_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
