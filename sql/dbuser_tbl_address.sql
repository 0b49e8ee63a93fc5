-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_address (
	address_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	street VARCHAR(160) NOT NULL, 
	street2 VARCHAR(160), 
	city_id INTEGER NOT NULL, 
	postal_code VARCHAR(16) NOT NULL, 
	address_type VARCHAR(16) NOT NULL DEFAULT 'shipping', 
	is_default BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_address PRIMARY KEY (address_id), 
	CONSTRAINT fk_tbl_address_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_address_city_id FOREIGN KEY(city_id) REFERENCES dbuser.tbl_city (city_id), 
	INDEX ix_tbl_address_city_id (city_id), 
	INDEX ix_tbl_address_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
