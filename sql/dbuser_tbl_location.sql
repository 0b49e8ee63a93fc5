-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_location (
	location_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(120) NOT NULL, 
	location_type VARCHAR(16) NOT NULL COMMENT 'store | warehouse', 
	street VARCHAR(160) NOT NULL, 
	city_id INTEGER NOT NULL, 
	postal_code VARCHAR(16) NOT NULL, 
	phone_number VARCHAR(32), 
	latitude DECIMAL(9, 6), 
	longitude DECIMAL(9, 6), 
	opening_hours VARCHAR(120), 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_location PRIMARY KEY (location_id), 
	CONSTRAINT fk_tbl_location_city_id FOREIGN KEY(city_id) REFERENCES dbuser.tbl_city (city_id), 
	INDEX ix_tbl_location_city_id (city_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
