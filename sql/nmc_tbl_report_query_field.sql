-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE nmc.tbl_report_query_field (
	report_query_field_id INTEGER NOT NULL AUTO_INCREMENT, 
	report_query_id INTEGER NOT NULL, 
	report_field_id INTEGER NOT NULL, 
	column_alias VARCHAR(64) NOT NULL, 
	CONSTRAINT pk_tbl_report_query_field PRIMARY KEY (report_query_field_id), 
	CONSTRAINT fk_tbl_report_query_field_report_query_id FOREIGN KEY(report_query_id) REFERENCES nmc.tbl_report_query (report_query_id), 
	CONSTRAINT fk_tbl_report_query_field_report_field_id FOREIGN KEY(report_field_id) REFERENCES nmc.tbl_report_field (report_field_id), 
	INDEX ix_tbl_report_query_field_report_field_id (report_field_id), 
	INDEX ix_tbl_report_query_field_report_query_id (report_query_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
