-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_location_hardware (
	location_hardware_id INTEGER NOT NULL AUTO_INCREMENT, 
	location_id INTEGER NOT NULL, 
	hardware_type_id INTEGER NOT NULL, 
	serial_number VARCHAR(64) NOT NULL, 
	installed_at DATETIME, 
	status VARCHAR(16) NOT NULL DEFAULT 'active', 
	CONSTRAINT pk_tbl_location_hardware PRIMARY KEY (location_hardware_id), 
	CONSTRAINT fk_tbl_location_hardware_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	CONSTRAINT fk_tbl_location_hardware_hardware_type_id FOREIGN KEY(hardware_type_id) REFERENCES dbuser.tbl_hardware_type (hardware_type_id), 
	CONSTRAINT uq_tbl_location_hardware_serial_number UNIQUE (serial_number), 
	INDEX ix_tbl_location_hardware_hardware_type_id (hardware_type_id), 
	INDEX ix_tbl_location_hardware_location_id (location_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
