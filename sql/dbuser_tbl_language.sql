-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_language (
	language_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_code VARCHAR(5) NOT NULL, 
	name VARCHAR(64) NOT NULL, 
	native_name VARCHAR(64) NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_language PRIMARY KEY (language_id), 
	CONSTRAINT uq_tbl_language_language_code UNIQUE (language_code)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
