-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_asset_image (
	asset_image_id INTEGER NOT NULL AUTO_INCREMENT, 
	asset_id INTEGER NOT NULL, 
	url VARCHAR(500) NOT NULL, 
	content_type VARCHAR(64), 
	width SMALLINT, 
	height SMALLINT, 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	is_primary BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_asset_image PRIMARY KEY (asset_image_id), 
	CONSTRAINT fk_tbl_asset_image_asset_id FOREIGN KEY(asset_id) REFERENCES dbitems.tbl_asset (asset_id), 
	INDEX ix_tbl_asset_image_asset_id (asset_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
