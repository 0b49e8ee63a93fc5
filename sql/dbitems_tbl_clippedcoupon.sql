-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE TABLE dbitems.tbl_clippedcoupon (
	clippedcoupon_id INTEGER NOT NULL AUTO_INCREMENT, 
	coupon_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	clipped_at DATETIME NOT NULL, 
	redeemed_at DATETIME, 
	order_id INTEGER, 
	channel VARCHAR(16) NOT NULL DEFAULT 'web', 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_clippedcoupon PRIMARY KEY (clippedcoupon_id), 
	CONSTRAINT fk_tbl_clippedcoupon_coupon_id FOREIGN KEY(coupon_id) REFERENCES dbitems.tbl_coupon (coupon_id), 
	CONSTRAINT fk_tbl_clippedcoupon_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_clippedcoupon_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	INDEX ix_tbl_clippedcoupon_coupon_id (coupon_id), 
	INDEX ix_tbl_clippedcoupon_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;
