"""Two API replicas sharing one Postgres checkpointer hold one conversation: turns alternate between the two
processes, the second continues the first one's context, and the conversation survives restarting both.

Real parts throughout: two uvicorn processes with the embedded LLM, the local MariaDB with the demo data, and the
local PostgreSQL (trust auth) with a database of its own for this test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import psycopg
import pymysql
import pytest
from langgraph.checkpoint.postgres import PostgresSaver
from psycopg.conninfo import make_conninfo

from tests.deploy.conftest import REPO

pytestmark = [pytest.mark.models, pytest.mark.services, pytest.mark.mariadb]

MARIADB_URL = os.environ.get("MARIADB_TEST_URL", "mysql+pymysql://root@127.0.0.1:3306/")
POSTGRES_ADMIN_DSN = os.environ.get("POSTGRES_TEST_ADMIN_DSN", "postgresql://postgres@127.0.0.1:5432/test")
CHECKPOINT_DATABASE = "apitap_test_ckpt"
DEMO_CUSTOMER_ID = 1
# Loading the LLM and the voice engines on a shared 2-core machine; generous because it is a start, not a goal.
START_TIMEOUT_S = 600
TURN_TIMEOUT_S = 600


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ApiReplica:
    """One `uvicorn api.app:create_app --factory` process on a loopback port, with its own DATA_DIR."""

    def __init__(self, name: str, checkpoint_url: str, workdir: Path):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / f"{name}.log"
        self.env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "DATABASE_URL": MARIADB_URL,
            "CHECKPOINTER": "postgres",
            "CHECKPOINT_URL": checkpoint_url,
            "LLM_PROVIDER": "llamacpp",
            # Other test processes may share the two cores; a slow answer is fine here, a timed-out one is not.
            "LLM_TIMEOUT_S": str(TURN_TIMEOUT_S),
            "DATA_DIR": str(workdir / name),
            "API_HOST": "127.0.0.1",
            "API_KEYS": "",
            "LOG_JSON": "false",
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
                   "--host", "127.0.0.1", "--port", str(self.port)]
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(command, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"replica {self.name} exited:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1)
        raise AssertionError(f"replica {self.name} not healthy after {START_TIMEOUT_S}s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def ask(self, text: str, session_id: str) -> dict:
        body = {"text": text, "session_id": session_id, "customer_id": DEMO_CUSTOMER_ID, "language": "en",
                "speak": False}
        response = httpx.post(f"{self.url}/text-query", json=body, timeout=TURN_TIMEOUT_S)
        assert response.status_code == 200, f"{self.name}: {response.status_code} {response.text}"
        return response.json()

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def order_ids_used(turn: dict) -> set[int]:
    return {int(call["args"]["order_id"]) for call in turn["tool_calls"] if "order_id" in call["args"]}


@pytest.fixture(scope="module")
def checkpoint_url() -> str:
    """A dedicated, empty Postgres database for the checkpoints, dropped afterwards."""
    with psycopg.connect(POSTGRES_ADMIN_DSN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {CHECKPOINT_DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {CHECKPOINT_DATABASE}")
    dsn = make_conninfo(POSTGRES_ADMIN_DSN, dbname=CHECKPOINT_DATABASE)
    yield dsn
    with psycopg.connect(POSTGRES_ADMIN_DSN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {CHECKPOINT_DATABASE} WITH (FORCE)")


@pytest.fixture(scope="module")
def shipped_order_id() -> int:
    """A shipped order of the demo customer, after loading the demo data (idempotent, no --reset)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "DATABASE_URL": MARIADB_URL}
    loaded = subprocess.run([sys.executable, "-m", "api", "db", "init"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=900)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    connection = pymysql.connect(host="127.0.0.1", port=3306, user="root", password="")
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT order_id FROM dbitems.tbl_order WHERE user_id = %s AND shipped_at IS NOT NULL "
                       "ORDER BY order_id LIMIT 1", (DEMO_CUSTOMER_ID,))
        row = cursor.fetchone()
    assert row is not None, "the demo data has no shipped order for customer 1"
    return row[0]


@pytest.fixture
def replicas(checkpoint_url, tmp_path):
    pair = [ApiReplica("replica-a", checkpoint_url, tmp_path), ApiReplica("replica-b", checkpoint_url, tmp_path)]
    yield pair
    for replica in pair:
        replica.stop()


def said_by_caller(checkpoint_url: str, session_id: str) -> list[str]:
    """The caller's lines in the conversation's latest checkpoint, read straight from Postgres."""
    with PostgresSaver.from_conn_string(checkpoint_url) as saver:
        latest = saver.get_tuple({"configurable": {"thread_id": session_id}})
    assert latest is not None, f"no checkpoint for {session_id}"
    return [m.content for m in latest.checkpoint["channel_values"]["messages"] if m.type == "human"]


def test_two_replicas_continue_one_conversation_and_survive_a_restart(replicas, checkpoint_url, shipped_order_id):
    replica_a, replica_b = replicas
    for replica in replicas:  # one at a time: both load the same models on a small machine
        replica.start()
    session_id = f"deploy-test-{uuid.uuid4().hex[:12]}"

    questions = [f"What is the status of order {shipped_order_id}?", "What items are in it?",
                 "Has a return or refund been started for that order?"]
    first = replica_a.ask(questions[0], session_id)
    # Replica B never saw turn 1: the order number can only come from the shared checkpoint.
    second = replica_b.ask(questions[1], session_id)
    assert second["session_id"] == session_id
    # What B saved holds A's turn: B loaded the conversation from Postgres before adding its own.
    assert said_by_caller(checkpoint_url, session_id) == questions[:2]

    for replica in replicas:
        replica.stop()
    for replica in replicas:
        replica.start()
    third = replica_a.ask(questions[2], session_id)
    assert said_by_caller(checkpoint_url, session_id) == questions

    # The model used the order number from the context each time, whichever process answered.
    turns = [(turn["text"], turn["tool_calls"], turn["response"]) for turn in (first, second, third)]
    assert all(shipped_order_id in order_ids_used(turn) for turn in (first, second, third)), turns
