-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE nmc.tbl_report_field (
	report_field_id INTEGER NOT NULL AUTO_INCREMENT, 
	report_id INTEGER NOT NULL, 
	field_name VARCHAR(64) NOT NULL, 
	label VARCHAR(120) NOT NULL, 
	data_type VARCHAR(16) NOT NULL, 
	format VARCHAR(32), 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	is_visible BOOL NOT NULL DEFAULT 1, 
	is_filterable BOOL NOT NULL DEFAULT 0, 
	CONSTRAINT pk_tbl_report_field PRIMARY KEY (report_field_id), 
	CONSTRAINT fk_tbl_report_field_report_id FOREIGN KEY(report_id) REFERENCES nmc.tbl_report (report_id), 
	INDEX ix_tbl_report_field_report_id (report_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
