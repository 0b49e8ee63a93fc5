-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE nmc.tbl_transactionkey (
	transactionkey_id INTEGER NOT NULL AUTO_INCREMENT, 
	transaction_key VARCHAR(64) NOT NULL, 
	order_id INTEGER, 
	status VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_transactionkey PRIMARY KEY (transactionkey_id), 
	CONSTRAINT uq_tbl_transactionkey_transaction_key UNIQUE (transaction_key), 
	CONSTRAINT fk_tbl_transactionkey_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	INDEX ix_tbl_transactionkey_order_id (order_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
