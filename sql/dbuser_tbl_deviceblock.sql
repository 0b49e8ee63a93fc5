-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_deviceblock (
	deviceblock_id INTEGER NOT NULL AUTO_INCREMENT, 
	device_id INTEGER NOT NULL, 
	reason VARCHAR(255) NOT NULL, 
	blocked_until DATETIME, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_deviceblock PRIMARY KEY (deviceblock_id), 
	CONSTRAINT fk_tbl_deviceblock_device_id FOREIGN KEY(device_id) REFERENCES dbuser.tbl_device (device_id), 
	INDEX ix_tbl_deviceblock_device_id (device_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
