-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_securityquestions (
	securityquestions_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_code VARCHAR(5) NOT NULL, 
	question VARCHAR(255) NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_securityquestions PRIMARY KEY (securityquestions_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
