-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_advertising_watched (
	advertising_watched_id INTEGER NOT NULL AUTO_INCREMENT, 
	advertising_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	watched_at DATETIME NOT NULL, 
	seconds_watched INTEGER, 
	CONSTRAINT pk_tbl_advertising_watched PRIMARY KEY (advertising_watched_id), 
	CONSTRAINT fk_tbl_advertising_watched_advertising_id FOREIGN KEY(advertising_id) REFERENCES dbitems.tbl_advertising (advertising_id), 
	CONSTRAINT fk_tbl_advertising_watched_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_advertising_watched_advertising_id (advertising_id), 
	INDEX ix_tbl_advertising_watched_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
