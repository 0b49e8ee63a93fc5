-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_cardtypeaccepted (
	cardtypeaccepted_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	cardstype_id INTEGER NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_cardtypeaccepted PRIMARY KEY (cardtypeaccepted_id), 
	CONSTRAINT uq_tbl_cardtypeaccepted_user_id_cardstype_id UNIQUE (user_id, cardstype_id), 
	CONSTRAINT fk_tbl_cardtypeaccepted_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_cardtypeaccepted_cardstype_id FOREIGN KEY(cardstype_id) REFERENCES dbcards.tbl_cardstype (cardstype_id), 
	INDEX ix_tbl_cardtypeaccepted_cardstype_id (cardstype_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
