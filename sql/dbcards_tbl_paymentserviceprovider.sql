-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_paymentserviceprovider (
	paymentserviceprovider_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(80) NOT NULL, 
	paymentserviceprovidertype_id INTEGER NOT NULL, 
	api_base_url VARCHAR(255), 
	country_iso2 VARCHAR(2), 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_paymentserviceprovider PRIMARY KEY (paymentserviceprovider_id), 
	CONSTRAINT uq_tbl_paymentserviceprovider_name UNIQUE (name), 
	CONSTRAINT fk_tbl_paymentserviceprovider_paymentserviceprovidertype_id FOREIGN KEY(paymentserviceprovidertype_id) REFERENCES dbcards.tbl_paymentserviceprovidertype (paymentserviceprovidertype_id), 
	INDEX ix_tbl_paymentserviceprovider_paymentserviceprovidertype_id (paymentserviceprovidertype_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
