-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_location_inventory (
	location_inventory_id INTEGER NOT NULL AUTO_INCREMENT, 
	location_id INTEGER NOT NULL, 
	inventory_status_id INTEGER, 
	counted_at DATETIME NOT NULL, 
	total_units INTEGER NOT NULL, 
	note VARCHAR(255), 
	CONSTRAINT pk_tbl_location_inventory PRIMARY KEY (location_inventory_id), 
	CONSTRAINT fk_tbl_location_inventory_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	CONSTRAINT fk_tbl_location_inventory_inventory_status_id FOREIGN KEY(inventory_status_id) REFERENCES dbitems.tbl_inventory_status (inventory_status_id), 
	INDEX ix_tbl_location_inventory_inventory_status_id (inventory_status_id), 
	INDEX ix_tbl_location_inventory_location_id (location_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
