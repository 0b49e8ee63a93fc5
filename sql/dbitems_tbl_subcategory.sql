-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_subcategory (
	subcategory_id INTEGER NOT NULL AUTO_INCREMENT, 
	category_id INTEGER NOT NULL, 
	name VARCHAR(80) NOT NULL, 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_subcategory PRIMARY KEY (subcategory_id), 
	CONSTRAINT fk_tbl_subcategory_category_id FOREIGN KEY(category_id) REFERENCES dbitems.tbl_category (category_id), 
	INDEX ix_tbl_subcategory_category_id (category_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
