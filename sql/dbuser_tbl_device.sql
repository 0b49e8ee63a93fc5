-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_device (
	device_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	devicetype_id INTEGER NOT NULL, 
	device_os_id INTEGER NOT NULL, 
	devicestatus_id INTEGER NOT NULL, 
	device_identifier VARCHAR(128) NOT NULL, 
	app_version VARCHAR(32), 
	last_seen_at DATETIME, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_device PRIMARY KEY (device_id), 
	CONSTRAINT fk_tbl_device_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_device_devicetype_id FOREIGN KEY(devicetype_id) REFERENCES dbuser.tbl_devicetype (devicetype_id), 
	CONSTRAINT fk_tbl_device_device_os_id FOREIGN KEY(device_os_id) REFERENCES dbuser.tbl_device_os (device_os_id), 
	CONSTRAINT fk_tbl_device_devicestatus_id FOREIGN KEY(devicestatus_id) REFERENCES dbuser.tbl_devicestatus (devicestatus_id), 
	CONSTRAINT uq_tbl_device_device_identifier UNIQUE (device_identifier), 
	INDEX ix_tbl_device_device_os_id (device_os_id), 
	INDEX ix_tbl_device_devicestatus_id (devicestatus_id), 
	INDEX ix_tbl_device_devicetype_id (devicetype_id), 
	INDEX ix_tbl_device_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
