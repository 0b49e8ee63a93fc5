-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_carduser (
	carduser_id INTEGER NOT NULL AUTO_INCREMENT, 
	card_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	nickname VARCHAR(40), 
	is_default BOOL NOT NULL DEFAULT 0, 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_carduser PRIMARY KEY (carduser_id), 
	CONSTRAINT uq_tbl_carduser_card_id_user_id UNIQUE (card_id, user_id), 
	CONSTRAINT fk_tbl_carduser_card_id FOREIGN KEY(card_id) REFERENCES dbcards.tbl_card (card_id), 
	CONSTRAINT fk_tbl_carduser_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_carduser_card_id (card_id), 
	INDEX ix_tbl_carduser_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
