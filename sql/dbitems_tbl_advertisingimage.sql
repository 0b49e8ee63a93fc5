-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_advertisingimage (
	advertisingimage_id INTEGER NOT NULL AUTO_INCREMENT, 
	advertising_id INTEGER NOT NULL, 
	url VARCHAR(500) NOT NULL, 
	width SMALLINT, 
	height SMALLINT, 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	CONSTRAINT pk_tbl_advertisingimage PRIMARY KEY (advertisingimage_id), 
	CONSTRAINT fk_tbl_advertisingimage_advertising_id FOREIGN KEY(advertising_id) REFERENCES dbitems.tbl_advertising (advertising_id), 
	INDEX ix_tbl_advertisingimage_advertising_id (advertising_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
