-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_crm_note (
	crm_note_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	help_ticket_id INTEGER, 
	author VARCHAR(80) NOT NULL, 
	note_type VARCHAR(32) NOT NULL DEFAULT 'general', 
	subject VARCHAR(200), 
	body TEXT NOT NULL, 
	follow_up_at DATETIME, 
	is_private BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_crm_note PRIMARY KEY (crm_note_id), 
	CONSTRAINT fk_tbl_crm_note_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_crm_note_help_ticket_id FOREIGN KEY(help_ticket_id) REFERENCES dbuser.tbl_help_ticket (help_ticket_id), 
	INDEX ix_tbl_crm_note_help_ticket_id (help_ticket_id), 
	INDEX ix_tbl_crm_note_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
