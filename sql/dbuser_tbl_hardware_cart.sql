-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_hardware_cart (
	hardware_cart_id INTEGER NOT NULL AUTO_INCREMENT, 
	location_id INTEGER NOT NULL, 
	hardware_type_id INTEGER NOT NULL, 
	quantity INTEGER NOT NULL, 
	carrier VARCHAR(40), 
	tracking_number VARCHAR(40), 
	shipped_at DATETIME, 
	delivered_at DATETIME, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_hardware_cart PRIMARY KEY (hardware_cart_id), 
	CONSTRAINT fk_tbl_hardware_cart_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	CONSTRAINT fk_tbl_hardware_cart_hardware_type_id FOREIGN KEY(hardware_type_id) REFERENCES dbuser.tbl_hardware_type (hardware_type_id), 
	INDEX ix_tbl_hardware_cart_hardware_type_id (hardware_type_id), 
	INDEX ix_tbl_hardware_cart_location_id (location_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
