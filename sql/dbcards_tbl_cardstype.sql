-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_cardstype (
	cardstype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(32) NOT NULL, 
	code VARCHAR(8) NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_cardstype PRIMARY KEY (cardstype_id), 
	CONSTRAINT uq_tbl_cardstype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
