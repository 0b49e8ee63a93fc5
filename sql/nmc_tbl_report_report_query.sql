-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE nmc.tbl_report_report_query (
	report_report_query_id INTEGER NOT NULL AUTO_INCREMENT, 
	report_id INTEGER NOT NULL, 
	report_query_id INTEGER NOT NULL, 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	CONSTRAINT pk_tbl_report_report_query PRIMARY KEY (report_report_query_id), 
	CONSTRAINT uq_tbl_report_report_query_report_id_report_query_id UNIQUE (report_id, report_query_id), 
	CONSTRAINT fk_tbl_report_report_query_report_id FOREIGN KEY(report_id) REFERENCES nmc.tbl_report (report_id), 
	CONSTRAINT fk_tbl_report_report_query_report_query_id FOREIGN KEY(report_query_id) REFERENCES nmc.tbl_report_query (report_query_id), 
	INDEX ix_tbl_report_report_query_report_query_id (report_query_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
