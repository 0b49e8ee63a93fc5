-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_driverlicense (
	driverlicense_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	license_number VARCHAR(32) NOT NULL, 
	issuing_state VARCHAR(64), 
	issuing_country VARCHAR(2) NOT NULL, 
	expires_on DATE, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_driverlicense PRIMARY KEY (driverlicense_id), 
	CONSTRAINT fk_tbl_driverlicense_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_driverlicense_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
