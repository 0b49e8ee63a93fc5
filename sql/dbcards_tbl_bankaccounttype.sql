-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_bankaccounttype (
	bankaccounttype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_bankaccounttype PRIMARY KEY (bankaccounttype_id), 
	CONSTRAINT uq_tbl_bankaccounttype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
