-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_orderreturn (
	orderreturn_id INTEGER NOT NULL AUTO_INCREMENT, 
	order_id INTEGER NOT NULL, 
	orderdetail_id INTEGER, 
	status VARCHAR(16) NOT NULL COMMENT 'requested | approved | received | refunded | rejected', 
	reason VARCHAR(255) NOT NULL, 
	requested_at DATETIME NOT NULL, 
	resolved_at DATETIME, 
	refund_amount DECIMAL(10, 2), 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	CONSTRAINT pk_tbl_orderreturn PRIMARY KEY (orderreturn_id), 
	CONSTRAINT fk_tbl_orderreturn_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_orderreturn_orderdetail_id FOREIGN KEY(orderdetail_id) REFERENCES dbitems.tbl_orderdetail (orderdetail_id), 
	INDEX ix_tbl_orderreturn_order_id (order_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
