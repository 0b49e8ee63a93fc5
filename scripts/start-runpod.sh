#!/usr/bin/env bash
# Start-up of the RunPod single container (Dockerfile.runpod): Ollama, MariaDB and the API under supervisord, all
# state under /workspace so that a pod restart keeps models, database and caches.
#
#   1. create the /workspace folders; first run: initialise the MariaDB data directory
#   2. start supervisord (MariaDB and Ollama start at once, the voice agent waits)
#   3. wait for MariaDB; first run: create the read-only user and load the demo data (`apitap db init`)
#   4. wait for Ollama; pull OLLAMA_MODEL unless it is already in /workspace/ollama-models
#   5. start the voice agent through supervisorctl and stay in the foreground with supervisord
#
# Every step is a function and every command or path an environment variable, so the steps run (and are tested)
# outside the container too: `source scripts/start-runpod.sh` defines them without running anything.
set -euo pipefail

WORKSPACE="${WORKSPACE:-/workspace}"
OLLAMA_MODELS="${OLLAMA_MODELS:-$WORKSPACE/ollama-models}"
MYSQL_DATA_DIR="${MYSQL_DATA_DIR:-$WORKSPACE/mysql-data}"
CACHE_DIR="${CACHE_DIR:-$WORKSPACE/.cache}"
DATA_DIR="${DATA_DIR:-$WORKSPACE/apitap-data}"
MODEL_CACHE_DIR="${MODEL_CACHE_DIR:-$CACHE_DIR/apitap/models}"
APP_USER="${APP_USER:-apitap}"
FIRST_RUN_MARKER="${FIRST_RUN_MARKER:-$MYSQL_DATA_DIR/.apitap-initialised}"

# Admin access goes through the local socket as the OS root user (MariaDB's unix_socket auth); the API and
# `apitap db init` connect over TCP with passwords.
MYSQL_ADMIN_ARGS="${MYSQL_ADMIN_ARGS:---protocol=socket --socket=/run/mysqld/mysqld.sock -uroot}"
MYSQL_INSTALL_DB_CMD="${MYSQL_INSTALL_DB_CMD:-mariadb-install-db --user=mysql --datadir=$MYSQL_DATA_DIR --skip-test-db}"
MYSQL_TCP_HOST="${MYSQL_TCP_HOST:-127.0.0.1}"
MYSQL_TCP_PORT="${MYSQL_TCP_PORT:-3306}"
MYSQL_RO_USER="${MYSQL_RO_USER:-apitap_ro}"
# Rendered from the schema metadata (`apitap db ddl`) for user apitap_ro with the placeholder password change-me.
GRANTS_SQL="${GRANTS_SQL:-/app/sql/grants_readonly.sql}"

OLLAMA_HOST="${OLLAMA_HOST:-http://127.0.0.1:11434}"
OLLAMA_MODEL="${OLLAMA_MODEL:-llama3.1:8b}"

SUPERVISORD_CMD="${SUPERVISORD_CMD:-supervisord -c /etc/supervisor/supervisord.conf}"
SUPERVISORCTL_CMD="${SUPERVISORCTL_CMD:-supervisorctl -c /etc/supervisor/supervisord.conf}"
APITAP_CMD="${APITAP_CMD:-apitap}"
WAIT_TIMEOUT_S="${WAIT_TIMEOUT_S:-300}"
WAIT_INTERVAL_S="${WAIT_INTERVAL_S:-2}"

log() { printf '[start-runpod] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Passwords go into SQL literals and into the API's database URL; these characters need no quoting in either.
require_safe_secret() {
  local name="$1" value="$2"
  [[ -n "$value" ]] || die "$name is empty; set it in the RunPod template"
  [[ "$value" =~ ^[A-Za-z0-9._~-]+$ ]] || die "$name may use only letters, digits and . _ ~ -"
}

setup_workspace() {
  mkdir -p "$OLLAMA_MODELS" "$MYSQL_DATA_DIR" "$CACHE_DIR" "$MODEL_CACHE_DIR" "$DATA_DIR"
  if id "$APP_USER" >/dev/null 2>&1; then
    chown -R "$APP_USER" "$CACHE_DIR" "$DATA_DIR"
  fi
  if [[ ! -d "$MYSQL_DATA_DIR/mysql" ]]; then
    log "first run: initialising the database directory $MYSQL_DATA_DIR"
    $MYSQL_INSTALL_DB_CMD >/dev/null
  fi
}

start_supervisord() {
  $SUPERVISORD_CMD &
  SUPERVISORD_PID=$!
  # This script is the container's PID 1: pass `docker stop` on so MariaDB shuts down cleanly.
  trap 'kill -TERM "$SUPERVISORD_PID" 2>/dev/null' TERM INT
  log "supervisord started (pid $SUPERVISORD_PID)"
}

wait_for_supervisord() {
  local status=0
  wait "$SUPERVISORD_PID" || status=$?
  # A trapped stop signal ends the first wait early; wait again for supervisord's orderly shutdown.
  if kill -0 "$SUPERVISORD_PID" 2>/dev/null; then
    status=0
    wait "$SUPERVISORD_PID" || status=$?
  fi
  return "$status"
}

# wait_until DESCRIPTION COMMAND...: polls COMMAND every WAIT_INTERVAL_S until it succeeds or WAIT_TIMEOUT_S pass.
wait_until() {
  local description="$1"; shift
  local deadline=$((SECONDS + WAIT_TIMEOUT_S))
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS >= deadline )); then
      log "error: $description not ready after ${WAIT_TIMEOUT_S}s"
      return 1
    fi
    sleep "$WAIT_INTERVAL_S"
  done
  log "$description is ready"
}

mysql_admin() {
  # shellcheck disable=SC2086  # MYSQL_ADMIN_ARGS is a list of client options
  mariadb $MYSQL_ADMIN_ARGS "$@"
}

mysql_ping() {
  # shellcheck disable=SC2086
  mariadb-admin $MYSQL_ADMIN_ARGS ping
}

wait_for_mysql() { wait_until "MariaDB" mysql_ping; }

ollama_tags() { curl -fsS --max-time 5 "$OLLAMA_HOST/api/tags"; }

wait_for_ollama() { wait_until "Ollama at $OLLAMA_HOST" ollama_tags; }

# The admin URL `apitap db init` writes with: root over TCP once first_run_db_init has given root a password.
admin_database_url() {
  printf 'mysql+pymysql://root:%s@%s:%s/' "${MYSQL_ROOT_PASSWORD:-}" "$MYSQL_TCP_HOST" "$MYSQL_TCP_PORT"
}

readonly_database_url() {
  printf 'mysql+pymysql://%s:%s@%s:%s/' "$MYSQL_RO_USER" "$MYSQL_RO_PASSWORD" "$MYSQL_TCP_HOST" "$MYSQL_TCP_PORT"
}

# The read-only account the API uses: sql/grants_readonly.sql with the real user name and password.
create_readonly_user() {
  require_safe_secret MYSQL_RO_PASSWORD "${MYSQL_RO_PASSWORD:-}"
  [[ "$MYSQL_RO_USER" =~ ^[A-Za-z0-9_]+$ ]] || die "MYSQL_RO_USER may use only letters, digits and _"
  [[ -f "$GRANTS_SQL" ]] || die "missing $GRANTS_SQL"
  sed -e "s/'change-me'/'$MYSQL_RO_PASSWORD'/g" -e "s/'apitap_ro'@/'$MYSQL_RO_USER'@/g" "$GRANTS_SQL" | mysql_admin
  log "read-only user $MYSQL_RO_USER created"
}

# Root keeps socket access (for this script) and gains a password for TCP clients such as `apitap db init`.
set_root_password() {
  require_safe_secret MYSQL_ROOT_PASSWORD "${MYSQL_ROOT_PASSWORD:-}"
  mysql_admin -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$MYSQL_ROOT_PASSWORD'); CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '$MYSQL_ROOT_PASSWORD'; ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '$MYSQL_ROOT_PASSWORD'; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
}

load_demo_data() {
  DATABASE_URL="${APITAP_ADMIN_DATABASE_URL:-$(admin_database_url)}" $APITAP_CMD db init
}

first_run_db_init() {
  if [[ -f "$FIRST_RUN_MARKER" ]]; then
    log "database already initialised ($FIRST_RUN_MARKER)"
    return 0
  fi
  if [[ -z "${APITAP_ADMIN_DATABASE_URL:-}" ]]; then
    set_root_password
  fi
  create_readonly_user
  load_demo_data
  touch "$FIRST_RUN_MARKER"
  log "database initialised"
}

# Ollama lists an untagged model as NAME:latest.
ollama_model_ref() {
  if [[ "$OLLAMA_MODEL" == *:* ]]; then printf '%s' "$OLLAMA_MODEL"; else printf '%s:latest' "$OLLAMA_MODEL"; fi
}

pull_model_if_missing() {
  local model tags
  model="$(ollama_model_ref)"
  tags="$(ollama_tags)" || die "cannot list the models at $OLLAMA_HOST"
  if [[ "$tags" == *"\"name\":\"$model\""* ]]; then
    log "model $model already present"
    return 0
  fi
  log "pulling $model (first run; several GB for the larger models)"
  curl -fsS --max-time 7200 -X POST "$OLLAMA_HOST/api/pull" \
    -H 'Content-Type: application/json' \
    -d "{\"model\":\"$model\",\"stream\":false}" >/dev/null \
    || die "could not pull $model from $OLLAMA_HOST"
  log "model $model pulled"
}

start_voice_agent() {
  $SUPERVISORCTL_CMD start voice-agent
}

main() {
  : "${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD in the RunPod template}"
  : "${MYSQL_RO_PASSWORD:?set MYSQL_RO_PASSWORD in the RunPod template}"
  : "${API_KEYS:?set API_KEYS in the RunPod template (comma-separated; callers send X-API-Key)}"
  require_safe_secret MYSQL_ROOT_PASSWORD "$MYSQL_ROOT_PASSWORD"
  require_safe_secret MYSQL_RO_PASSWORD "$MYSQL_RO_PASSWORD"
  export OLLAMA_MODELS MYSQL_DATA_DIR MODEL_CACHE_DIR DATA_DIR HF_HOME="${HF_HOME:-$CACHE_DIR/huggingface}"
  DATABASE_URL="$(readonly_database_url)"
  export DATABASE_URL

  setup_workspace
  start_supervisord
  wait_for_mysql
  first_run_db_init
  wait_for_ollama
  pull_model_if_missing
  start_voice_agent
  wait_for_supervisord
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
