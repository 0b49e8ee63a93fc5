-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcommission.tbl_commission_agent_file (
	commission_agent_file_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	file_name VARCHAR(255) NOT NULL, 
	period VARCHAR(7) NOT NULL, 
	status VARCHAR(16) NOT NULL DEFAULT 'received', 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_commission_agent_file PRIMARY KEY (commission_agent_file_id), 
	CONSTRAINT fk_tbl_commission_agent_file_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_commission_agent_file_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
