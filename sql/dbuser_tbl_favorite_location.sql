-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_favorite_location (
	favorite_location_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	location_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_favorite_location PRIMARY KEY (favorite_location_id), 
	CONSTRAINT uq_tbl_favorite_location_user_id_location_id UNIQUE (user_id, location_id), 
	CONSTRAINT fk_tbl_favorite_location_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_favorite_location_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	INDEX ix_tbl_favorite_location_location_id (location_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
