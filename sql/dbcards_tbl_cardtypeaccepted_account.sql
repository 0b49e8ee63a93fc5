-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_cardtypeaccepted_account (
	cardtypeaccepted_account_id INTEGER NOT NULL AUTO_INCREMENT, 
	paymentserviceaccount_id INTEGER NOT NULL, 
	cardstype_id INTEGER NOT NULL, 
	paymentnaturetype_id INTEGER, 
	min_amount DECIMAL(10, 2), 
	max_amount DECIMAL(10, 2), 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_cardtypeaccepted_account PRIMARY KEY (cardtypeaccepted_account_id), 
	CONSTRAINT fk_tbl_cardtypeaccepted_account_paymentserviceaccount_id FOREIGN KEY(paymentserviceaccount_id) REFERENCES dbcards.tbl_paymentserviceaccount (paymentserviceaccount_id), 
	CONSTRAINT fk_tbl_cardtypeaccepted_account_cardstype_id FOREIGN KEY(cardstype_id) REFERENCES dbcards.tbl_cardstype (cardstype_id), 
	CONSTRAINT fk_tbl_cardtypeaccepted_account_paymentnaturetype_id FOREIGN KEY(paymentnaturetype_id) REFERENCES dbcards.tbl_paymentnaturetype (paymentnaturetype_id), 
	INDEX ix_tbl_cardtypeaccepted_account_cardstype_id (cardstype_id), 
	INDEX ix_tbl_cardtypeaccepted_account_paymentnaturetype_id (paymentnaturetype_id), 
	INDEX ix_tbl_cardtypeaccepted_account_paymentserviceaccount_id (paymentserviceaccount_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
