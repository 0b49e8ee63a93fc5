-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_paymentserviceaccount (
	paymentserviceaccount_id INTEGER NOT NULL AUTO_INCREMENT, 
	paymentserviceprovider_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	accounttype_id INTEGER, 
	external_account_ref VARCHAR(64) NOT NULL, 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_paymentserviceaccount PRIMARY KEY (paymentserviceaccount_id), 
	CONSTRAINT fk_tbl_paymentserviceaccount_paymentserviceprovider_id FOREIGN KEY(paymentserviceprovider_id) REFERENCES dbcards.tbl_paymentserviceprovider (paymentserviceprovider_id), 
	CONSTRAINT fk_tbl_paymentserviceaccount_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_paymentserviceaccount_accounttype_id FOREIGN KEY(accounttype_id) REFERENCES dbcards.tbl_accounttype (accounttype_id), 
	INDEX ix_tbl_paymentserviceaccount_accounttype_id (accounttype_id), 
	INDEX ix_tbl_paymentserviceaccount_paymentserviceprovider_id (paymentserviceprovider_id), 
	INDEX ix_tbl_paymentserviceaccount_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
