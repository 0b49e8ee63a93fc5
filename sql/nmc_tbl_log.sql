-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE nmc.tbl_log (
	log_id INTEGER NOT NULL AUTO_INCREMENT, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	level VARCHAR(10) NOT NULL DEFAULT 'INFO', 
	actor_type VARCHAR(16) NOT NULL COMMENT 'customer | agent | system | admin', 
	actor_id INTEGER, 
	action VARCHAR(64) NOT NULL, 
	entity_type VARCHAR(64), 
	entity_id VARCHAR(64), 
	request_id VARCHAR(64), 
	session_id VARCHAR(64), 
	ip_address VARCHAR(45), 
	success BOOL NOT NULL DEFAULT 1, 
	detail TEXT, 
	CONSTRAINT pk_tbl_log PRIMARY KEY (log_id), 
	INDEX ix_tbl_log_created_at (created_at), 
	INDEX ix_tbl_log_entity_type_entity_id (entity_type, entity_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
