-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_orderdetail (
	orderdetail_id INTEGER NOT NULL AUTO_INCREMENT, 
	order_id INTEGER NOT NULL, 
	product_id INTEGER NOT NULL, 
	quantity INTEGER NOT NULL, 
	unit_price DECIMAL(10, 2) NOT NULL, 
	discount_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	line_total DECIMAL(10, 2) NOT NULL, 
	CONSTRAINT pk_tbl_orderdetail PRIMARY KEY (orderdetail_id), 
	CONSTRAINT fk_tbl_orderdetail_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_orderdetail_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	INDEX ix_tbl_orderdetail_order_id (order_id), 
	INDEX ix_tbl_orderdetail_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
