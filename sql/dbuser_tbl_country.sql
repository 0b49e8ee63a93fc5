-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_country (
	country_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	iso2 VARCHAR(2) NOT NULL, 
	iso3 VARCHAR(3) NOT NULL, 
	phone_code VARCHAR(6) NOT NULL, 
	currency VARCHAR(3) NOT NULL, 
	CONSTRAINT pk_tbl_country PRIMARY KEY (country_id), 
	CONSTRAINT uq_tbl_country_iso2 UNIQUE (iso2)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
