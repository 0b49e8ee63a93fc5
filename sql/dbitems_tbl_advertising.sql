-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_advertising (
	advertising_id INTEGER NOT NULL AUTO_INCREMENT, 
	campaign_id INTEGER, 
	product_id INTEGER, 
	advertising_banner_type_id INTEGER NOT NULL, 
	title VARCHAR(160) NOT NULL, 
	body VARCHAR(500), 
	language_code VARCHAR(5) NOT NULL DEFAULT 'en', 
	target_url VARCHAR(500), 
	starts_at DATETIME NOT NULL, 
	ends_at DATETIME, 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_advertising PRIMARY KEY (advertising_id), 
	CONSTRAINT fk_tbl_advertising_campaign_id FOREIGN KEY(campaign_id) REFERENCES dbitems.tbl_campaign (campaign_id), 
	CONSTRAINT fk_tbl_advertising_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	CONSTRAINT fk_tbl_advertising_advertising_banner_type_id FOREIGN KEY(advertising_banner_type_id) REFERENCES dbitems.tbl_advertising_banner_type (advertising_banner_type_id), 
	INDEX ix_tbl_advertising_advertising_banner_type_id (advertising_banner_type_id), 
	INDEX ix_tbl_advertising_campaign_id (campaign_id), 
	INDEX ix_tbl_advertising_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
