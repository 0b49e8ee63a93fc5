-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_email (
	email_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	email VARCHAR(254) NOT NULL, 
	is_primary BOOL NOT NULL DEFAULT 0, 
	is_verified BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_email PRIMARY KEY (email_id), 
	CONSTRAINT fk_tbl_email_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT uq_tbl_email_email UNIQUE (email), 
	INDEX ix_tbl_email_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
