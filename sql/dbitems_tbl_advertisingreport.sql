-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_advertisingreport (
	advertisingreport_id INTEGER NOT NULL AUTO_INCREMENT, 
	advertising_id INTEGER NOT NULL, 
	report_date DATETIME NOT NULL, 
	impressions INTEGER NOT NULL DEFAULT '0', 
	clicks INTEGER NOT NULL DEFAULT '0', 
	conversions INTEGER NOT NULL DEFAULT '0', 
	spend DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	CONSTRAINT pk_tbl_advertisingreport PRIMARY KEY (advertisingreport_id), 
	CONSTRAINT fk_tbl_advertisingreport_advertising_id FOREIGN KEY(advertising_id) REFERENCES dbitems.tbl_advertising (advertising_id), 
	INDEX ix_tbl_advertisingreport_advertising_id (advertising_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
