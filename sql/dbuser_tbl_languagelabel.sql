-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_languagelabel (
	languagelabel_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_id INTEGER NOT NULL, 
	label_key VARCHAR(120) NOT NULL, 
	label_text TEXT NOT NULL, 
	platform_id INTEGER, 
	CONSTRAINT pk_tbl_languagelabel PRIMARY KEY (languagelabel_id), 
	CONSTRAINT uq_tbl_languagelabel_language_id_label_key UNIQUE (language_id, label_key), 
	CONSTRAINT fk_tbl_languagelabel_language_id FOREIGN KEY(language_id) REFERENCES dbuser.tbl_language (language_id), 
	CONSTRAINT fk_tbl_languagelabel_platform_id FOREIGN KEY(platform_id) REFERENCES dbuser.tbl_platform (platform_id), 
	INDEX ix_tbl_languagelabel_platform_id (platform_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
