-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_services_task (
	services_task_id INTEGER NOT NULL AUTO_INCREMENT, 
	service_type_id INTEGER NOT NULL, 
	order_id INTEGER, 
	user_id INTEGER, 
	location_id INTEGER, 
	status VARCHAR(16) NOT NULL, 
	scheduled_at DATETIME, 
	completed_at DATETIME, 
	note VARCHAR(255), 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_services_task PRIMARY KEY (services_task_id), 
	CONSTRAINT fk_tbl_services_task_service_type_id FOREIGN KEY(service_type_id) REFERENCES dbitems.tbl_service_type (service_type_id), 
	CONSTRAINT fk_tbl_services_task_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_services_task_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_services_task_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	INDEX ix_tbl_services_task_order_id (order_id), 
	INDEX ix_tbl_services_task_service_type_id (service_type_id), 
	INDEX ix_tbl_services_task_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
