"""`apitap tools list` and `apitap tools call`: the tools as the agent runs them, from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from api.cli.errors import CLIError
from tools import TOOLS

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_list_json_describes_every_tool():
    result = runner.invoke(app, ["tools", "list", "--json"])
    assert result.exit_code == 0, result.output
    listed = {item["name"]: item for item in json.loads(result.stdout)}
    assert set(listed) == {t.name for t in TOOLS}
    order_status = listed["get_order_status"]
    assert order_status["requires_customer"] is True and order_status["intent"] == "order_status"
    assert order_status["parameters"]["required"] == ["order_id"]


def test_list_text_names_every_tool():
    result = runner.invoke(app, ["tools", "list"])
    assert result.exit_code == 0
    assert all(t.name in result.stdout for t in TOOLS)


def test_call_runs_the_tool_as_the_customer(sqlite_db, demo_sqlite_url):
    customer = sqlite_db.busiest_customer()
    order_id = sqlite_db.scalar("SELECT MIN(order_id) FROM dbitems.tbl_order WHERE user_id = :c", c=customer)

    result = runner.invoke(app, ["tools", "call", "get_order_status", "--args", json.dumps({"order_id": order_id}),
                                 "--customer", str(customer), "--url", demo_sqlite_url, "--json"])

    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["type"] == "OrderStatus" and payload["result"]["order_id"] == order_id


def test_call_without_a_customer_prints_the_typed_error_and_exits_1(demo_sqlite_url):
    result = runner.invoke(app, ["tools", "call", "get_order_status", "--args", '{"order_id": 1}',
                                 "--url", demo_sqlite_url, "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "type": "ToolError",
        "result": {"error": "verification_required", "message": json.loads(result.stdout)["result"]["message"]},
    }


@pytest.mark.parametrize("argv", [
    ["tools", "call", "no_such_tool"],
    ["tools", "call", "get_order_status", "--args", "{order_id: 1"],
    ["tools", "call", "get_order_status", "--args", "[1]"],
])
def test_bad_requests_raise_a_cli_error(argv, demo_sqlite_url):
    result = runner.invoke(app, [*argv, "--url", demo_sqlite_url])
    assert isinstance(result.exception, CLIError)


def test_a_database_that_is_not_there_is_a_cli_error(tmp_path):
    result = runner.invoke(app, ["tools", "call", "get_policy", "--args", '{"topic": "returns"}',
                                 "--url", f"sqlite:///{tmp_path / 'missing' / 'apitap.db'}"])
    assert isinstance(result.exception, CLIError) and "apitap db init" in str(result.exception)


def test_language_reaches_the_tool(sqlite_db, demo_sqlite_url):
    product_id = sqlite_db.scalar("SELECT MIN(product_id) FROM dbitems.tbl_product")
    spanish = sqlite_db.call("get_product", {"product_id": product_id}, language="es")
    result = runner.invoke(app, ["tools", "call", "get_product", "--args", json.dumps({"product_id": product_id}),
                                 "--language", "es", "--url", demo_sqlite_url, "--json"])
    assert json.loads(result.stdout)["result"]["category"] == spanish.category


def test_the_real_command_prints_one_line_and_fails(demo_sqlite_url):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "api", "tools", "call", "get_order_status", "--args", "{bad",
                           "--url", demo_sqlite_url], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("error: --args is not valid JSON") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
