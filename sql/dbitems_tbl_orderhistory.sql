-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_orderhistory (
	orderhistory_id INTEGER NOT NULL AUTO_INCREMENT, 
	order_id INTEGER NOT NULL, 
	orderstatus_id INTEGER NOT NULL, 
	changed_at DATETIME NOT NULL, 
	location_text VARCHAR(160), 
	note VARCHAR(255), 
	CONSTRAINT pk_tbl_orderhistory PRIMARY KEY (orderhistory_id), 
	CONSTRAINT fk_tbl_orderhistory_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_orderhistory_orderstatus_id FOREIGN KEY(orderstatus_id) REFERENCES dbitems.tbl_orderstatus (orderstatus_id), 
	INDEX ix_tbl_orderhistory_order_id_changed_at (order_id, changed_at), 
	INDEX ix_tbl_orderhistory_orderstatus_id (orderstatus_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
