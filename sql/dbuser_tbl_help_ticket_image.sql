-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_help_ticket_image (
	help_ticket_image_id INTEGER NOT NULL AUTO_INCREMENT, 
	help_ticket_id INTEGER NOT NULL, 
	file_name VARCHAR(255) NOT NULL, 
	content_type VARCHAR(64) NOT NULL, 
	size_bytes INTEGER NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_help_ticket_image PRIMARY KEY (help_ticket_image_id), 
	CONSTRAINT fk_tbl_help_ticket_image_help_ticket_id FOREIGN KEY(help_ticket_id) REFERENCES dbuser.tbl_help_ticket (help_ticket_id), 
	INDEX ix_tbl_help_ticket_image_help_ticket_id (help_ticket_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
