-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_merchant (
	merchant_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	company_id INTEGER, 
	business_name VARCHAR(160) NOT NULL, 
	merchant_category_code VARCHAR(4), 
	tax_id VARCHAR(32), 
	contact_email VARCHAR(254), 
	contact_phone VARCHAR(32), 
	address_id INTEGER, 
	settlement_currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	commission_rate DECIMAL(5, 4) NOT NULL DEFAULT '0', 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_merchant PRIMARY KEY (merchant_id), 
	CONSTRAINT fk_tbl_merchant_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_merchant_company_id FOREIGN KEY(company_id) REFERENCES dbuser.tbl_company (company_id), 
	CONSTRAINT fk_tbl_merchant_address_id FOREIGN KEY(address_id) REFERENCES dbuser.tbl_address (address_id), 
	INDEX ix_tbl_merchant_address_id (address_id), 
	INDEX ix_tbl_merchant_company_id (company_id), 
	INDEX ix_tbl_merchant_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
