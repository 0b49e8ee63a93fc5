-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_rating_user (
	rating_user_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	rated_by_user_id INTEGER, 
	score SMALLINT NOT NULL COMMENT '1..5', 
	comment VARCHAR(500), 
	context VARCHAR(32) NOT NULL DEFAULT 'order', 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_rating_user PRIMARY KEY (rating_user_id), 
	CONSTRAINT fk_tbl_rating_user_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_rating_user_rated_by_user_id FOREIGN KEY(rated_by_user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_rating_user_rated_by_user_id (rated_by_user_id), 
	INDEX ix_tbl_rating_user_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
