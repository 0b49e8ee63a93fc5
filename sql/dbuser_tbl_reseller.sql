-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_reseller (
	reseller_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	company_id INTEGER, 
	reseller_code VARCHAR(32) NOT NULL, 
	region VARCHAR(80), 
	commission_rate DECIMAL(5, 4) NOT NULL DEFAULT '0', 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_reseller PRIMARY KEY (reseller_id), 
	CONSTRAINT fk_tbl_reseller_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_reseller_company_id FOREIGN KEY(company_id) REFERENCES dbuser.tbl_company (company_id), 
	CONSTRAINT uq_tbl_reseller_reseller_code UNIQUE (reseller_code), 
	INDEX ix_tbl_reseller_company_id (company_id), 
	INDEX ix_tbl_reseller_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
