-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbuser.tbl_help_faq (
	help_faq_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_code VARCHAR(5) NOT NULL, 
	topic VARCHAR(32) NOT NULL COMMENT 'returns | shipping | warranty | payment | account | orders', 
	question VARCHAR(255) NOT NULL, 
	answer TEXT NOT NULL, 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_help_faq PRIMARY KEY (help_faq_id), 
	INDEX ix_tbl_help_faq_language_code_topic (language_code, topic)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
