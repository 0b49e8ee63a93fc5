#!/usr/bin/env bash
# Runs a command with a MariaDB server listening on 127.0.0.1:3306 (root, empty password).
# Uses the one already running; otherwise starts one in the background and stops it (by PID) afterwards.
set -uo pipefail
export MARIADB_TEST_URL="${MARIADB_TEST_URL:-mysql+pymysql://root@127.0.0.1:3306/}"
ping() { mariadb-admin --protocol=tcp -h 127.0.0.1 -P 3306 -uroot ping >/dev/null 2>&1; }
started_pid=""
if ! ping; then
  echo ">> no MariaDB on 127.0.0.1:3306; starting one"
  datadir=/var/lib/mysql
  if [ ! -d "$datadir/mysql" ]; then
    mariadb-install-db --user=mysql --datadir="$datadir" >/dev/null
  fi
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  mariadbd --user=mysql --datadir="$datadir" --bind-address=127.0.0.1 --port=3306 >/tmp/apitap-mariadb.log 2>&1 &
  started_pid=$!
  for _ in $(seq 1 60); do ping && break; sleep 1; done
  ping || { echo "MariaDB did not start; see /tmp/apitap-mariadb.log" >&2; exit 1; }
  # A fresh server may give root only socket auth; the tests connect over TCP with an empty password.
  mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket" 2>/dev/null || true
fi
"$@"
status=$?
if [ -n "$started_pid" ]; then kill "$started_pid" 2>/dev/null; wait "$started_pid" 2>/dev/null; fi
exit $status
