-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcommission.tbl_commission_agent_file_bill (
	commission_agent_file_bill_id INTEGER NOT NULL AUTO_INCREMENT, 
	commission_agent_file_id INTEGER NOT NULL, 
	commission_id INTEGER, 
	bill_number VARCHAR(40) NOT NULL, 
	amount DECIMAL(10, 2) NOT NULL, 
	line_count INTEGER NOT NULL DEFAULT '0', 
	CONSTRAINT pk_tbl_commission_agent_file_bill PRIMARY KEY (commission_agent_file_bill_id), 
	CONSTRAINT fk_tbl_commission_agent_file_bill_commission_agent_file_id FOREIGN KEY(commission_agent_file_id) REFERENCES dbcommission.tbl_commission_agent_file (commission_agent_file_id), 
	CONSTRAINT fk_tbl_commission_agent_file_bill_commission_id FOREIGN KEY(commission_id) REFERENCES dbcommission.tbl_commission (commission_id), 
	INDEX ix_tbl_commission_agent_file_bill_commission_agent_file_id (commission_agent_file_id), 
	INDEX ix_tbl_commission_agent_file_bill_commission_id (commission_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
