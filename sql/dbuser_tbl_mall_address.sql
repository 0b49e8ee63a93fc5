-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_mall_address (
	mall_address_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(160) NOT NULL, 
	street VARCHAR(160) NOT NULL, 
	city_id INTEGER NOT NULL, 
	postal_code VARCHAR(16), 
	floor VARCHAR(16), 
	unit VARCHAR(16), 
	opening_hours VARCHAR(120), 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_mall_address PRIMARY KEY (mall_address_id), 
	CONSTRAINT fk_tbl_mall_address_city_id FOREIGN KEY(city_id) REFERENCES dbuser.tbl_city (city_id), 
	INDEX ix_tbl_mall_address_city_id (city_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
