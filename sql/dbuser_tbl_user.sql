-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_user (
	user_id INTEGER NOT NULL AUTO_INCREMENT, 
	first_name VARCHAR(80) NOT NULL, 
	last_name VARCHAR(80) NOT NULL, 
	user_type_id INTEGER NOT NULL, 
	user_status_id INTEGER NOT NULL, 
	language_code VARCHAR(5) NOT NULL DEFAULT 'en', 
	date_of_birth DATE, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	last_login_at DATETIME, 
	CONSTRAINT pk_tbl_user PRIMARY KEY (user_id), 
	CONSTRAINT fk_tbl_user_user_type_id FOREIGN KEY(user_type_id) REFERENCES dbuser.tbl_user_type (user_type_id), 
	CONSTRAINT fk_tbl_user_user_status_id FOREIGN KEY(user_status_id) REFERENCES dbuser.tbl_user_status (user_status_id), 
	INDEX ix_tbl_user_user_status_id (user_status_id), 
	INDEX ix_tbl_user_user_type_id (user_type_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
