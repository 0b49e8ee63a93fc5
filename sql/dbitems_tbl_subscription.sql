-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_subscription (
	subscription_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	package_id INTEGER NOT NULL, 
	card_id INTEGER, 
	status VARCHAR(16) NOT NULL, 
	started_at DATETIME NOT NULL, 
	renews_at DATETIME, 
	cancelled_at DATETIME, 
	CONSTRAINT pk_tbl_subscription PRIMARY KEY (subscription_id), 
	CONSTRAINT fk_tbl_subscription_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_subscription_package_id FOREIGN KEY(package_id) REFERENCES dbitems.tbl_package (package_id), 
	CONSTRAINT fk_tbl_subscription_card_id FOREIGN KEY(card_id) REFERENCES dbcards.tbl_card (card_id), 
	INDEX ix_tbl_subscription_package_id (package_id), 
	INDEX ix_tbl_subscription_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
