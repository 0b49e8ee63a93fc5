-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_language_platform (
	language_platform_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_id INTEGER NOT NULL, 
	platform_id INTEGER NOT NULL, 
	is_default BOOL NOT NULL DEFAULT 0, 
	CONSTRAINT pk_tbl_language_platform PRIMARY KEY (language_platform_id), 
	CONSTRAINT uq_tbl_language_platform_language_id_platform_id UNIQUE (language_id, platform_id), 
	CONSTRAINT fk_tbl_language_platform_language_id FOREIGN KEY(language_id) REFERENCES dbuser.tbl_language (language_id), 
	CONSTRAINT fk_tbl_language_platform_platform_id FOREIGN KEY(platform_id) REFERENCES dbuser.tbl_platform (platform_id), 
	INDEX ix_tbl_language_platform_language_id (language_id), 
	INDEX ix_tbl_language_platform_platform_id (platform_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
