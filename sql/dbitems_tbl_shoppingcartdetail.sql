-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_shoppingcartdetail (
	shoppingcartdetail_id INTEGER NOT NULL AUTO_INCREMENT, 
	shoppingcart_id INTEGER NOT NULL, 
	product_id INTEGER NOT NULL, 
	quantity INTEGER NOT NULL, 
	unit_price DECIMAL(10, 2) NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_shoppingcartdetail PRIMARY KEY (shoppingcartdetail_id), 
	CONSTRAINT fk_tbl_shoppingcartdetail_shoppingcart_id FOREIGN KEY(shoppingcart_id) REFERENCES dbitems.tbl_shoppingcart (shoppingcart_id), 
	CONSTRAINT fk_tbl_shoppingcartdetail_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	INDEX ix_tbl_shoppingcartdetail_product_id (product_id), 
	INDEX ix_tbl_shoppingcartdetail_shoppingcart_id (shoppingcart_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
