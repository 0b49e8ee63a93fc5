#!/usr/bin/env bash
# First start of the compose `mysql` service (docker-entrypoint-initdb.d, after the schema DDL): the account the
# API connects with. sql/grants_readonly.sql is rendered from the schema metadata with a placeholder password;
# it is mounted outside the init folder so that it only ever runs with the real one.
set -euo pipefail
: "${MYSQL_RO_PASSWORD:?set MYSQL_RO_PASSWORD in .env}"
grants=/apitap-sql/grants_readonly.sql
[[ "$MYSQL_RO_PASSWORD" =~ ^[A-Za-z0-9._~-]+$ ]] || {
  echo "MYSQL_RO_PASSWORD may use only letters, digits and . _ ~ -" >&2
  exit 1
}
sed "s/'change-me'/'$MYSQL_RO_PASSWORD'/g" "$grants" | MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql --protocol=socket -uroot
echo "read-only user apitap_ro created"
