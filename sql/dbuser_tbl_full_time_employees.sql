-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_full_time_employees (
	full_time_employees_id INTEGER NOT NULL AUTO_INCREMENT, 
	company_id INTEGER NOT NULL, 
	department_id INTEGER, 
	year SMALLINT NOT NULL, 
	employee_count INTEGER NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_full_time_employees PRIMARY KEY (full_time_employees_id), 
	CONSTRAINT fk_tbl_full_time_employees_company_id FOREIGN KEY(company_id) REFERENCES dbuser.tbl_company (company_id), 
	CONSTRAINT fk_tbl_full_time_employees_department_id FOREIGN KEY(department_id) REFERENCES dbuser.tbl_department (department_id), 
	INDEX ix_tbl_full_time_employees_company_id (company_id), 
	INDEX ix_tbl_full_time_employees_department_id (department_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
