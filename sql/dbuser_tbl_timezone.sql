-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_timezone (
	timezone_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL COMMENT 'IANA name, e.g. America/Mexico_City', 
	utc_offset_minutes SMALLINT NOT NULL, 
	CONSTRAINT pk_tbl_timezone PRIMARY KEY (timezone_id), 
	CONSTRAINT uq_tbl_timezone_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
