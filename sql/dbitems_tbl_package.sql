-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_package (
	package_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(120) NOT NULL, 
	service_type_id INTEGER NOT NULL, 
	price DECIMAL(10, 2) NOT NULL, 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	duration_days INTEGER, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_package PRIMARY KEY (package_id), 
	CONSTRAINT fk_tbl_package_service_type_id FOREIGN KEY(service_type_id) REFERENCES dbitems.tbl_service_type (service_type_id), 
	INDEX ix_tbl_package_service_type_id (service_type_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
