-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_help_ticket_reason (
	help_ticket_reason_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	help_ticket_type_id INTEGER, 
	CONSTRAINT pk_tbl_help_ticket_reason PRIMARY KEY (help_ticket_reason_id), 
	CONSTRAINT uq_tbl_help_ticket_reason_name UNIQUE (name), 
	CONSTRAINT fk_tbl_help_ticket_reason_help_ticket_type_id FOREIGN KEY(help_ticket_type_id) REFERENCES dbuser.tbl_help_ticket_type (help_ticket_type_id), 
	INDEX ix_tbl_help_ticket_reason_help_ticket_type_id (help_ticket_type_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
