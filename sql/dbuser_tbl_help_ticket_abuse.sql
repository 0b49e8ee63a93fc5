-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_help_ticket_abuse (
	help_ticket_abuse_id INTEGER NOT NULL AUTO_INCREMENT, 
	help_ticket_id INTEGER NOT NULL, 
	reported_by_user_id INTEGER, 
	abuse_type VARCHAR(32) NOT NULL, 
	note VARCHAR(255), 
	is_confirmed BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_help_ticket_abuse PRIMARY KEY (help_ticket_abuse_id), 
	CONSTRAINT fk_tbl_help_ticket_abuse_help_ticket_id FOREIGN KEY(help_ticket_id) REFERENCES dbuser.tbl_help_ticket (help_ticket_id), 
	CONSTRAINT fk_tbl_help_ticket_abuse_reported_by_user_id FOREIGN KEY(reported_by_user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_help_ticket_abuse_help_ticket_id (help_ticket_id), 
	INDEX ix_tbl_help_ticket_abuse_reported_by_user_id (reported_by_user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
