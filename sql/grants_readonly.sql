-- Generated from tools/db/schema by `apitap db ddl --out sql/`. Do not edit: change the metadata.
-- The service's account: SELECT on the five schemas only. Replace the password, or run
-- `apitap db grant-readonly --password …`, which issues these statements with the password you give.

CREATE USER IF NOT EXISTS 'apitap_ro'@'%' IDENTIFIED BY 'change-me';

ALTER USER 'apitap_ro'@'%' IDENTIFIED BY 'change-me';

GRANT SELECT ON dbcards.* TO 'apitap_ro'@'%';

GRANT SELECT ON dbcommission.* TO 'apitap_ro'@'%';

GRANT SELECT ON dbitems.* TO 'apitap_ro'@'%';

GRANT SELECT ON dbuser.* TO 'apitap_ro'@'%';

GRANT SELECT ON nmc.* TO 'apitap_ro'@'%';

CREATE USER IF NOT EXISTS 'apitap_ro'@'localhost' IDENTIFIED BY 'change-me';

ALTER USER 'apitap_ro'@'localhost' IDENTIFIED BY 'change-me';

GRANT SELECT ON dbcards.* TO 'apitap_ro'@'localhost';

GRANT SELECT ON dbcommission.* TO 'apitap_ro'@'localhost';

GRANT SELECT ON dbitems.* TO 'apitap_ro'@'localhost';

GRANT SELECT ON dbuser.* TO 'apitap_ro'@'localhost';

GRANT SELECT ON nmc.* TO 'apitap_ro'@'localhost';
