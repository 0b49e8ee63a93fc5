-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_shoppingcart (
	shoppingcart_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL DEFAULT 'open', 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	order_id INTEGER, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_shoppingcart PRIMARY KEY (shoppingcart_id), 
	CONSTRAINT fk_tbl_shoppingcart_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_shoppingcart_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	INDEX ix_tbl_shoppingcart_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
