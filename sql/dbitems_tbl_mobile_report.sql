-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_mobile_report (
	mobile_report_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER, 
	report_type VARCHAR(32) NOT NULL, 
	app_version VARCHAR(32), 
	platform VARCHAR(16), 
	payload TEXT, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_mobile_report PRIMARY KEY (mobile_report_id), 
	CONSTRAINT fk_tbl_mobile_report_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_mobile_report_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
