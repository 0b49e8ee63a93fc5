-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_hardware_type (
	hardware_type_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(80) NOT NULL, 
	manufacturer VARCHAR(80), 
	model VARCHAR(80), 
	unit_cost DECIMAL(10, 2), 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_hardware_type PRIMARY KEY (hardware_type_id), 
	CONSTRAINT uq_tbl_hardware_type_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
