-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_card_log (
	card_log_id INTEGER NOT NULL AUTO_INCREMENT, 
	card_id INTEGER NOT NULL, 
	user_id INTEGER, 
	action VARCHAR(32) NOT NULL, 
	old_status VARCHAR(32), 
	new_status VARCHAR(32), 
	ip_address VARCHAR(45), 
	detail VARCHAR(255), 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_card_log PRIMARY KEY (card_log_id), 
	CONSTRAINT fk_tbl_card_log_card_id FOREIGN KEY(card_id) REFERENCES dbcards.tbl_card (card_id), 
	CONSTRAINT fk_tbl_card_log_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_card_log_card_id (card_id), 
	INDEX ix_tbl_card_log_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
