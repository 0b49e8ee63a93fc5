"""scripts/start-runpod.sh outside Docker: each step is a function whose commands and paths come from the
environment, so the steps run here against the local MariaDB and a fake Ollama HTTP server."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pymysql
import pytest

from tests.deploy.conftest import REPO

SCRIPT = REPO / "scripts" / "start-runpod.sh"
COMPOSE_INIT_SCRIPT = REPO / "deploy" / "mysql" / "20-readonly-user.sh"
GRANTS_SQL = REPO / "sql" / "grants_readonly.sql"
LOCAL_MARIADB_ARGS = "--protocol=tcp -h 127.0.0.1 -P 3306 -uroot"
# A port nothing listens on: readiness polling must give up there.
CLOSED_PORT_URL = "http://127.0.0.1:9"


class FakeOllamaServer:
    """Answers the two Ollama endpoints the start-up script uses: GET /api/tags and POST /api/pull."""

    def __init__(self, models: list[str]):
        self.models = list(models)
        self.pulls: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path != "/api/tags":
                    self.send_error(404)
                    return
                # Ollama's own compact JSON, which the script matches on.
                body = json.dumps({"models": [{"name": m, "model": m} for m in fake.models]}, separators=(",", ":"))
                self._reply(body)

            def do_POST(self):
                if self.path != "/api/pull":
                    self.send_error(404)
                    return
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.pulls.append(request)
                fake.models.append(request["model"])
                self._reply('{"status":"success"}')

            def _reply(self, body: str):
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOllamaServer:
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


def run_step(step: str, *args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Source the script (which defines the steps and runs nothing) and call one step."""
    return subprocess.run(
        ["bash", "-c", f'source "{SCRIPT}" && "$@"', "start-runpod", step, *args],
        env={**os.environ, **env}, capture_output=True, text=True, timeout=timeout,
    )


def recorder(path: Path, log: Path, name: str) -> str:
    """A stand-in command that appends its name and arguments to `log`."""
    path.write_text(f'#!/usr/bin/env bash\necho "{name} $*" >> "{log}"\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


@pytest.fixture
def workspace_env(tmp_path: Path) -> dict[str, str]:
    return {"WORKSPACE": str(tmp_path / "workspace"), "WAIT_TIMEOUT_S": "3", "WAIT_INTERVAL_S": "0.2",
            "APP_USER": "no-such-user-apitap-test"}


def test_sourcing_runs_nothing(tmp_path):
    result = subprocess.run(["bash", "-c", f'source "{SCRIPT}"'], env={**os.environ, "WORKSPACE": str(tmp_path / "w")},
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "w").exists()


@pytest.mark.parametrize("secret", ["MYSQL_ROOT_PASSWORD", "MYSQL_RO_PASSWORD", "API_KEYS"])
def test_main_refuses_to_start_without_a_required_secret(tmp_path, secret):
    secrets = {"MYSQL_ROOT_PASSWORD": "root-pw", "MYSQL_RO_PASSWORD": "ro-pw", "API_KEYS": "key-one"}
    env = {k: v for k, v in os.environ.items() if k not in secrets}
    env |= {k: v for k, v in secrets.items() if k != secret} | {"WORKSPACE": str(tmp_path / "w")}
    result = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert f"set {secret} in the RunPod template" in result.stderr
    assert not (tmp_path / "w").exists()


@pytest.mark.parametrize("password", ["it's", "p@ss/word", "back\\slash", ""])
def test_unsafe_passwords_are_refused(workspace_env, password):
    result = run_step("require_safe_secret", "MYSQL_RO_PASSWORD", password, env=workspace_env)
    assert result.returncode != 0
    assert "MYSQL_RO_PASSWORD" in result.stderr


def test_setup_workspace_initialises_the_database_directory_only_once(tmp_path, workspace_env):
    log = tmp_path / "calls.log"
    install_db = recorder(tmp_path / "install-db", log, "install-db")
    mysql_dir = Path(workspace_env["WORKSPACE"]) / "mysql-data"
    env = {**workspace_env, "MYSQL_INSTALL_DB_CMD": install_db}
    assert run_step("setup_workspace", env=env).returncode == 0
    (mysql_dir / "mysql").mkdir()  # what the real mariadb-install-db leaves behind
    assert run_step("setup_workspace", env=env).returncode == 0
    assert log.read_text().splitlines() == ["install-db "]
    for folder in ("ollama-models", "mysql-data", ".cache/apitap/models", "apitap-data"):
        assert (Path(workspace_env["WORKSPACE"]) / folder).is_dir(), folder


@pytest.mark.mariadb
def test_wait_for_mysql_sees_the_local_server(workspace_env):
    result = run_step("wait_for_mysql", env={**workspace_env, "MYSQL_ADMIN_ARGS": LOCAL_MARIADB_ARGS})
    assert result.returncode == 0, result.stderr
    assert "MariaDB is ready" in result.stderr


def test_wait_for_mysql_gives_up_when_nothing_listens(workspace_env):
    env = {**workspace_env, "MYSQL_ADMIN_ARGS": "--protocol=tcp -h 127.0.0.1 -P 9 -uroot --connect-timeout=1"}
    result = run_step("wait_for_mysql", env=env)
    assert result.returncode != 0
    assert "MariaDB not ready after 3s" in result.stderr


def test_wait_for_ollama_polls_the_tags_endpoint(workspace_env):
    with FakeOllamaServer(models=[]) as ollama:
        result = run_step("wait_for_ollama", env={**workspace_env, "OLLAMA_HOST": ollama.url})
    assert result.returncode == 0, result.stderr
    assert f"Ollama at {ollama.url} is ready" in result.stderr


def test_wait_for_ollama_gives_up_when_nothing_listens(workspace_env):
    result = run_step("wait_for_ollama", env={**workspace_env, "OLLAMA_HOST": CLOSED_PORT_URL})
    assert result.returncode != 0
    assert "not ready after 3s" in result.stderr


@pytest.mark.parametrize(
    ("configured", "listed", "expected_pull"),
    [
        ("llama3.1:8b", ["llama3.1:8b"], None),
        ("llama3.1:8b", ["llama3.2:1b"], "llama3.1:8b"),
        ("llama3.2", ["llama3.2:latest"], None),
        ("llama3.2", [], "llama3.2:latest"),
    ],
)
def test_the_model_is_pulled_only_when_missing(workspace_env, configured, listed, expected_pull):
    with FakeOllamaServer(models=listed) as ollama:
        result = run_step("pull_model_if_missing", env={**workspace_env, "OLLAMA_HOST": ollama.url,
                                                        "OLLAMA_MODEL": configured})
    assert result.returncode == 0, result.stderr
    expected = [] if expected_pull is None else [{"model": expected_pull, "stream": False}]
    assert ollama.pulls == expected


def test_main_runs_the_steps_in_order_and_passes_docker_stop_on(tmp_path, workspace_env):
    """The whole start-up with stand-in supervisord/supervisorctl/install-db and a fake Ollama; the database step
    is already done (its marker exists) so no real database is touched. Then `docker stop` (SIGTERM to PID 1)."""
    log = tmp_path / "calls.log"
    supervisord = tmp_path / "supervisord"
    supervisord.write_text(
        "#!/usr/bin/env bash\n"
        f'echo "supervisord $*" >> "{log}"\n'
        f"trap 'echo \"supervisord stopped\" >> \"{log}\"; exit 0' TERM\n"
        "while true; do sleep 0.1; done\n"
    )
    supervisord.chmod(0o755)
    mysql_dir = Path(workspace_env["WORKSPACE"]) / "mysql-data"
    mysql_dir.mkdir(parents=True)
    (mysql_dir / ".apitap-initialised").touch()
    with FakeOllamaServer(models=[]) as ollama:
        env = {
            **os.environ, **workspace_env,
            "MYSQL_ROOT_PASSWORD": "root-pw", "MYSQL_RO_PASSWORD": "ro-pw", "API_KEYS": "key-one",
            "MYSQL_INSTALL_DB_CMD": recorder(tmp_path / "install-db", log, "install-db"),
            "SUPERVISORD_CMD": str(supervisord),
            "SUPERVISORCTL_CMD": recorder(tmp_path / "supervisorctl", log, "supervisorctl"),
            # MariaDB readiness: a stand-in ping that succeeds.
            "MYSQL_ADMIN_ARGS": "--version",
            "OLLAMA_HOST": ollama.url, "OLLAMA_MODEL": "llama3.2:1b",
        }
        # Its own process group, so that a failure below can stop the stand-in supervisord too.
        process = subprocess.Popen(["bash", str(SCRIPT)], env=env, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        try:
            deadline = time.monotonic() + 30
            while "supervisorctl" not in (log.read_text() if log.exists() else ""):
                assert process.poll() is None and time.monotonic() < deadline, "start-up did not reach the agent"
                time.sleep(0.1)
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=30)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    assert log.read_text().splitlines() == [
        "install-db ", "supervisord ", "supervisorctl start voice-agent", "supervisord stopped",
    ]
    assert process.returncode == 0, stderr
    assert ollama.pulls == [{"model": "llama3.2:1b", "stream": False}]
    assert "database already initialised" in stderr


def test_compose_init_script_applies_the_grants_with_the_real_password(tmp_path):
    """The mysql image runs deploy/mysql/20-readonly-user.sh; here a stand-in `mysql` captures the SQL it sends."""
    captured = tmp_path / "sql.txt"
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    mysql = fake_bin / "mysql"
    mysql.write_text(f'#!/usr/bin/env bash\ncat > "{captured}"\n')
    mysql.chmod(0o755)
    script = COMPOSE_INIT_SCRIPT.read_text().replace("/apitap-sql/grants_readonly.sql", str(GRANTS_SQL))
    env = {**os.environ, "PATH": f"{fake_bin}:{os.environ['PATH']}", "MYSQL_ROOT_PASSWORD": "root-pw",
           "MYSQL_RO_PASSWORD": "real-ro-pw"}
    result = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    sql = captured.read_text()
    assert "IDENTIFIED BY 'real-ro-pw'" in sql and "change-me" not in sql
    assert "GRANT SELECT ON dbitems.* TO 'apitap_ro'@'%'" in sql


@pytest.mark.mariadb
class TestFirstRunDatabaseInitialisation:
    """Against the local MariaDB (shared with other tests): a dedicated read-only user, `apitap db init` without
    --reset (idempotent), and no schema is dropped."""

    user = "apitap_ro_deploytest"
    password = "deploy-test-pw"

    @pytest.fixture(autouse=True)
    def drop_test_user(self):
        yield
        connection = pymysql.connect(host="127.0.0.1", port=3306, user="root", password="")
        with connection, connection.cursor() as cursor:
            for host in ("%", "localhost"):
                cursor.execute(f"DROP USER IF EXISTS '{self.user}'@'{host}'")

    def env(self, tmp_path: Path, apitap_cmd: str) -> dict[str, str]:
        return {
            "MYSQL_ADMIN_ARGS": LOCAL_MARIADB_ARGS,
            "APITAP_ADMIN_DATABASE_URL": "mysql+pymysql://root@127.0.0.1:3306/",
            "APITAP_CMD": apitap_cmd,
            "MYSQL_RO_USER": self.user,
            "MYSQL_RO_PASSWORD": self.password,
            "GRANTS_SQL": str(GRANTS_SQL),
            "FIRST_RUN_MARKER": str(tmp_path / "initialised"),
            "PYTHONPATH": str(REPO),
        }

    def connect_as(self, password: str):
        return pymysql.connect(host="127.0.0.1", port=3306, user=self.user, password=password)

    def test_creates_a_read_only_user_and_loads_the_demo_data_once(self, tmp_path):
        apitap = f"{sys.executable} -m api"
        result = run_step("first_run_db_init", env=self.env(tmp_path, apitap), timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        assert (tmp_path / "initialised").exists()

        with self.connect_as(self.password) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM dbitems.tbl_order")
            assert cursor.fetchone()[0] > 0
            with pytest.raises(pymysql.err.OperationalError) as refused:
                cursor.execute("INSERT INTO dbitems.tbl_orderstatus (name) VALUES ('deploy-test')")
            assert refused.value.args[0] == 1142  # ER_TABLEACCESS_DENIED_ERROR
        with pytest.raises(pymysql.err.OperationalError) as placeholder:
            self.connect_as("change-me")
        assert placeholder.value.args[0] == 1045  # access denied: the rendered placeholder was replaced

        # Second start: the marker says done, so neither the grants nor `apitap db init` run again.
        again = run_step("first_run_db_init", env=self.env(tmp_path, "false"))
        assert again.returncode == 0, again.stderr
        assert "database already initialised" in again.stderr
