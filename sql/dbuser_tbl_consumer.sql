-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_consumer (
	consumer_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	loyalty_points INTEGER NOT NULL DEFAULT '0', 
	preferred_contact VARCHAR(16) NOT NULL DEFAULT 'email', 
	marketing_opt_in BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_consumer PRIMARY KEY (consumer_id), 
	CONSTRAINT uq_tbl_consumer_user_id UNIQUE (user_id), 
	CONSTRAINT fk_tbl_consumer_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
