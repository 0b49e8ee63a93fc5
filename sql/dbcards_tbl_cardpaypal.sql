-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_cardpaypal (
	cardpaypal_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	paypal_email VARCHAR(254) NOT NULL, 
	payer_id VARCHAR(32) NOT NULL, 
	billing_agreement_id VARCHAR(64), 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_cardpaypal PRIMARY KEY (cardpaypal_id), 
	CONSTRAINT fk_tbl_cardpaypal_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_cardpaypal_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
