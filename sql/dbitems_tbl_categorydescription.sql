-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_categorydescription (
	categorydescription_id INTEGER NOT NULL AUTO_INCREMENT, 
	category_id INTEGER NOT NULL, 
	language_code VARCHAR(5) NOT NULL, 
	name VARCHAR(80) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_categorydescription PRIMARY KEY (categorydescription_id), 
	CONSTRAINT uq_tbl_categorydescription_category_id_language_code UNIQUE (category_id, language_code), 
	CONSTRAINT fk_tbl_categorydescription_category_id FOREIGN KEY(category_id) REFERENCES dbitems.tbl_category (category_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
