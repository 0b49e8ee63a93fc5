-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_state (
	state_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	code VARCHAR(10), 
	country_id INTEGER NOT NULL, 
	CONSTRAINT pk_tbl_state PRIMARY KEY (state_id), 
	CONSTRAINT fk_tbl_state_country_id FOREIGN KEY(country_id) REFERENCES dbuser.tbl_country (country_id), 
	INDEX ix_tbl_state_country_id (country_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
