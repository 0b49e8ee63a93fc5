-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE nmc.tbl_t_error_control_aio (
	t_error_control_aio_id INTEGER NOT NULL AUTO_INCREMENT, 
	error_code VARCHAR(32) NOT NULL, 
	source VARCHAR(64) NOT NULL, 
	message TEXT NOT NULL, 
	transactionkey_id INTEGER, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_t_error_control_aio PRIMARY KEY (t_error_control_aio_id), 
	CONSTRAINT fk_tbl_t_error_control_aio_transactionkey_id FOREIGN KEY(transactionkey_id) REFERENCES nmc.tbl_transactionkey (transactionkey_id), 
	INDEX ix_tbl_t_error_control_aio_transactionkey_id (transactionkey_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
