-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_advertising_favorite (
	advertising_favorite_id INTEGER NOT NULL AUTO_INCREMENT, 
	advertising_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_advertising_favorite PRIMARY KEY (advertising_favorite_id), 
	CONSTRAINT uq_tbl_advertising_favorite_advertising_id_user_id UNIQUE (advertising_id, user_id), 
	CONSTRAINT fk_tbl_advertising_favorite_advertising_id FOREIGN KEY(advertising_id) REFERENCES dbitems.tbl_advertising (advertising_id), 
	CONSTRAINT fk_tbl_advertising_favorite_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_advertising_favorite_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
