-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_phone (
	phone_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	phone_number VARCHAR(32) NOT NULL COMMENT 'E.164, e.g. +12125550101', 
	phone_type VARCHAR(16) NOT NULL DEFAULT 'mobile', 
	is_primary BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_phone PRIMARY KEY (phone_id), 
	CONSTRAINT fk_tbl_phone_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_phone_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
