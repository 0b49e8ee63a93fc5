-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_clippedmembership (
	clippedmembership_id INTEGER NOT NULL AUTO_INCREMENT, 
	membership_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL COMMENT 'active | expired | cancelled', 
	started_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	cancelled_at DATETIME, 
	auto_renew BOOL NOT NULL DEFAULT 1, 
	card_id INTEGER, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_clippedmembership PRIMARY KEY (clippedmembership_id), 
	CONSTRAINT fk_tbl_clippedmembership_membership_id FOREIGN KEY(membership_id) REFERENCES dbitems.tbl_membership (membership_id), 
	CONSTRAINT fk_tbl_clippedmembership_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_clippedmembership_card_id FOREIGN KEY(card_id) REFERENCES dbcards.tbl_card (card_id), 
	INDEX ix_tbl_clippedmembership_membership_id (membership_id), 
	INDEX ix_tbl_clippedmembership_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
