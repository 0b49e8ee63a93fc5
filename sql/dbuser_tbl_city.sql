-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_city (
	city_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	state_id INTEGER NOT NULL, 
	timezone_id INTEGER, 
	CONSTRAINT pk_tbl_city PRIMARY KEY (city_id), 
	CONSTRAINT fk_tbl_city_state_id FOREIGN KEY(state_id) REFERENCES dbuser.tbl_state (state_id), 
	CONSTRAINT fk_tbl_city_timezone_id FOREIGN KEY(timezone_id) REFERENCES dbuser.tbl_timezone (timezone_id), 
	INDEX ix_tbl_city_state_id (state_id), 
	INDEX ix_tbl_city_timezone_id (timezone_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
