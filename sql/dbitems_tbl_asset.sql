-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_asset (
	asset_id INTEGER NOT NULL AUTO_INCREMENT, 
	product_id INTEGER, 
	location_id INTEGER, 
	barcodetype_id INTEGER, 
	condition_id INTEGER, 
	barcode VARCHAR(64), 
	serial_number VARCHAR(64), 
	status VARCHAR(16) NOT NULL DEFAULT 'in_stock', 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_asset PRIMARY KEY (asset_id), 
	CONSTRAINT fk_tbl_asset_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	CONSTRAINT fk_tbl_asset_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	CONSTRAINT fk_tbl_asset_barcodetype_id FOREIGN KEY(barcodetype_id) REFERENCES dbitems.tbl_barcodetype (barcodetype_id), 
	CONSTRAINT fk_tbl_asset_condition_id FOREIGN KEY(condition_id) REFERENCES dbitems.tbl_condition (condition_id), 
	INDEX ix_tbl_asset_barcodetype_id (barcodetype_id), 
	INDEX ix_tbl_asset_condition_id (condition_id), 
	INDEX ix_tbl_asset_location_id (location_id), 
	INDEX ix_tbl_asset_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
