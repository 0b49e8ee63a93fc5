-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE nmc.tbl_p_codes_sequence_aio (
	p_codes_sequence_aio_id INTEGER NOT NULL AUTO_INCREMENT, 
	prefix VARCHAR(16) NOT NULL, 
	next_value INTEGER NOT NULL DEFAULT '1', 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_p_codes_sequence_aio PRIMARY KEY (p_codes_sequence_aio_id), 
	CONSTRAINT uq_tbl_p_codes_sequence_aio_prefix UNIQUE (prefix)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
