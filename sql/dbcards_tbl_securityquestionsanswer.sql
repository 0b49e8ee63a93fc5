-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbcards.tbl_securityquestionsanswer (
	securityquestionsanswer_id INTEGER NOT NULL AUTO_INCREMENT, 
	securityquestions_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	answer_hash VARCHAR(128) NOT NULL, 
	CONSTRAINT pk_tbl_securityquestionsanswer PRIMARY KEY (securityquestionsanswer_id), 
	CONSTRAINT fk_tbl_securityquestionsanswer_securityquestions_id FOREIGN KEY(securityquestions_id) REFERENCES dbcards.tbl_securityquestions (securityquestions_id), 
	CONSTRAINT fk_tbl_securityquestionsanswer_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_securityquestionsanswer_securityquestions_id (securityquestions_id), 
	INDEX ix_tbl_securityquestionsanswer_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
