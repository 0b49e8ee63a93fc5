-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_merchant_payfactory (
	merchant_payfactory_id INTEGER NOT NULL AUTO_INCREMENT, 
	merchant_id INTEGER NOT NULL, 
	payfactory_merchant_ref VARCHAR(64) NOT NULL, 
	terminal_id VARCHAR(32), 
	processor VARCHAR(64), 
	status VARCHAR(16) NOT NULL DEFAULT 'pending', 
	approved_at DATETIME, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_merchant_payfactory PRIMARY KEY (merchant_payfactory_id), 
	CONSTRAINT fk_tbl_merchant_payfactory_merchant_id FOREIGN KEY(merchant_id) REFERENCES dbuser.tbl_merchant (merchant_id), 
	INDEX ix_tbl_merchant_payfactory_merchant_id (merchant_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
