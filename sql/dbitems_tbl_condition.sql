-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_condition (
	condition_id INTEGER NOT NULL AUTO_INCREMENT, 
	conditiontype_id INTEGER NOT NULL, 
	name VARCHAR(80) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_condition PRIMARY KEY (condition_id), 
	CONSTRAINT fk_tbl_condition_conditiontype_id FOREIGN KEY(conditiontype_id) REFERENCES dbitems.tbl_conditiontype (conditiontype_id), 
	INDEX ix_tbl_condition_conditiontype_id (conditiontype_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
