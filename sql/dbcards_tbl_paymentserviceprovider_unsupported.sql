-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_paymentserviceprovider_unsupported (
	paymentserviceprovider_unsupported_id INTEGER NOT NULL AUTO_INCREMENT, 
	paymentserviceprovider_id INTEGER NOT NULL, 
	paymenttype_id INTEGER, 
	cardstype_id INTEGER, 
	country_iso2 VARCHAR(2), 
	reason VARCHAR(255), 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_paymentserviceprovider_unsupported PRIMARY KEY (paymentserviceprovider_unsupported_id), 
	CONSTRAINT fk_tbl_paymentserviceprovider_unsupported_paymentservice_0daa FOREIGN KEY(paymentserviceprovider_id) REFERENCES dbcards.tbl_paymentserviceprovider (paymentserviceprovider_id), 
	CONSTRAINT fk_tbl_paymentserviceprovider_unsupported_paymenttype_id FOREIGN KEY(paymenttype_id) REFERENCES dbcards.tbl_paymenttype (paymenttype_id), 
	CONSTRAINT fk_tbl_paymentserviceprovider_unsupported_cardstype_id FOREIGN KEY(cardstype_id) REFERENCES dbcards.tbl_cardstype (cardstype_id), 
	INDEX ix_tbl_paymentserviceprovider_unsupported_cardstype_id (cardstype_id), 
	INDEX ix_tbl_paymentserviceprovider_unsupported_paymentservice_9c94 (paymentserviceprovider_id), 
	INDEX ix_tbl_paymentserviceprovider_unsupported_paymenttype_id (paymenttype_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
