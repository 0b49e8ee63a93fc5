-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_department (
	department_id INTEGER NOT NULL AUTO_INCREMENT, 
	company_id INTEGER NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	manager_user_id INTEGER, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_department PRIMARY KEY (department_id), 
	CONSTRAINT fk_tbl_department_company_id FOREIGN KEY(company_id) REFERENCES dbuser.tbl_company (company_id), 
	CONSTRAINT fk_tbl_department_manager_user_id FOREIGN KEY(manager_user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_department_company_id (company_id), 
	INDEX ix_tbl_department_manager_user_id (manager_user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
