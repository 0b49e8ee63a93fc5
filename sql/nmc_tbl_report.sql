-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE nmc.tbl_report (
	report_id INTEGER NOT NULL AUTO_INCREMENT, 
	code VARCHAR(64) NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	description TEXT, 
	owner VARCHAR(80), 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_report PRIMARY KEY (report_id), 
	CONSTRAINT uq_tbl_report_code UNIQUE (code)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
