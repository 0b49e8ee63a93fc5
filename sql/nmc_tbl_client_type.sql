-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE nmc.tbl_client_type (
	client_type_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_client_type PRIMARY KEY (client_type_id), 
	CONSTRAINT uq_tbl_client_type_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
