-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_advertisingrecommended (
	advertisingrecommended_id INTEGER NOT NULL AUTO_INCREMENT, 
	advertising_id INTEGER NOT NULL, 
	product_id INTEGER NOT NULL, 
	score DECIMAL(5, 4), 
	CONSTRAINT pk_tbl_advertisingrecommended PRIMARY KEY (advertisingrecommended_id), 
	CONSTRAINT uq_tbl_advertisingrecommended_advertising_id_product_id UNIQUE (advertising_id, product_id), 
	CONSTRAINT fk_tbl_advertisingrecommended_advertising_id FOREIGN KEY(advertising_id) REFERENCES dbitems.tbl_advertising (advertising_id), 
	CONSTRAINT fk_tbl_advertisingrecommended_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	INDEX ix_tbl_advertisingrecommended_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
