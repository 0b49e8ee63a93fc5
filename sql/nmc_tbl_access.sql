-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE nmc.tbl_access (
	access_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	client_type_id INTEGER, 
	event VARCHAR(16) NOT NULL COMMENT 'login | logout | register | failed_login', 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_access PRIMARY KEY (access_id), 
	CONSTRAINT fk_tbl_access_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_access_client_type_id FOREIGN KEY(client_type_id) REFERENCES nmc.tbl_client_type (client_type_id), 
	INDEX ix_tbl_access_client_type_id (client_type_id), 
	INDEX ix_tbl_access_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
