-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_data_elements (
	data_elements_id INTEGER NOT NULL AUTO_INCREMENT, 
	element_number SMALLINT NOT NULL COMMENT 'ISO 8583 data element', 
	name VARCHAR(120) NOT NULL, 
	data_format VARCHAR(16) NOT NULL, 
	length_type VARCHAR(16) NOT NULL COMMENT 'fixed | llvar | lllvar', 
	max_length SMALLINT NOT NULL, 
	description VARCHAR(255), 
	is_sensitive BOOL NOT NULL DEFAULT 0, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_data_elements PRIMARY KEY (data_elements_id), 
	CONSTRAINT uq_tbl_data_elements_element_number UNIQUE (element_number)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
