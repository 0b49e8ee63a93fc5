-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcommission.tbl_commission (
	commission_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL COMMENT 'The agent or reseller who earns it.', 
	commission_status_id INTEGER NOT NULL, 
	period VARCHAR(7) NOT NULL COMMENT 'YYYY-MM', 
	total_amount DECIMAL(10, 2) NOT NULL, 
	CONSTRAINT pk_tbl_commission PRIMARY KEY (commission_id), 
	CONSTRAINT fk_tbl_commission_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_commission_commission_status_id FOREIGN KEY(commission_status_id) REFERENCES dbcommission.tbl_commission_status (commission_status_id), 
	INDEX ix_tbl_commission_commission_status_id (commission_status_id), 
	INDEX ix_tbl_commission_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
