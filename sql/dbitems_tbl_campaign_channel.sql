-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_campaign_channel (
	campaign_channel_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_campaign_channel PRIMARY KEY (campaign_channel_id), 
	CONSTRAINT uq_tbl_campaign_channel_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
