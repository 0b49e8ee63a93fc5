"""`apitap db …` end to end: a real subprocess for error paths (exit code, one line, no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app

REPO = Path(__file__).resolve().parents[2]


def _apitap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "api", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)})


def _assert_one_line_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert expected in lines[0]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://user@localhost/db", "unsupported database URL scheme"),
        ("not a url", "not a valid SQLAlchemy URL"),
        ("mysql://root@127.0.0.1:3306/", "mysql+pymysql"),
        ("mysql+pymysql://root@127.0.0.1:1/", "cannot reach the database server"),
        ("mysql+pymysql://root@127.0.0.1:3306/dbitems", "put no database in the MySQL URL"),
    ],
)
def test_bad_urls_fail_with_one_line(url: str, expected: str):
    _assert_one_line_error(_apitap("db", "info", "--url", url), expected)


def test_uninitialised_sqlite_fails_with_one_line(tmp_path: Path):
    _assert_one_line_error(_apitap("db", "info", "--url", f"sqlite:///{tmp_path / 'apitap.db'}"), "not initialised")


@pytest.mark.mariadb
def test_uninitialised_mariadb_fails_with_one_line(mariadb_admin_url: str):
    # An account that sees no schema is indistinguishable from a server where `db init` never ran.
    import pymysql
    from sqlalchemy.engine import make_url

    admin = make_url(mariadb_admin_url)
    conn = pymysql.connect(host=admin.host, port=admin.port or 3306, user=admin.username,
                           password=admin.password or "", autocommit=True)
    with conn.cursor() as cursor:
        cursor.execute("CREATE USER IF NOT EXISTS 'apitap_empty'@'%' IDENTIFIED BY 'apitap_empty'")
    conn.close()
    url = admin.set(username="apitap_empty", password="apitap_empty").render_as_string(hide_password=False)
    _assert_one_line_error(_apitap("db", "info", "--url", url), "not initialised")


def test_scale_and_orders_together_is_refused(tmp_path: Path):
    _assert_one_line_error(
        _apitap("db", "init", "--url", f"sqlite:///{tmp_path / 'a.db'}", "--scale", "small", "--orders", "100"),
        "not both",
    )


def test_init_then_info_json(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'apitap.db'}"
    runner = CliRunner()
    first = runner.invoke(app, ["db", "init", "--url", url, "--orders", "80", "--seed", "3"])
    assert first.exit_code == 0, first.output
    assert "initialised" in first.output and "rows/s" in first.output
    second = runner.invoke(app, ["db", "init", "--url", url])
    assert second.exit_code == 0 and "nothing changed" in second.output
    info = runner.invoke(app, ["db", "info", "--url", url, "--json"])
    assert info.exit_code == 0
    payload = json.loads(info.output)
    assert payload["fingerprint"]["orders"] == 80
    assert {name: s["tables"] for name, s in payload["schemas"].items()} == {
        "dbcards": 21, "dbcommission": 6, "dbitems": 46, "dbuser": 44, "nmc": 11}
    assert payload["schemas"]["dbitems"]["row_counts"]["tbl_order"] == 80


def test_ddl_check_passes_on_the_repository():
    result = _apitap("db", "ddl", "--check", "--out", str(REPO / "sql"))
    assert result.returncode == 0, result.stderr
