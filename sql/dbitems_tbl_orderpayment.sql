-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_orderpayment (
	orderpayment_id INTEGER NOT NULL AUTO_INCREMENT, 
	order_id INTEGER NOT NULL, 
	card_id INTEGER, 
	amount DECIMAL(10, 2) NOT NULL, 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	payment_method VARCHAR(16) NOT NULL COMMENT 'card | paypal | cash_on_delivery', 
	status VARCHAR(16) NOT NULL COMMENT 'authorized | captured | refunded | voided', 
	authorization_code VARCHAR(16), 
	paid_at DATETIME, 
	CONSTRAINT pk_tbl_orderpayment PRIMARY KEY (orderpayment_id), 
	CONSTRAINT fk_tbl_orderpayment_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_orderpayment_card_id FOREIGN KEY(card_id) REFERENCES dbcards.tbl_card (card_id), 
	INDEX ix_tbl_orderpayment_order_id (order_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
