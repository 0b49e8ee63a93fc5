-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_campaign_layout (
	campaign_layout_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_campaign_layout PRIMARY KEY (campaign_layout_id), 
	CONSTRAINT uq_tbl_campaign_layout_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
