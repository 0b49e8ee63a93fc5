-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_campaign (
	campaign_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(120) NOT NULL, 
	description VARCHAR(255), 
	campaign_status_id INTEGER NOT NULL, 
	campaign_channel_id INTEGER NOT NULL, 
	campaign_layout_id INTEGER, 
	coupon_id INTEGER, 
	budget DECIMAL(10, 2), 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	starts_at DATETIME NOT NULL, 
	ends_at DATETIME, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_campaign PRIMARY KEY (campaign_id), 
	CONSTRAINT fk_tbl_campaign_campaign_status_id FOREIGN KEY(campaign_status_id) REFERENCES dbitems.tbl_campaign_status (campaign_status_id), 
	CONSTRAINT fk_tbl_campaign_campaign_channel_id FOREIGN KEY(campaign_channel_id) REFERENCES dbitems.tbl_campaign_channel (campaign_channel_id), 
	CONSTRAINT fk_tbl_campaign_campaign_layout_id FOREIGN KEY(campaign_layout_id) REFERENCES dbitems.tbl_campaign_layout (campaign_layout_id), 
	CONSTRAINT fk_tbl_campaign_coupon_id FOREIGN KEY(coupon_id) REFERENCES dbitems.tbl_coupon (coupon_id), 
	INDEX ix_tbl_campaign_campaign_channel_id (campaign_channel_id), 
	INDEX ix_tbl_campaign_campaign_layout_id (campaign_layout_id), 
	INDEX ix_tbl_campaign_campaign_status_id (campaign_status_id), 
	INDEX ix_tbl_campaign_coupon_id (coupon_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
