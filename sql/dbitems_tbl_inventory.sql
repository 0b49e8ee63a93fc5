-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_inventory (
	inventory_id INTEGER NOT NULL AUTO_INCREMENT, 
	product_id INTEGER NOT NULL, 
	location_id INTEGER NOT NULL, 
	quantity INTEGER NOT NULL DEFAULT '0', 
	inventory_status_id INTEGER, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_inventory PRIMARY KEY (inventory_id), 
	CONSTRAINT uq_tbl_inventory_product_id_location_id UNIQUE (product_id, location_id), 
	CONSTRAINT fk_tbl_inventory_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	CONSTRAINT fk_tbl_inventory_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	CONSTRAINT fk_tbl_inventory_inventory_status_id FOREIGN KEY(inventory_status_id) REFERENCES dbitems.tbl_inventory_status (inventory_status_id), 
	INDEX ix_tbl_inventory_location_id (location_id), 
	INDEX ix_tbl_inventory_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
