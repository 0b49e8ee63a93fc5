-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcommission.tbl_commission_detail (
	commission_detail_id INTEGER NOT NULL AUTO_INCREMENT, 
	commission_id INTEGER NOT NULL, 
	order_id INTEGER, 
	commission_rates_id INTEGER, 
	amount DECIMAL(10, 2) NOT NULL, 
	CONSTRAINT pk_tbl_commission_detail PRIMARY KEY (commission_detail_id), 
	CONSTRAINT fk_tbl_commission_detail_commission_id FOREIGN KEY(commission_id) REFERENCES dbcommission.tbl_commission (commission_id), 
	CONSTRAINT fk_tbl_commission_detail_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_commission_detail_commission_rates_id FOREIGN KEY(commission_rates_id) REFERENCES dbcommission.tbl_commission_rates (commission_rates_id), 
	INDEX ix_tbl_commission_detail_commission_id (commission_id), 
	INDEX ix_tbl_commission_detail_commission_rates_id (commission_rates_id), 
	INDEX ix_tbl_commission_detail_order_id (order_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
