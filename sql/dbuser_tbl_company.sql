-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_company (
	company_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(160) NOT NULL, 
	legal_name VARCHAR(200), 
	tax_id VARCHAR(32), 
	company_type_id INTEGER NOT NULL, 
	country_id INTEGER, 
	website VARCHAR(255), 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_company PRIMARY KEY (company_id), 
	CONSTRAINT fk_tbl_company_company_type_id FOREIGN KEY(company_type_id) REFERENCES dbuser.tbl_company_type (company_type_id), 
	CONSTRAINT fk_tbl_company_country_id FOREIGN KEY(country_id) REFERENCES dbuser.tbl_country (country_id), 
	INDEX ix_tbl_company_company_type_id (company_type_id), 
	INDEX ix_tbl_company_country_id (country_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
