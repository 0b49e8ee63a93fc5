-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_package_results (
	package_results_id INTEGER NOT NULL AUTO_INCREMENT, 
	package_id INTEGER NOT NULL, 
	services_task_id INTEGER, 
	result_code VARCHAR(16) NOT NULL, 
	result_text VARCHAR(500), 
	recorded_at DATETIME NOT NULL, 
	CONSTRAINT pk_tbl_package_results PRIMARY KEY (package_results_id), 
	CONSTRAINT fk_tbl_package_results_package_id FOREIGN KEY(package_id) REFERENCES dbitems.tbl_package (package_id), 
	CONSTRAINT fk_tbl_package_results_services_task_id FOREIGN KEY(services_task_id) REFERENCES dbitems.tbl_services_task (services_task_id), 
	INDEX ix_tbl_package_results_package_id (package_id), 
	INDEX ix_tbl_package_results_services_task_id (services_task_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
