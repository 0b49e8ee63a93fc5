-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.

CREATE DATABASE IF NOT EXISTS dbcards CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE DATABASE IF NOT EXISTS dbcommission CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE DATABASE IF NOT EXISTS dbitems CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE DATABASE IF NOT EXISTS dbuser CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE DATABASE IF NOT EXISTS nmc CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_accounttype (
	accounttype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_accounttype PRIMARY KEY (accounttype_id), 
	CONSTRAINT uq_tbl_accounttype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_bankaccounttype (
	bankaccounttype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_bankaccounttype PRIMARY KEY (bankaccounttype_id), 
	CONSTRAINT uq_tbl_bankaccounttype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_cardstatus (
	cardstatus_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_cardstatus PRIMARY KEY (cardstatus_id), 
	CONSTRAINT uq_tbl_cardstatus_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_cardstype (
	cardstype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(32) NOT NULL, 
	code VARCHAR(8) NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_cardstype PRIMARY KEY (cardstype_id), 
	CONSTRAINT uq_tbl_cardstype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_data_elements (
	data_elements_id INTEGER NOT NULL AUTO_INCREMENT, 
	element_number SMALLINT NOT NULL COMMENT 'ISO 8583 data element', 
	name VARCHAR(120) NOT NULL, 
	data_format VARCHAR(16) NOT NULL, 
	length_type VARCHAR(16) NOT NULL COMMENT 'fixed | llvar | lllvar', 
	max_length SMALLINT NOT NULL, 
	description VARCHAR(255), 
	is_sensitive BOOL NOT NULL DEFAULT 0, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_data_elements PRIMARY KEY (data_elements_id), 
	CONSTRAINT uq_tbl_data_elements_element_number UNIQUE (element_number)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_debitaccounttype (
	debitaccounttype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_debitaccounttype PRIMARY KEY (debitaccounttype_id), 
	CONSTRAINT uq_tbl_debitaccounttype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_paymentnaturetype (
	paymentnaturetype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_paymentnaturetype PRIMARY KEY (paymentnaturetype_id), 
	CONSTRAINT uq_tbl_paymentnaturetype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_paymentserviceprovidertype (
	paymentserviceprovidertype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_paymentserviceprovidertype PRIMARY KEY (paymentserviceprovidertype_id), 
	CONSTRAINT uq_tbl_paymentserviceprovidertype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_paymenttype (
	paymenttype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_paymenttype PRIMARY KEY (paymenttype_id), 
	CONSTRAINT uq_tbl_paymenttype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_securityquestions (
	securityquestions_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_code VARCHAR(5) NOT NULL, 
	question VARCHAR(255) NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_securityquestions PRIMARY KEY (securityquestions_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcommission.tbl_commission_status (
	commission_status_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_commission_status PRIMARY KEY (commission_status_id), 
	CONSTRAINT uq_tbl_commission_status_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_advertising_banner_type (
	advertising_banner_type_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_advertising_banner_type PRIMARY KEY (advertising_banner_type_id), 
	CONSTRAINT uq_tbl_advertising_banner_type_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_barcodetype (
	barcodetype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_barcodetype PRIMARY KEY (barcodetype_id), 
	CONSTRAINT uq_tbl_barcodetype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_campaign_channel (
	campaign_channel_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_campaign_channel PRIMARY KEY (campaign_channel_id), 
	CONSTRAINT uq_tbl_campaign_channel_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_campaign_layout (
	campaign_layout_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_campaign_layout PRIMARY KEY (campaign_layout_id), 
	CONSTRAINT uq_tbl_campaign_layout_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_campaign_status (
	campaign_status_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_campaign_status PRIMARY KEY (campaign_status_id), 
	CONSTRAINT uq_tbl_campaign_status_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_catalog (
	catalog_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(120) NOT NULL, 
	description VARCHAR(255), 
	valid_from DATETIME, 
	valid_until DATETIME, 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_catalog PRIMARY KEY (catalog_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

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

CREATE TABLE dbitems.tbl_conditiontype (
	conditiontype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_conditiontype PRIMARY KEY (conditiontype_id), 
	CONSTRAINT uq_tbl_conditiontype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_coupon (
	coupon_id INTEGER NOT NULL AUTO_INCREMENT, 
	code VARCHAR(32) NOT NULL, 
	description VARCHAR(255) NOT NULL, 
	discount_type VARCHAR(10) NOT NULL COMMENT 'percent | amount', 
	discount_value DECIMAL(10, 2) NOT NULL, 
	min_order_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	valid_from DATETIME NOT NULL, 
	valid_until DATETIME NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_coupon PRIMARY KEY (coupon_id), 
	CONSTRAINT uq_tbl_coupon_code UNIQUE (code)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_discounttype (
	discounttype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_discounttype PRIMARY KEY (discounttype_id), 
	CONSTRAINT uq_tbl_discounttype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_inventory_status (
	inventory_status_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_inventory_status PRIMARY KEY (inventory_status_id), 
	CONSTRAINT uq_tbl_inventory_status_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_membership (
	membership_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255) NOT NULL, 
	monthly_fee DECIMAL(10, 2) NOT NULL, 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	free_shipping BOOL NOT NULL DEFAULT 0, 
	discount_percent DECIMAL(5, 2) NOT NULL DEFAULT '0', 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_membership PRIMARY KEY (membership_id), 
	CONSTRAINT uq_tbl_membership_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_orderstatus (
	orderstatus_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_orderstatus PRIMARY KEY (orderstatus_id), 
	CONSTRAINT uq_tbl_orderstatus_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_ordertype (
	ordertype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_ordertype PRIMARY KEY (ordertype_id), 
	CONSTRAINT uq_tbl_ordertype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_service_type (
	service_type_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_service_type PRIMARY KEY (service_type_id), 
	CONSTRAINT uq_tbl_service_type_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_company_type (
	company_type_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_company_type PRIMARY KEY (company_type_id), 
	CONSTRAINT uq_tbl_company_type_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_country (
	country_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	iso2 VARCHAR(2) NOT NULL, 
	iso3 VARCHAR(3) NOT NULL, 
	phone_code VARCHAR(6) NOT NULL, 
	currency VARCHAR(3) NOT NULL, 
	CONSTRAINT pk_tbl_country PRIMARY KEY (country_id), 
	CONSTRAINT uq_tbl_country_iso2 UNIQUE (iso2)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_device_os (
	device_os_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_device_os PRIMARY KEY (device_os_id), 
	CONSTRAINT uq_tbl_device_os_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_devicestatus (
	devicestatus_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_devicestatus PRIMARY KEY (devicestatus_id), 
	CONSTRAINT uq_tbl_devicestatus_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_devicetype (
	devicetype_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_devicetype PRIMARY KEY (devicetype_id), 
	CONSTRAINT uq_tbl_devicetype_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_hardware_type (
	hardware_type_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(80) NOT NULL, 
	manufacturer VARCHAR(80), 
	model VARCHAR(80), 
	unit_cost DECIMAL(10, 2), 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_hardware_type PRIMARY KEY (hardware_type_id), 
	CONSTRAINT uq_tbl_hardware_type_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

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

CREATE TABLE dbuser.tbl_help_guide (
	help_guide_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_code VARCHAR(5) NOT NULL, 
	topic VARCHAR(32) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	body TEXT NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_help_guide PRIMARY KEY (help_guide_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_help_ticket_status (
	help_ticket_status_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_help_ticket_status PRIMARY KEY (help_ticket_status_id), 
	CONSTRAINT uq_tbl_help_ticket_status_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_help_ticket_type (
	help_ticket_type_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_help_ticket_type PRIMARY KEY (help_ticket_type_id), 
	CONSTRAINT uq_tbl_help_ticket_type_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_help_video (
	help_video_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_code VARCHAR(5) NOT NULL, 
	topic VARCHAR(32) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	url VARCHAR(500) NOT NULL, 
	duration_seconds INTEGER, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_help_video PRIMARY KEY (help_video_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_language (
	language_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_code VARCHAR(5) NOT NULL, 
	name VARCHAR(64) NOT NULL, 
	native_name VARCHAR(64) NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_language PRIMARY KEY (language_id), 
	CONSTRAINT uq_tbl_language_language_code UNIQUE (language_code)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_platform (
	platform_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_platform PRIMARY KEY (platform_id), 
	CONSTRAINT uq_tbl_platform_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_timezone (
	timezone_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL COMMENT 'IANA name, e.g. America/Mexico_City', 
	utc_offset_minutes SMALLINT NOT NULL, 
	CONSTRAINT pk_tbl_timezone PRIMARY KEY (timezone_id), 
	CONSTRAINT uq_tbl_timezone_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_user_status (
	user_status_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_user_status PRIMARY KEY (user_status_id), 
	CONSTRAINT uq_tbl_user_status_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_user_type (
	user_type_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_user_type PRIMARY KEY (user_type_id), 
	CONSTRAINT uq_tbl_user_type_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE nmc.tbl_client_type (
	client_type_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_client_type PRIMARY KEY (client_type_id), 
	CONSTRAINT uq_tbl_client_type_name UNIQUE (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE nmc.tbl_log (
	log_id INTEGER NOT NULL AUTO_INCREMENT, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	level VARCHAR(10) NOT NULL DEFAULT 'INFO', 
	actor_type VARCHAR(16) NOT NULL COMMENT 'customer | agent | system | admin', 
	actor_id INTEGER, 
	action VARCHAR(64) NOT NULL, 
	entity_type VARCHAR(64), 
	entity_id VARCHAR(64), 
	request_id VARCHAR(64), 
	session_id VARCHAR(64), 
	ip_address VARCHAR(45), 
	success BOOL NOT NULL DEFAULT 1, 
	detail TEXT, 
	CONSTRAINT pk_tbl_log PRIMARY KEY (log_id), 
	INDEX ix_tbl_log_created_at (created_at), 
	INDEX ix_tbl_log_entity_type_entity_id (entity_type, entity_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE nmc.tbl_p_codes_sequence_aio (
	p_codes_sequence_aio_id INTEGER NOT NULL AUTO_INCREMENT, 
	prefix VARCHAR(16) NOT NULL, 
	next_value INTEGER NOT NULL DEFAULT '1', 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_p_codes_sequence_aio PRIMARY KEY (p_codes_sequence_aio_id), 
	CONSTRAINT uq_tbl_p_codes_sequence_aio_prefix UNIQUE (prefix)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE nmc.tbl_report (
	report_id INTEGER NOT NULL AUTO_INCREMENT, 
	code VARCHAR(64) NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	description TEXT, 
	owner VARCHAR(80), 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_report PRIMARY KEY (report_id), 
	CONSTRAINT uq_tbl_report_code UNIQUE (code)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE nmc.tbl_report_query (
	report_query_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(120) NOT NULL, 
	query_text TEXT NOT NULL, 
	description VARCHAR(255), 
	timeout_s INTEGER NOT NULL DEFAULT '30', 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_report_query PRIMARY KEY (report_query_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_paymentserviceprovider (
	paymentserviceprovider_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(80) NOT NULL, 
	paymentserviceprovidertype_id INTEGER NOT NULL, 
	api_base_url VARCHAR(255), 
	country_iso2 VARCHAR(2), 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_paymentserviceprovider PRIMARY KEY (paymentserviceprovider_id), 
	CONSTRAINT uq_tbl_paymentserviceprovider_name UNIQUE (name), 
	CONSTRAINT fk_tbl_paymentserviceprovider_paymentserviceprovidertype_id FOREIGN KEY(paymentserviceprovidertype_id) REFERENCES dbcards.tbl_paymentserviceprovidertype (paymentserviceprovidertype_id), 
	INDEX ix_tbl_paymentserviceprovider_paymentserviceprovidertype_id (paymentserviceprovidertype_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_campaign (
	campaign_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(120) NOT NULL, 
	description VARCHAR(255), 
	campaign_status_id INTEGER NOT NULL, 
	campaign_channel_id INTEGER NOT NULL, 
	campaign_layout_id INTEGER, 
	coupon_id INTEGER, 
	budget DECIMAL(10, 2), 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	starts_at DATETIME NOT NULL, 
	ends_at DATETIME, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_campaign PRIMARY KEY (campaign_id), 
	CONSTRAINT fk_tbl_campaign_campaign_status_id FOREIGN KEY(campaign_status_id) REFERENCES dbitems.tbl_campaign_status (campaign_status_id), 
	CONSTRAINT fk_tbl_campaign_campaign_channel_id FOREIGN KEY(campaign_channel_id) REFERENCES dbitems.tbl_campaign_channel (campaign_channel_id), 
	CONSTRAINT fk_tbl_campaign_campaign_layout_id FOREIGN KEY(campaign_layout_id) REFERENCES dbitems.tbl_campaign_layout (campaign_layout_id), 
	CONSTRAINT fk_tbl_campaign_coupon_id FOREIGN KEY(coupon_id) REFERENCES dbitems.tbl_coupon (coupon_id), 
	INDEX ix_tbl_campaign_campaign_channel_id (campaign_channel_id), 
	INDEX ix_tbl_campaign_campaign_layout_id (campaign_layout_id), 
	INDEX ix_tbl_campaign_campaign_status_id (campaign_status_id), 
	INDEX ix_tbl_campaign_coupon_id (coupon_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_categorydescription (
	categorydescription_id INTEGER NOT NULL AUTO_INCREMENT, 
	category_id INTEGER NOT NULL, 
	language_code VARCHAR(5) NOT NULL, 
	name VARCHAR(80) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_categorydescription PRIMARY KEY (categorydescription_id), 
	CONSTRAINT uq_tbl_categorydescription_category_id_language_code UNIQUE (category_id, language_code), 
	CONSTRAINT fk_tbl_categorydescription_category_id FOREIGN KEY(category_id) REFERENCES dbitems.tbl_category (category_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_condition (
	condition_id INTEGER NOT NULL AUTO_INCREMENT, 
	conditiontype_id INTEGER NOT NULL, 
	name VARCHAR(80) NOT NULL, 
	description VARCHAR(255), 
	CONSTRAINT pk_tbl_condition PRIMARY KEY (condition_id), 
	CONSTRAINT fk_tbl_condition_conditiontype_id FOREIGN KEY(conditiontype_id) REFERENCES dbitems.tbl_conditiontype (conditiontype_id), 
	INDEX ix_tbl_condition_conditiontype_id (conditiontype_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_package (
	package_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(120) NOT NULL, 
	service_type_id INTEGER NOT NULL, 
	price DECIMAL(10, 2) NOT NULL, 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	duration_days INTEGER, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_package PRIMARY KEY (package_id), 
	CONSTRAINT fk_tbl_package_service_type_id FOREIGN KEY(service_type_id) REFERENCES dbitems.tbl_service_type (service_type_id), 
	INDEX ix_tbl_package_service_type_id (service_type_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_product (
	product_id INTEGER NOT NULL AUTO_INCREMENT, 
	sku VARCHAR(32) NOT NULL, 
	name VARCHAR(160) NOT NULL, 
	description TEXT, 
	brand VARCHAR(80) NOT NULL, 
	category_id INTEGER NOT NULL, 
	price DECIMAL(10, 2) NOT NULL, 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	weight_kg DECIMAL(7, 3), 
	warranty_months SMALLINT NOT NULL DEFAULT '12', 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_product PRIMARY KEY (product_id), 
	CONSTRAINT uq_tbl_product_sku UNIQUE (sku), 
	CONSTRAINT fk_tbl_product_category_id FOREIGN KEY(category_id) REFERENCES dbitems.tbl_category (category_id), 
	INDEX ix_tbl_product_category_id (category_id), 
	INDEX ix_tbl_product_name (name)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

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

CREATE TABLE dbuser.tbl_company (
	company_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(160) NOT NULL, 
	legal_name VARCHAR(200), 
	tax_id VARCHAR(32), 
	company_type_id INTEGER NOT NULL, 
	country_id INTEGER, 
	website VARCHAR(255), 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_company PRIMARY KEY (company_id), 
	CONSTRAINT fk_tbl_company_company_type_id FOREIGN KEY(company_type_id) REFERENCES dbuser.tbl_company_type (company_type_id), 
	CONSTRAINT fk_tbl_company_country_id FOREIGN KEY(country_id) REFERENCES dbuser.tbl_country (country_id), 
	INDEX ix_tbl_company_company_type_id (company_type_id), 
	INDEX ix_tbl_company_country_id (country_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_help_ticket_reason (
	help_ticket_reason_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	description VARCHAR(255), 
	help_ticket_type_id INTEGER, 
	CONSTRAINT pk_tbl_help_ticket_reason PRIMARY KEY (help_ticket_reason_id), 
	CONSTRAINT uq_tbl_help_ticket_reason_name UNIQUE (name), 
	CONSTRAINT fk_tbl_help_ticket_reason_help_ticket_type_id FOREIGN KEY(help_ticket_type_id) REFERENCES dbuser.tbl_help_ticket_type (help_ticket_type_id), 
	INDEX ix_tbl_help_ticket_reason_help_ticket_type_id (help_ticket_type_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_language_platform (
	language_platform_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_id INTEGER NOT NULL, 
	platform_id INTEGER NOT NULL, 
	is_default BOOL NOT NULL DEFAULT 0, 
	CONSTRAINT pk_tbl_language_platform PRIMARY KEY (language_platform_id), 
	CONSTRAINT uq_tbl_language_platform_language_id_platform_id UNIQUE (language_id, platform_id), 
	CONSTRAINT fk_tbl_language_platform_language_id FOREIGN KEY(language_id) REFERENCES dbuser.tbl_language (language_id), 
	CONSTRAINT fk_tbl_language_platform_platform_id FOREIGN KEY(platform_id) REFERENCES dbuser.tbl_platform (platform_id), 
	INDEX ix_tbl_language_platform_language_id (language_id), 
	INDEX ix_tbl_language_platform_platform_id (platform_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_languagelabel (
	languagelabel_id INTEGER NOT NULL AUTO_INCREMENT, 
	language_id INTEGER NOT NULL, 
	label_key VARCHAR(120) NOT NULL, 
	label_text TEXT NOT NULL, 
	platform_id INTEGER, 
	CONSTRAINT pk_tbl_languagelabel PRIMARY KEY (languagelabel_id), 
	CONSTRAINT uq_tbl_languagelabel_language_id_label_key UNIQUE (language_id, label_key), 
	CONSTRAINT fk_tbl_languagelabel_language_id FOREIGN KEY(language_id) REFERENCES dbuser.tbl_language (language_id), 
	CONSTRAINT fk_tbl_languagelabel_platform_id FOREIGN KEY(platform_id) REFERENCES dbuser.tbl_platform (platform_id), 
	INDEX ix_tbl_languagelabel_platform_id (platform_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_state (
	state_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	code VARCHAR(10), 
	country_id INTEGER NOT NULL, 
	CONSTRAINT pk_tbl_state PRIMARY KEY (state_id), 
	CONSTRAINT fk_tbl_state_country_id FOREIGN KEY(country_id) REFERENCES dbuser.tbl_country (country_id), 
	INDEX ix_tbl_state_country_id (country_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_user (
	user_id INTEGER NOT NULL AUTO_INCREMENT, 
	first_name VARCHAR(80) NOT NULL, 
	last_name VARCHAR(80) NOT NULL, 
	user_type_id INTEGER NOT NULL, 
	user_status_id INTEGER NOT NULL, 
	language_code VARCHAR(5) NOT NULL DEFAULT 'en', 
	date_of_birth DATE, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	last_login_at DATETIME, 
	CONSTRAINT pk_tbl_user PRIMARY KEY (user_id), 
	CONSTRAINT fk_tbl_user_user_type_id FOREIGN KEY(user_type_id) REFERENCES dbuser.tbl_user_type (user_type_id), 
	CONSTRAINT fk_tbl_user_user_status_id FOREIGN KEY(user_status_id) REFERENCES dbuser.tbl_user_status (user_status_id), 
	INDEX ix_tbl_user_user_status_id (user_status_id), 
	INDEX ix_tbl_user_user_type_id (user_type_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE nmc.tbl_report_field (
	report_field_id INTEGER NOT NULL AUTO_INCREMENT, 
	report_id INTEGER NOT NULL, 
	field_name VARCHAR(64) NOT NULL, 
	label VARCHAR(120) NOT NULL, 
	data_type VARCHAR(16) NOT NULL, 
	format VARCHAR(32), 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	is_visible BOOL NOT NULL DEFAULT 1, 
	is_filterable BOOL NOT NULL DEFAULT 0, 
	CONSTRAINT pk_tbl_report_field PRIMARY KEY (report_field_id), 
	CONSTRAINT fk_tbl_report_field_report_id FOREIGN KEY(report_id) REFERENCES nmc.tbl_report (report_id), 
	INDEX ix_tbl_report_field_report_id (report_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

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

CREATE TABLE dbcards.tbl_cardpaypal (
	cardpaypal_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	paypal_email VARCHAR(254) NOT NULL, 
	payer_id VARCHAR(32) NOT NULL, 
	billing_agreement_id VARCHAR(64), 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_cardpaypal PRIMARY KEY (cardpaypal_id), 
	CONSTRAINT fk_tbl_cardpaypal_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_cardpaypal_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_cardtypeaccepted (
	cardtypeaccepted_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	cardstype_id INTEGER NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_cardtypeaccepted PRIMARY KEY (cardtypeaccepted_id), 
	CONSTRAINT uq_tbl_cardtypeaccepted_user_id_cardstype_id UNIQUE (user_id, cardstype_id), 
	CONSTRAINT fk_tbl_cardtypeaccepted_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_cardtypeaccepted_cardstype_id FOREIGN KEY(cardstype_id) REFERENCES dbcards.tbl_cardstype (cardstype_id), 
	INDEX ix_tbl_cardtypeaccepted_cardstype_id (cardstype_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_driverlicense (
	driverlicense_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	license_number VARCHAR(32) NOT NULL, 
	issuing_state VARCHAR(64), 
	issuing_country VARCHAR(2) NOT NULL, 
	expires_on DATE, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_driverlicense PRIMARY KEY (driverlicense_id), 
	CONSTRAINT fk_tbl_driverlicense_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_driverlicense_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_paymentserviceaccount (
	paymentserviceaccount_id INTEGER NOT NULL AUTO_INCREMENT, 
	paymentserviceprovider_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	accounttype_id INTEGER, 
	external_account_ref VARCHAR(64) NOT NULL, 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_paymentserviceaccount PRIMARY KEY (paymentserviceaccount_id), 
	CONSTRAINT fk_tbl_paymentserviceaccount_paymentserviceprovider_id FOREIGN KEY(paymentserviceprovider_id) REFERENCES dbcards.tbl_paymentserviceprovider (paymentserviceprovider_id), 
	CONSTRAINT fk_tbl_paymentserviceaccount_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_paymentserviceaccount_accounttype_id FOREIGN KEY(accounttype_id) REFERENCES dbcards.tbl_accounttype (accounttype_id), 
	INDEX ix_tbl_paymentserviceaccount_accounttype_id (accounttype_id), 
	INDEX ix_tbl_paymentserviceaccount_paymentserviceprovider_id (paymentserviceprovider_id), 
	INDEX ix_tbl_paymentserviceaccount_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_paymentserviceprovider_unsupported (
	paymentserviceprovider_unsupported_id INTEGER NOT NULL AUTO_INCREMENT, 
	paymentserviceprovider_id INTEGER NOT NULL, 
	paymenttype_id INTEGER, 
	cardstype_id INTEGER, 
	country_iso2 VARCHAR(2), 
	reason VARCHAR(255), 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_paymentserviceprovider_unsupported PRIMARY KEY (paymentserviceprovider_unsupported_id), 
	CONSTRAINT fk_tbl_paymentserviceprovider_unsupported_paymentservice_0daa FOREIGN KEY(paymentserviceprovider_id) REFERENCES dbcards.tbl_paymentserviceprovider (paymentserviceprovider_id), 
	CONSTRAINT fk_tbl_paymentserviceprovider_unsupported_paymenttype_id FOREIGN KEY(paymenttype_id) REFERENCES dbcards.tbl_paymenttype (paymenttype_id), 
	CONSTRAINT fk_tbl_paymentserviceprovider_unsupported_cardstype_id FOREIGN KEY(cardstype_id) REFERENCES dbcards.tbl_cardstype (cardstype_id), 
	INDEX ix_tbl_paymentserviceprovider_unsupported_cardstype_id (cardstype_id), 
	INDEX ix_tbl_paymentserviceprovider_unsupported_paymentservice_9c94 (paymentserviceprovider_id), 
	INDEX ix_tbl_paymentserviceprovider_unsupported_paymenttype_id (paymenttype_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

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

CREATE TABLE dbcommission.tbl_commission_agent_file (
	commission_agent_file_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	file_name VARCHAR(255) NOT NULL, 
	period VARCHAR(7) NOT NULL, 
	status VARCHAR(16) NOT NULL DEFAULT 'received', 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_commission_agent_file PRIMARY KEY (commission_agent_file_id), 
	CONSTRAINT fk_tbl_commission_agent_file_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_commission_agent_file_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_advertising (
	advertising_id INTEGER NOT NULL AUTO_INCREMENT, 
	campaign_id INTEGER, 
	product_id INTEGER, 
	advertising_banner_type_id INTEGER NOT NULL, 
	title VARCHAR(160) NOT NULL, 
	body VARCHAR(500), 
	language_code VARCHAR(5) NOT NULL DEFAULT 'en', 
	target_url VARCHAR(500), 
	starts_at DATETIME NOT NULL, 
	ends_at DATETIME, 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_advertising PRIMARY KEY (advertising_id), 
	CONSTRAINT fk_tbl_advertising_campaign_id FOREIGN KEY(campaign_id) REFERENCES dbitems.tbl_campaign (campaign_id), 
	CONSTRAINT fk_tbl_advertising_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	CONSTRAINT fk_tbl_advertising_advertising_banner_type_id FOREIGN KEY(advertising_banner_type_id) REFERENCES dbitems.tbl_advertising_banner_type (advertising_banner_type_id), 
	INDEX ix_tbl_advertising_advertising_banner_type_id (advertising_banner_type_id), 
	INDEX ix_tbl_advertising_campaign_id (campaign_id), 
	INDEX ix_tbl_advertising_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_catalogproduct (
	catalogproduct_id INTEGER NOT NULL AUTO_INCREMENT, 
	catalog_id INTEGER NOT NULL, 
	product_id INTEGER NOT NULL, 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	CONSTRAINT pk_tbl_catalogproduct PRIMARY KEY (catalogproduct_id), 
	CONSTRAINT uq_tbl_catalogproduct_catalog_id_product_id UNIQUE (catalog_id, product_id), 
	CONSTRAINT fk_tbl_catalogproduct_catalog_id FOREIGN KEY(catalog_id) REFERENCES dbitems.tbl_catalog (catalog_id), 
	CONSTRAINT fk_tbl_catalogproduct_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	INDEX ix_tbl_catalogproduct_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_discount (
	discount_id INTEGER NOT NULL AUTO_INCREMENT, 
	discounttype_id INTEGER NOT NULL, 
	product_id INTEGER, 
	category_id INTEGER, 
	percent DECIMAL(5, 2), 
	amount DECIMAL(10, 2), 
	valid_from DATETIME NOT NULL, 
	valid_until DATETIME NOT NULL, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_discount PRIMARY KEY (discount_id), 
	CONSTRAINT fk_tbl_discount_discounttype_id FOREIGN KEY(discounttype_id) REFERENCES dbitems.tbl_discounttype (discounttype_id), 
	CONSTRAINT fk_tbl_discount_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	CONSTRAINT fk_tbl_discount_category_id FOREIGN KEY(category_id) REFERENCES dbitems.tbl_category (category_id), 
	INDEX ix_tbl_discount_category_id (category_id), 
	INDEX ix_tbl_discount_discounttype_id (discounttype_id), 
	INDEX ix_tbl_discount_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

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

CREATE TABLE dbuser.tbl_city (
	city_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	state_id INTEGER NOT NULL, 
	timezone_id INTEGER, 
	CONSTRAINT pk_tbl_city PRIMARY KEY (city_id), 
	CONSTRAINT fk_tbl_city_state_id FOREIGN KEY(state_id) REFERENCES dbuser.tbl_state (state_id), 
	CONSTRAINT fk_tbl_city_timezone_id FOREIGN KEY(timezone_id) REFERENCES dbuser.tbl_timezone (timezone_id), 
	INDEX ix_tbl_city_state_id (state_id), 
	INDEX ix_tbl_city_timezone_id (timezone_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_consumer (
	consumer_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	loyalty_points INTEGER NOT NULL DEFAULT '0', 
	preferred_contact VARCHAR(16) NOT NULL DEFAULT 'email', 
	marketing_opt_in BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_consumer PRIMARY KEY (consumer_id), 
	CONSTRAINT uq_tbl_consumer_user_id UNIQUE (user_id), 
	CONSTRAINT fk_tbl_consumer_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_department (
	department_id INTEGER NOT NULL AUTO_INCREMENT, 
	company_id INTEGER NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	manager_user_id INTEGER, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_department PRIMARY KEY (department_id), 
	CONSTRAINT fk_tbl_department_company_id FOREIGN KEY(company_id) REFERENCES dbuser.tbl_company (company_id), 
	CONSTRAINT fk_tbl_department_manager_user_id FOREIGN KEY(manager_user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_department_company_id (company_id), 
	INDEX ix_tbl_department_manager_user_id (manager_user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_device (
	device_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	devicetype_id INTEGER NOT NULL, 
	device_os_id INTEGER NOT NULL, 
	devicestatus_id INTEGER NOT NULL, 
	device_identifier VARCHAR(128) NOT NULL, 
	app_version VARCHAR(32), 
	last_seen_at DATETIME, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_device PRIMARY KEY (device_id), 
	CONSTRAINT fk_tbl_device_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_device_devicetype_id FOREIGN KEY(devicetype_id) REFERENCES dbuser.tbl_devicetype (devicetype_id), 
	CONSTRAINT fk_tbl_device_device_os_id FOREIGN KEY(device_os_id) REFERENCES dbuser.tbl_device_os (device_os_id), 
	CONSTRAINT fk_tbl_device_devicestatus_id FOREIGN KEY(devicestatus_id) REFERENCES dbuser.tbl_devicestatus (devicestatus_id), 
	CONSTRAINT uq_tbl_device_device_identifier UNIQUE (device_identifier), 
	INDEX ix_tbl_device_device_os_id (device_os_id), 
	INDEX ix_tbl_device_devicestatus_id (devicestatus_id), 
	INDEX ix_tbl_device_devicetype_id (devicetype_id), 
	INDEX ix_tbl_device_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_email (
	email_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	email VARCHAR(254) NOT NULL, 
	is_primary BOOL NOT NULL DEFAULT 0, 
	is_verified BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_email PRIMARY KEY (email_id), 
	CONSTRAINT fk_tbl_email_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT uq_tbl_email_email UNIQUE (email), 
	INDEX ix_tbl_email_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_phone (
	phone_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	phone_number VARCHAR(32) NOT NULL COMMENT 'E.164, e.g. +12125550101', 
	phone_type VARCHAR(16) NOT NULL DEFAULT 'mobile', 
	is_primary BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_phone PRIMARY KEY (phone_id), 
	CONSTRAINT fk_tbl_phone_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_phone_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_rating_user (
	rating_user_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	rated_by_user_id INTEGER, 
	score SMALLINT NOT NULL COMMENT '1..5', 
	comment VARCHAR(500), 
	context VARCHAR(32) NOT NULL DEFAULT 'order', 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_rating_user PRIMARY KEY (rating_user_id), 
	CONSTRAINT fk_tbl_rating_user_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_rating_user_rated_by_user_id FOREIGN KEY(rated_by_user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_rating_user_rated_by_user_id (rated_by_user_id), 
	INDEX ix_tbl_rating_user_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_reseller (
	reseller_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	company_id INTEGER, 
	reseller_code VARCHAR(32) NOT NULL, 
	region VARCHAR(80), 
	commission_rate DECIMAL(5, 4) NOT NULL DEFAULT '0', 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_reseller PRIMARY KEY (reseller_id), 
	CONSTRAINT fk_tbl_reseller_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_reseller_company_id FOREIGN KEY(company_id) REFERENCES dbuser.tbl_company (company_id), 
	CONSTRAINT uq_tbl_reseller_reseller_code UNIQUE (reseller_code), 
	INDEX ix_tbl_reseller_company_id (company_id), 
	INDEX ix_tbl_reseller_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE nmc.tbl_access (
	access_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	client_type_id INTEGER, 
	event VARCHAR(16) NOT NULL COMMENT 'login | logout | register | failed_login', 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_access PRIMARY KEY (access_id), 
	CONSTRAINT fk_tbl_access_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_access_client_type_id FOREIGN KEY(client_type_id) REFERENCES nmc.tbl_client_type (client_type_id), 
	INDEX ix_tbl_access_client_type_id (client_type_id), 
	INDEX ix_tbl_access_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

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

CREATE TABLE dbcards.tbl_cardtypeaccepted_account (
	cardtypeaccepted_account_id INTEGER NOT NULL AUTO_INCREMENT, 
	paymentserviceaccount_id INTEGER NOT NULL, 
	cardstype_id INTEGER NOT NULL, 
	paymentnaturetype_id INTEGER, 
	min_amount DECIMAL(10, 2), 
	max_amount DECIMAL(10, 2), 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_cardtypeaccepted_account PRIMARY KEY (cardtypeaccepted_account_id), 
	CONSTRAINT fk_tbl_cardtypeaccepted_account_paymentserviceaccount_id FOREIGN KEY(paymentserviceaccount_id) REFERENCES dbcards.tbl_paymentserviceaccount (paymentserviceaccount_id), 
	CONSTRAINT fk_tbl_cardtypeaccepted_account_cardstype_id FOREIGN KEY(cardstype_id) REFERENCES dbcards.tbl_cardstype (cardstype_id), 
	CONSTRAINT fk_tbl_cardtypeaccepted_account_paymentnaturetype_id FOREIGN KEY(paymentnaturetype_id) REFERENCES dbcards.tbl_paymentnaturetype (paymentnaturetype_id), 
	INDEX ix_tbl_cardtypeaccepted_account_cardstype_id (cardstype_id), 
	INDEX ix_tbl_cardtypeaccepted_account_paymentnaturetype_id (paymentnaturetype_id), 
	INDEX ix_tbl_cardtypeaccepted_account_paymentserviceaccount_id (paymentserviceaccount_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

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

CREATE TABLE dbcommission.tbl_commission_rates (
	commission_rates_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(80) NOT NULL, 
	category_id INTEGER, 
	reseller_id INTEGER, 
	rate_percent DECIMAL(5, 2) NOT NULL, 
	fixed_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	min_sales_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	valid_from DATETIME NOT NULL, 
	valid_until DATETIME, 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_commission_rates PRIMARY KEY (commission_rates_id), 
	CONSTRAINT fk_tbl_commission_rates_category_id FOREIGN KEY(category_id) REFERENCES dbitems.tbl_category (category_id), 
	CONSTRAINT fk_tbl_commission_rates_reseller_id FOREIGN KEY(reseller_id) REFERENCES dbuser.tbl_reseller (reseller_id), 
	INDEX ix_tbl_commission_rates_category_id (category_id), 
	INDEX ix_tbl_commission_rates_reseller_id (reseller_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_advertising_favorite (
	advertising_favorite_id INTEGER NOT NULL AUTO_INCREMENT, 
	advertising_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_advertising_favorite PRIMARY KEY (advertising_favorite_id), 
	CONSTRAINT uq_tbl_advertising_favorite_advertising_id_user_id UNIQUE (advertising_id, user_id), 
	CONSTRAINT fk_tbl_advertising_favorite_advertising_id FOREIGN KEY(advertising_id) REFERENCES dbitems.tbl_advertising (advertising_id), 
	CONSTRAINT fk_tbl_advertising_favorite_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_advertising_favorite_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_advertising_watched (
	advertising_watched_id INTEGER NOT NULL AUTO_INCREMENT, 
	advertising_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	watched_at DATETIME NOT NULL, 
	seconds_watched INTEGER, 
	CONSTRAINT pk_tbl_advertising_watched PRIMARY KEY (advertising_watched_id), 
	CONSTRAINT fk_tbl_advertising_watched_advertising_id FOREIGN KEY(advertising_id) REFERENCES dbitems.tbl_advertising (advertising_id), 
	CONSTRAINT fk_tbl_advertising_watched_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_advertising_watched_advertising_id (advertising_id), 
	INDEX ix_tbl_advertising_watched_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_advertisingimage (
	advertisingimage_id INTEGER NOT NULL AUTO_INCREMENT, 
	advertising_id INTEGER NOT NULL, 
	url VARCHAR(500) NOT NULL, 
	width SMALLINT, 
	height SMALLINT, 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	CONSTRAINT pk_tbl_advertisingimage PRIMARY KEY (advertisingimage_id), 
	CONSTRAINT fk_tbl_advertisingimage_advertising_id FOREIGN KEY(advertising_id) REFERENCES dbitems.tbl_advertising (advertising_id), 
	INDEX ix_tbl_advertisingimage_advertising_id (advertising_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_advertisingrecommended (
	advertisingrecommended_id INTEGER NOT NULL AUTO_INCREMENT, 
	advertising_id INTEGER NOT NULL, 
	product_id INTEGER NOT NULL, 
	score DECIMAL(5, 4), 
	CONSTRAINT pk_tbl_advertisingrecommended PRIMARY KEY (advertisingrecommended_id), 
	CONSTRAINT uq_tbl_advertisingrecommended_advertising_id_product_id UNIQUE (advertising_id, product_id), 
	CONSTRAINT fk_tbl_advertisingrecommended_advertising_id FOREIGN KEY(advertising_id) REFERENCES dbitems.tbl_advertising (advertising_id), 
	CONSTRAINT fk_tbl_advertisingrecommended_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	INDEX ix_tbl_advertisingrecommended_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_advertisingreport (
	advertisingreport_id INTEGER NOT NULL AUTO_INCREMENT, 
	advertising_id INTEGER NOT NULL, 
	report_date DATETIME NOT NULL, 
	impressions INTEGER NOT NULL DEFAULT '0', 
	clicks INTEGER NOT NULL DEFAULT '0', 
	conversions INTEGER NOT NULL DEFAULT '0', 
	spend DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	CONSTRAINT pk_tbl_advertisingreport PRIMARY KEY (advertisingreport_id), 
	CONSTRAINT fk_tbl_advertisingreport_advertising_id FOREIGN KEY(advertising_id) REFERENCES dbitems.tbl_advertising (advertising_id), 
	INDEX ix_tbl_advertisingreport_advertising_id (advertising_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_address (
	address_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	street VARCHAR(160) NOT NULL, 
	street2 VARCHAR(160), 
	city_id INTEGER NOT NULL, 
	postal_code VARCHAR(16) NOT NULL, 
	address_type VARCHAR(16) NOT NULL DEFAULT 'shipping', 
	is_default BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_address PRIMARY KEY (address_id), 
	CONSTRAINT fk_tbl_address_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_address_city_id FOREIGN KEY(city_id) REFERENCES dbuser.tbl_city (city_id), 
	INDEX ix_tbl_address_city_id (city_id), 
	INDEX ix_tbl_address_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_deviceblock (
	deviceblock_id INTEGER NOT NULL AUTO_INCREMENT, 
	device_id INTEGER NOT NULL, 
	reason VARCHAR(255) NOT NULL, 
	blocked_until DATETIME, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_deviceblock PRIMARY KEY (deviceblock_id), 
	CONSTRAINT fk_tbl_deviceblock_device_id FOREIGN KEY(device_id) REFERENCES dbuser.tbl_device (device_id), 
	INDEX ix_tbl_deviceblock_device_id (device_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_full_time_employees (
	full_time_employees_id INTEGER NOT NULL AUTO_INCREMENT, 
	company_id INTEGER NOT NULL, 
	department_id INTEGER, 
	year SMALLINT NOT NULL, 
	employee_count INTEGER NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_full_time_employees PRIMARY KEY (full_time_employees_id), 
	CONSTRAINT fk_tbl_full_time_employees_company_id FOREIGN KEY(company_id) REFERENCES dbuser.tbl_company (company_id), 
	CONSTRAINT fk_tbl_full_time_employees_department_id FOREIGN KEY(department_id) REFERENCES dbuser.tbl_department (department_id), 
	INDEX ix_tbl_full_time_employees_company_id (company_id), 
	INDEX ix_tbl_full_time_employees_department_id (department_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_location (
	location_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(120) NOT NULL, 
	location_type VARCHAR(16) NOT NULL COMMENT 'store | warehouse', 
	street VARCHAR(160) NOT NULL, 
	city_id INTEGER NOT NULL, 
	postal_code VARCHAR(16) NOT NULL, 
	phone_number VARCHAR(32), 
	latitude DECIMAL(9, 6), 
	longitude DECIMAL(9, 6), 
	opening_hours VARCHAR(120), 
	is_active BOOL NOT NULL DEFAULT 1, 
	CONSTRAINT pk_tbl_location PRIMARY KEY (location_id), 
	CONSTRAINT fk_tbl_location_city_id FOREIGN KEY(city_id) REFERENCES dbuser.tbl_city (city_id), 
	INDEX ix_tbl_location_city_id (city_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_mall_address (
	mall_address_id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(160) NOT NULL, 
	street VARCHAR(160) NOT NULL, 
	city_id INTEGER NOT NULL, 
	postal_code VARCHAR(16), 
	floor VARCHAR(16), 
	unit VARCHAR(16), 
	opening_hours VARCHAR(120), 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_mall_address PRIMARY KEY (mall_address_id), 
	CONSTRAINT fk_tbl_mall_address_city_id FOREIGN KEY(city_id) REFERENCES dbuser.tbl_city (city_id), 
	INDEX ix_tbl_mall_address_city_id (city_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_card (
	card_id INTEGER NOT NULL AUTO_INCREMENT, 
	token VARCHAR(64) NOT NULL, 
	card_number VARCHAR(19) NOT NULL, 
	cvv VARCHAR(4) NOT NULL, 
	expiry_month SMALLINT NOT NULL, 
	expiry_year SMALLINT NOT NULL, 
	last4 VARCHAR(4) NOT NULL, 
	cardholder_name VARCHAR(120) NOT NULL, 
	cardstype_id INTEGER NOT NULL, 
	cardstatus_id INTEGER NOT NULL, 
	accounttype_id INTEGER, 
	bankaccounttype_id INTEGER, 
	debitaccounttype_id INTEGER, 
	billing_address_id INTEGER, 
	issuer_country VARCHAR(2), 
	is_credit BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_card PRIMARY KEY (card_id), 
	CONSTRAINT uq_tbl_card_token UNIQUE (token), 
	CONSTRAINT fk_tbl_card_cardstype_id FOREIGN KEY(cardstype_id) REFERENCES dbcards.tbl_cardstype (cardstype_id), 
	CONSTRAINT fk_tbl_card_cardstatus_id FOREIGN KEY(cardstatus_id) REFERENCES dbcards.tbl_cardstatus (cardstatus_id), 
	CONSTRAINT fk_tbl_card_accounttype_id FOREIGN KEY(accounttype_id) REFERENCES dbcards.tbl_accounttype (accounttype_id), 
	CONSTRAINT fk_tbl_card_bankaccounttype_id FOREIGN KEY(bankaccounttype_id) REFERENCES dbcards.tbl_bankaccounttype (bankaccounttype_id), 
	CONSTRAINT fk_tbl_card_debitaccounttype_id FOREIGN KEY(debitaccounttype_id) REFERENCES dbcards.tbl_debitaccounttype (debitaccounttype_id), 
	CONSTRAINT fk_tbl_card_billing_address_id FOREIGN KEY(billing_address_id) REFERENCES dbuser.tbl_address (address_id), 
	INDEX ix_tbl_card_accounttype_id (accounttype_id), 
	INDEX ix_tbl_card_bankaccounttype_id (bankaccounttype_id), 
	INDEX ix_tbl_card_billing_address_id (billing_address_id), 
	INDEX ix_tbl_card_cardstatus_id (cardstatus_id), 
	INDEX ix_tbl_card_cardstype_id (cardstype_id), 
	INDEX ix_tbl_card_debitaccounttype_id (debitaccounttype_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_asset (
	asset_id INTEGER NOT NULL AUTO_INCREMENT, 
	product_id INTEGER, 
	location_id INTEGER, 
	barcodetype_id INTEGER, 
	condition_id INTEGER, 
	barcode VARCHAR(64), 
	serial_number VARCHAR(64), 
	status VARCHAR(16) NOT NULL DEFAULT 'in_stock', 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_asset PRIMARY KEY (asset_id), 
	CONSTRAINT fk_tbl_asset_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	CONSTRAINT fk_tbl_asset_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	CONSTRAINT fk_tbl_asset_barcodetype_id FOREIGN KEY(barcodetype_id) REFERENCES dbitems.tbl_barcodetype (barcodetype_id), 
	CONSTRAINT fk_tbl_asset_condition_id FOREIGN KEY(condition_id) REFERENCES dbitems.tbl_condition (condition_id), 
	INDEX ix_tbl_asset_barcodetype_id (barcodetype_id), 
	INDEX ix_tbl_asset_condition_id (condition_id), 
	INDEX ix_tbl_asset_location_id (location_id), 
	INDEX ix_tbl_asset_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_inventory (
	inventory_id INTEGER NOT NULL AUTO_INCREMENT, 
	product_id INTEGER NOT NULL, 
	location_id INTEGER NOT NULL, 
	quantity INTEGER NOT NULL DEFAULT '0', 
	inventory_status_id INTEGER, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_inventory PRIMARY KEY (inventory_id), 
	CONSTRAINT uq_tbl_inventory_product_id_location_id UNIQUE (product_id, location_id), 
	CONSTRAINT fk_tbl_inventory_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	CONSTRAINT fk_tbl_inventory_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	CONSTRAINT fk_tbl_inventory_inventory_status_id FOREIGN KEY(inventory_status_id) REFERENCES dbitems.tbl_inventory_status (inventory_status_id), 
	INDEX ix_tbl_inventory_location_id (location_id), 
	INDEX ix_tbl_inventory_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_location_inventory (
	location_inventory_id INTEGER NOT NULL AUTO_INCREMENT, 
	location_id INTEGER NOT NULL, 
	inventory_status_id INTEGER, 
	counted_at DATETIME NOT NULL, 
	total_units INTEGER NOT NULL, 
	note VARCHAR(255), 
	CONSTRAINT pk_tbl_location_inventory PRIMARY KEY (location_inventory_id), 
	CONSTRAINT fk_tbl_location_inventory_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	CONSTRAINT fk_tbl_location_inventory_inventory_status_id FOREIGN KEY(inventory_status_id) REFERENCES dbitems.tbl_inventory_status (inventory_status_id), 
	INDEX ix_tbl_location_inventory_inventory_status_id (inventory_status_id), 
	INDEX ix_tbl_location_inventory_location_id (location_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_favorite_location (
	favorite_location_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	location_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_favorite_location PRIMARY KEY (favorite_location_id), 
	CONSTRAINT uq_tbl_favorite_location_user_id_location_id UNIQUE (user_id, location_id), 
	CONSTRAINT fk_tbl_favorite_location_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_favorite_location_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	INDEX ix_tbl_favorite_location_location_id (location_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_hardware_cart (
	hardware_cart_id INTEGER NOT NULL AUTO_INCREMENT, 
	location_id INTEGER NOT NULL, 
	hardware_type_id INTEGER NOT NULL, 
	quantity INTEGER NOT NULL, 
	carrier VARCHAR(40), 
	tracking_number VARCHAR(40), 
	shipped_at DATETIME, 
	delivered_at DATETIME, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_hardware_cart PRIMARY KEY (hardware_cart_id), 
	CONSTRAINT fk_tbl_hardware_cart_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	CONSTRAINT fk_tbl_hardware_cart_hardware_type_id FOREIGN KEY(hardware_type_id) REFERENCES dbuser.tbl_hardware_type (hardware_type_id), 
	INDEX ix_tbl_hardware_cart_hardware_type_id (hardware_type_id), 
	INDEX ix_tbl_hardware_cart_location_id (location_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_location_hardware (
	location_hardware_id INTEGER NOT NULL AUTO_INCREMENT, 
	location_id INTEGER NOT NULL, 
	hardware_type_id INTEGER NOT NULL, 
	serial_number VARCHAR(64) NOT NULL, 
	installed_at DATETIME, 
	status VARCHAR(16) NOT NULL DEFAULT 'active', 
	CONSTRAINT pk_tbl_location_hardware PRIMARY KEY (location_hardware_id), 
	CONSTRAINT fk_tbl_location_hardware_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	CONSTRAINT fk_tbl_location_hardware_hardware_type_id FOREIGN KEY(hardware_type_id) REFERENCES dbuser.tbl_hardware_type (hardware_type_id), 
	CONSTRAINT uq_tbl_location_hardware_serial_number UNIQUE (serial_number), 
	INDEX ix_tbl_location_hardware_hardware_type_id (hardware_type_id), 
	INDEX ix_tbl_location_hardware_location_id (location_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_merchant (
	merchant_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	company_id INTEGER, 
	business_name VARCHAR(160) NOT NULL, 
	merchant_category_code VARCHAR(4), 
	tax_id VARCHAR(32), 
	contact_email VARCHAR(254), 
	contact_phone VARCHAR(32), 
	address_id INTEGER, 
	settlement_currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	commission_rate DECIMAL(5, 4) NOT NULL DEFAULT '0', 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_merchant PRIMARY KEY (merchant_id), 
	CONSTRAINT fk_tbl_merchant_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_merchant_company_id FOREIGN KEY(company_id) REFERENCES dbuser.tbl_company (company_id), 
	CONSTRAINT fk_tbl_merchant_address_id FOREIGN KEY(address_id) REFERENCES dbuser.tbl_address (address_id), 
	INDEX ix_tbl_merchant_address_id (address_id), 
	INDEX ix_tbl_merchant_company_id (company_id), 
	INDEX ix_tbl_merchant_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_card_log (
	card_log_id INTEGER NOT NULL AUTO_INCREMENT, 
	card_id INTEGER NOT NULL, 
	user_id INTEGER, 
	action VARCHAR(32) NOT NULL, 
	old_status VARCHAR(32), 
	new_status VARCHAR(32), 
	ip_address VARCHAR(45), 
	detail VARCHAR(255), 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_card_log PRIMARY KEY (card_log_id), 
	CONSTRAINT fk_tbl_card_log_card_id FOREIGN KEY(card_id) REFERENCES dbcards.tbl_card (card_id), 
	CONSTRAINT fk_tbl_card_log_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_card_log_card_id (card_id), 
	INDEX ix_tbl_card_log_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcards.tbl_carduser (
	carduser_id INTEGER NOT NULL AUTO_INCREMENT, 
	card_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	nickname VARCHAR(40), 
	is_default BOOL NOT NULL DEFAULT 0, 
	is_active BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_carduser PRIMARY KEY (carduser_id), 
	CONSTRAINT uq_tbl_carduser_card_id_user_id UNIQUE (card_id, user_id), 
	CONSTRAINT fk_tbl_carduser_card_id FOREIGN KEY(card_id) REFERENCES dbcards.tbl_card (card_id), 
	CONSTRAINT fk_tbl_carduser_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_carduser_card_id (card_id), 
	INDEX ix_tbl_carduser_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_asset_image (
	asset_image_id INTEGER NOT NULL AUTO_INCREMENT, 
	asset_id INTEGER NOT NULL, 
	url VARCHAR(500) NOT NULL, 
	content_type VARCHAR(64), 
	width SMALLINT, 
	height SMALLINT, 
	sort_order INTEGER NOT NULL DEFAULT '0', 
	is_primary BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_asset_image PRIMARY KEY (asset_image_id), 
	CONSTRAINT fk_tbl_asset_image_asset_id FOREIGN KEY(asset_id) REFERENCES dbitems.tbl_asset (asset_id), 
	INDEX ix_tbl_asset_image_asset_id (asset_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_clippedmembership (
	clippedmembership_id INTEGER NOT NULL AUTO_INCREMENT, 
	membership_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL COMMENT 'active | expired | cancelled', 
	started_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	cancelled_at DATETIME, 
	auto_renew BOOL NOT NULL DEFAULT 1, 
	card_id INTEGER, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_clippedmembership PRIMARY KEY (clippedmembership_id), 
	CONSTRAINT fk_tbl_clippedmembership_membership_id FOREIGN KEY(membership_id) REFERENCES dbitems.tbl_membership (membership_id), 
	CONSTRAINT fk_tbl_clippedmembership_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_clippedmembership_card_id FOREIGN KEY(card_id) REFERENCES dbcards.tbl_card (card_id), 
	INDEX ix_tbl_clippedmembership_membership_id (membership_id), 
	INDEX ix_tbl_clippedmembership_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_order (
	order_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	orderstatus_id INTEGER NOT NULL, 
	ordertype_id INTEGER, 
	order_date DATETIME NOT NULL, 
	subtotal_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	shipping_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	tax_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	discount_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	total_amount DECIMAL(10, 2) NOT NULL, 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	shipping_address_id INTEGER, 
	carrier VARCHAR(40), 
	tracking_number VARCHAR(40), 
	shipped_at DATETIME, 
	estimated_delivery DATETIME, 
	delivered_at DATETIME, 
	card_id INTEGER, 
	coupon_id INTEGER, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_order PRIMARY KEY (order_id), 
	CONSTRAINT fk_tbl_order_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_order_orderstatus_id FOREIGN KEY(orderstatus_id) REFERENCES dbitems.tbl_orderstatus (orderstatus_id), 
	CONSTRAINT fk_tbl_order_ordertype_id FOREIGN KEY(ordertype_id) REFERENCES dbitems.tbl_ordertype (ordertype_id), 
	CONSTRAINT fk_tbl_order_shipping_address_id FOREIGN KEY(shipping_address_id) REFERENCES dbuser.tbl_address (address_id), 
	CONSTRAINT uq_tbl_order_tracking_number UNIQUE (tracking_number), 
	CONSTRAINT fk_tbl_order_card_id FOREIGN KEY(card_id) REFERENCES dbcards.tbl_card (card_id), 
	CONSTRAINT fk_tbl_order_coupon_id FOREIGN KEY(coupon_id) REFERENCES dbitems.tbl_coupon (coupon_id), 
	INDEX ix_tbl_order_orderstatus_id (orderstatus_id), 
	INDEX ix_tbl_order_user_id_order_date (user_id, order_date)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_subscription (
	subscription_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	package_id INTEGER NOT NULL, 
	card_id INTEGER, 
	status VARCHAR(16) NOT NULL, 
	started_at DATETIME NOT NULL, 
	renews_at DATETIME, 
	cancelled_at DATETIME, 
	CONSTRAINT pk_tbl_subscription PRIMARY KEY (subscription_id), 
	CONSTRAINT fk_tbl_subscription_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_subscription_package_id FOREIGN KEY(package_id) REFERENCES dbitems.tbl_package (package_id), 
	CONSTRAINT fk_tbl_subscription_card_id FOREIGN KEY(card_id) REFERENCES dbcards.tbl_card (card_id), 
	INDEX ix_tbl_subscription_package_id (package_id), 
	INDEX ix_tbl_subscription_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_merchant_payfactory (
	merchant_payfactory_id INTEGER NOT NULL AUTO_INCREMENT, 
	merchant_id INTEGER NOT NULL, 
	payfactory_merchant_ref VARCHAR(64) NOT NULL, 
	terminal_id VARCHAR(32), 
	processor VARCHAR(64), 
	status VARCHAR(16) NOT NULL DEFAULT 'pending', 
	approved_at DATETIME, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_merchant_payfactory PRIMARY KEY (merchant_payfactory_id), 
	CONSTRAINT fk_tbl_merchant_payfactory_merchant_id FOREIGN KEY(merchant_id) REFERENCES dbuser.tbl_merchant (merchant_id), 
	INDEX ix_tbl_merchant_payfactory_merchant_id (merchant_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbcommission.tbl_commission_detail (
	commission_detail_id INTEGER NOT NULL AUTO_INCREMENT, 
	commission_id INTEGER NOT NULL, 
	order_id INTEGER, 
	commission_rates_id INTEGER, 
	amount DECIMAL(10, 2) NOT NULL, 
	CONSTRAINT pk_tbl_commission_detail PRIMARY KEY (commission_detail_id), 
	CONSTRAINT fk_tbl_commission_detail_commission_id FOREIGN KEY(commission_id) REFERENCES dbcommission.tbl_commission (commission_id), 
	CONSTRAINT fk_tbl_commission_detail_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_commission_detail_commission_rates_id FOREIGN KEY(commission_rates_id) REFERENCES dbcommission.tbl_commission_rates (commission_rates_id), 
	INDEX ix_tbl_commission_detail_commission_id (commission_id), 
	INDEX ix_tbl_commission_detail_commission_rates_id (commission_rates_id), 
	INDEX ix_tbl_commission_detail_order_id (order_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

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

CREATE TABLE dbitems.tbl_orderdetail (
	orderdetail_id INTEGER NOT NULL AUTO_INCREMENT, 
	order_id INTEGER NOT NULL, 
	product_id INTEGER NOT NULL, 
	quantity INTEGER NOT NULL, 
	unit_price DECIMAL(10, 2) NOT NULL, 
	discount_amount DECIMAL(10, 2) NOT NULL DEFAULT '0', 
	line_total DECIMAL(10, 2) NOT NULL, 
	CONSTRAINT pk_tbl_orderdetail PRIMARY KEY (orderdetail_id), 
	CONSTRAINT fk_tbl_orderdetail_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_orderdetail_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	INDEX ix_tbl_orderdetail_order_id (order_id), 
	INDEX ix_tbl_orderdetail_product_id (product_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_orderhistory (
	orderhistory_id INTEGER NOT NULL AUTO_INCREMENT, 
	order_id INTEGER NOT NULL, 
	orderstatus_id INTEGER NOT NULL, 
	changed_at DATETIME NOT NULL, 
	location_text VARCHAR(160), 
	note VARCHAR(255), 
	CONSTRAINT pk_tbl_orderhistory PRIMARY KEY (orderhistory_id), 
	CONSTRAINT fk_tbl_orderhistory_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_orderhistory_orderstatus_id FOREIGN KEY(orderstatus_id) REFERENCES dbitems.tbl_orderstatus (orderstatus_id), 
	INDEX ix_tbl_orderhistory_order_id_changed_at (order_id, changed_at), 
	INDEX ix_tbl_orderhistory_orderstatus_id (orderstatus_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_orderpayment (
	orderpayment_id INTEGER NOT NULL AUTO_INCREMENT, 
	order_id INTEGER NOT NULL, 
	card_id INTEGER, 
	amount DECIMAL(10, 2) NOT NULL, 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	payment_method VARCHAR(16) NOT NULL COMMENT 'card | paypal | cash_on_delivery', 
	status VARCHAR(16) NOT NULL COMMENT 'authorized | captured | refunded | voided', 
	authorization_code VARCHAR(16), 
	paid_at DATETIME, 
	CONSTRAINT pk_tbl_orderpayment PRIMARY KEY (orderpayment_id), 
	CONSTRAINT fk_tbl_orderpayment_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_orderpayment_card_id FOREIGN KEY(card_id) REFERENCES dbcards.tbl_card (card_id), 
	INDEX ix_tbl_orderpayment_order_id (order_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_services_task (
	services_task_id INTEGER NOT NULL AUTO_INCREMENT, 
	service_type_id INTEGER NOT NULL, 
	order_id INTEGER, 
	user_id INTEGER, 
	location_id INTEGER, 
	status VARCHAR(16) NOT NULL, 
	scheduled_at DATETIME, 
	completed_at DATETIME, 
	note VARCHAR(255), 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_services_task PRIMARY KEY (services_task_id), 
	CONSTRAINT fk_tbl_services_task_service_type_id FOREIGN KEY(service_type_id) REFERENCES dbitems.tbl_service_type (service_type_id), 
	CONSTRAINT fk_tbl_services_task_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_services_task_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_services_task_location_id FOREIGN KEY(location_id) REFERENCES dbuser.tbl_location (location_id), 
	INDEX ix_tbl_services_task_order_id (order_id), 
	INDEX ix_tbl_services_task_service_type_id (service_type_id), 
	INDEX ix_tbl_services_task_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_shoppingcart (
	shoppingcart_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL DEFAULT 'open', 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	order_id INTEGER, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_shoppingcart PRIMARY KEY (shoppingcart_id), 
	CONSTRAINT fk_tbl_shoppingcart_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_shoppingcart_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	INDEX ix_tbl_shoppingcart_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_help_ticket (
	help_ticket_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	order_id INTEGER, 
	help_ticket_type_id INTEGER NOT NULL, 
	help_ticket_status_id INTEGER NOT NULL, 
	help_ticket_reason_id INTEGER NOT NULL, 
	subject VARCHAR(200) NOT NULL, 
	description TEXT NOT NULL, 
	priority VARCHAR(10) NOT NULL DEFAULT 'normal', 
	channel VARCHAR(16) NOT NULL DEFAULT 'web', 
	language_code VARCHAR(5) NOT NULL DEFAULT 'en', 
	resolution TEXT, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	closed_at DATETIME, 
	CONSTRAINT pk_tbl_help_ticket PRIMARY KEY (help_ticket_id), 
	CONSTRAINT fk_tbl_help_ticket_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_help_ticket_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_help_ticket_help_ticket_type_id FOREIGN KEY(help_ticket_type_id) REFERENCES dbuser.tbl_help_ticket_type (help_ticket_type_id), 
	CONSTRAINT fk_tbl_help_ticket_help_ticket_status_id FOREIGN KEY(help_ticket_status_id) REFERENCES dbuser.tbl_help_ticket_status (help_ticket_status_id), 
	CONSTRAINT fk_tbl_help_ticket_help_ticket_reason_id FOREIGN KEY(help_ticket_reason_id) REFERENCES dbuser.tbl_help_ticket_reason (help_ticket_reason_id), 
	INDEX ix_tbl_help_ticket_help_ticket_reason_id (help_ticket_reason_id), 
	INDEX ix_tbl_help_ticket_help_ticket_status_id (help_ticket_status_id), 
	INDEX ix_tbl_help_ticket_help_ticket_type_id (help_ticket_type_id), 
	INDEX ix_tbl_help_ticket_order_id (order_id), 
	INDEX ix_tbl_help_ticket_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE nmc.tbl_transactionkey (
	transactionkey_id INTEGER NOT NULL AUTO_INCREMENT, 
	transaction_key VARCHAR(64) NOT NULL, 
	order_id INTEGER, 
	status VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_transactionkey PRIMARY KEY (transactionkey_id), 
	CONSTRAINT uq_tbl_transactionkey_transaction_key UNIQUE (transaction_key), 
	CONSTRAINT fk_tbl_transactionkey_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	INDEX ix_tbl_transactionkey_order_id (order_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_orderreturn (
	orderreturn_id INTEGER NOT NULL AUTO_INCREMENT, 
	order_id INTEGER NOT NULL, 
	orderdetail_id INTEGER, 
	status VARCHAR(16) NOT NULL COMMENT 'requested | approved | received | refunded | rejected', 
	reason VARCHAR(255) NOT NULL, 
	requested_at DATETIME NOT NULL, 
	resolved_at DATETIME, 
	refund_amount DECIMAL(10, 2), 
	currency VARCHAR(3) NOT NULL DEFAULT 'USD', 
	CONSTRAINT pk_tbl_orderreturn PRIMARY KEY (orderreturn_id), 
	CONSTRAINT fk_tbl_orderreturn_order_id FOREIGN KEY(order_id) REFERENCES dbitems.tbl_order (order_id), 
	CONSTRAINT fk_tbl_orderreturn_orderdetail_id FOREIGN KEY(orderdetail_id) REFERENCES dbitems.tbl_orderdetail (orderdetail_id), 
	INDEX ix_tbl_orderreturn_order_id (order_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_package_results (
	package_results_id INTEGER NOT NULL AUTO_INCREMENT, 
	package_id INTEGER NOT NULL, 
	services_task_id INTEGER, 
	result_code VARCHAR(16) NOT NULL, 
	result_text VARCHAR(500), 
	recorded_at DATETIME NOT NULL, 
	CONSTRAINT pk_tbl_package_results PRIMARY KEY (package_results_id), 
	CONSTRAINT fk_tbl_package_results_package_id FOREIGN KEY(package_id) REFERENCES dbitems.tbl_package (package_id), 
	CONSTRAINT fk_tbl_package_results_services_task_id FOREIGN KEY(services_task_id) REFERENCES dbitems.tbl_services_task (services_task_id), 
	INDEX ix_tbl_package_results_package_id (package_id), 
	INDEX ix_tbl_package_results_services_task_id (services_task_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbitems.tbl_shoppingcartdetail (
	shoppingcartdetail_id INTEGER NOT NULL AUTO_INCREMENT, 
	shoppingcart_id INTEGER NOT NULL, 
	product_id INTEGER NOT NULL, 
	quantity INTEGER NOT NULL, 
	unit_price DECIMAL(10, 2) NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_shoppingcartdetail PRIMARY KEY (shoppingcartdetail_id), 
	CONSTRAINT fk_tbl_shoppingcartdetail_shoppingcart_id FOREIGN KEY(shoppingcart_id) REFERENCES dbitems.tbl_shoppingcart (shoppingcart_id), 
	CONSTRAINT fk_tbl_shoppingcartdetail_product_id FOREIGN KEY(product_id) REFERENCES dbitems.tbl_product (product_id), 
	INDEX ix_tbl_shoppingcartdetail_product_id (product_id), 
	INDEX ix_tbl_shoppingcartdetail_shoppingcart_id (shoppingcart_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_crm_note (
	crm_note_id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	help_ticket_id INTEGER, 
	author VARCHAR(80) NOT NULL, 
	note_type VARCHAR(32) NOT NULL DEFAULT 'general', 
	subject VARCHAR(200), 
	body TEXT NOT NULL, 
	follow_up_at DATETIME, 
	is_private BOOL NOT NULL DEFAULT 1, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at DATETIME, 
	CONSTRAINT pk_tbl_crm_note PRIMARY KEY (crm_note_id), 
	CONSTRAINT fk_tbl_crm_note_user_id FOREIGN KEY(user_id) REFERENCES dbuser.tbl_user (user_id), 
	CONSTRAINT fk_tbl_crm_note_help_ticket_id FOREIGN KEY(help_ticket_id) REFERENCES dbuser.tbl_help_ticket (help_ticket_id), 
	INDEX ix_tbl_crm_note_help_ticket_id (help_ticket_id), 
	INDEX ix_tbl_crm_note_user_id (user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_help_ticket_abuse (
	help_ticket_abuse_id INTEGER NOT NULL AUTO_INCREMENT, 
	help_ticket_id INTEGER NOT NULL, 
	reported_by_user_id INTEGER, 
	abuse_type VARCHAR(32) NOT NULL, 
	note VARCHAR(255), 
	is_confirmed BOOL NOT NULL DEFAULT 0, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_help_ticket_abuse PRIMARY KEY (help_ticket_abuse_id), 
	CONSTRAINT fk_tbl_help_ticket_abuse_help_ticket_id FOREIGN KEY(help_ticket_id) REFERENCES dbuser.tbl_help_ticket (help_ticket_id), 
	CONSTRAINT fk_tbl_help_ticket_abuse_reported_by_user_id FOREIGN KEY(reported_by_user_id) REFERENCES dbuser.tbl_user (user_id), 
	INDEX ix_tbl_help_ticket_abuse_help_ticket_id (help_ticket_id), 
	INDEX ix_tbl_help_ticket_abuse_reported_by_user_id (reported_by_user_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE dbuser.tbl_help_ticket_image (
	help_ticket_image_id INTEGER NOT NULL AUTO_INCREMENT, 
	help_ticket_id INTEGER NOT NULL, 
	file_name VARCHAR(255) NOT NULL, 
	content_type VARCHAR(64) NOT NULL, 
	size_bytes INTEGER NOT NULL, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_help_ticket_image PRIMARY KEY (help_ticket_image_id), 
	CONSTRAINT fk_tbl_help_ticket_image_help_ticket_id FOREIGN KEY(help_ticket_id) REFERENCES dbuser.tbl_help_ticket (help_ticket_id), 
	INDEX ix_tbl_help_ticket_image_help_ticket_id (help_ticket_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE nmc.tbl_t_error_control_aio (
	t_error_control_aio_id INTEGER NOT NULL AUTO_INCREMENT, 
	error_code VARCHAR(32) NOT NULL, 
	source VARCHAR(64) NOT NULL, 
	message TEXT NOT NULL, 
	transactionkey_id INTEGER, 
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	CONSTRAINT pk_tbl_t_error_control_aio PRIMARY KEY (t_error_control_aio_id), 
	CONSTRAINT fk_tbl_t_error_control_aio_transactionkey_id FOREIGN KEY(transactionkey_id) REFERENCES nmc.tbl_transactionkey (transactionkey_id), 
	INDEX ix_tbl_t_error_control_aio_transactionkey_id (transactionkey_id)
)ENGINE=InnoDB CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE OR REPLACE VIEW dbitems.vw_order_summary AS
SELECT o.order_id, o.user_id, o.order_date, s.name AS status, o.total_amount, o.currency,
       o.carrier, o.tracking_number, o.shipped_at, o.estimated_delivery, o.delivered_at,
       (SELECT COUNT(*) FROM dbitems.tbl_orderdetail d WHERE d.order_id = o.order_id) AS line_count,
       (SELECT COALESCE(SUM(d.quantity), 0) FROM dbitems.tbl_orderdetail d WHERE d.order_id = o.order_id) AS item_count
FROM dbitems.tbl_order o
JOIN dbitems.tbl_orderstatus s ON s.orderstatus_id = o.orderstatus_id;

CREATE OR REPLACE VIEW dbitems.vw_active_product AS
SELECT p.product_id, p.sku, p.name, p.brand, p.category_id, c.name AS category_name, p.price, p.currency,
       (SELECT COALESCE(SUM(i.quantity), 0) FROM dbitems.tbl_inventory i WHERE i.product_id = p.product_id) AS total_stock
FROM dbitems.tbl_product p
JOIN dbitems.tbl_category c ON c.category_id = p.category_id
WHERE p.is_active = 1;

CREATE OR REPLACE VIEW dbitems.vw_categorytree AS
WITH RECURSIVE tree (category_id, parent_category_id, name, depth, path) AS (
    SELECT c.category_id, c.parent_category_id, c.name, 0, CAST(c.name AS CHAR(500))
    FROM dbitems.tbl_category c WHERE c.parent_category_id IS NULL
    UNION ALL
    SELECT c.category_id, c.parent_category_id, c.name, t.depth + 1, CONCAT(t.path, ' > ', c.name)
    FROM dbitems.tbl_category c JOIN tree t ON c.parent_category_id = t.category_id
)
SELECT category_id, parent_category_id, name, depth, path FROM tree;
