-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_help_video (
	help_video_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_code VARCHAR(5) NOT NULL, 
	topic VARCHAR(32) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	url VARCHAR(500) NOT NULL, 
	duration_seconds INTEGER, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_help_video PRIMARY KEY (help_video_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
