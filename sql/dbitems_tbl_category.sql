-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_category (
	category_id INTEGER NOT NULL AUTO_INCREMENT, 
	parent_category_id INTEGER, 
	code VARCHAR(40) NOT NULL, 
	name VARCHAR(80) NOT NULL, 
	level SMALLINT NOT NULL DEFAULT '0', 
	tax_rate DECIMAL(5, 4) NOT NULL DEFAULT '0', 
	is_returnable BOOL NOT NULL DEFAULT 1, 
	return_days SMALLINT NOT NULL DEFAULT '30', 
	warranty_months SMALLINT NOT NULL DEFAULT '12', 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_category PRIMARY KEY (category_id), 
	CONSTRAINT fk_tbl_category_parent_category_id FOREIGN KEY(parent_category_id) REFERENCES dbitems.tbl_category (category_id), 
	CONSTRAINT uq_tbl_category_code UNIQUE (code), 
	INDEX ix_tbl_category_parent_category_id (parent_category_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
