"""The Dockerfiles, the RunPod supervisord config, the nginx config and the shell scripts, checked by linters and
parsers that ship as Python packages (hadolint, shellcheck, supervisor's own config loader, crossplane). No Docker
engine is needed."""

from __future__ import annotations

import getpass
import os
import re
import sys
from pathlib import Path

import crossplane
import pytest
from supervisor.options import ServerOptions

from tests.deploy.conftest import REPO, package_binary, run

DOCKERFILES = [REPO / "Dockerfile", REPO / "Dockerfile.runpod"]
SHELL_SCRIPTS = [REPO / "scripts" / "start-runpod.sh", REPO / "deploy" / "mysql" / "20-readonly-user.sh"]
SUPERVISORD_CONF = REPO / "deploy" / "runpod" / "supervisord.conf"
NGINX_CONF = REPO / "deploy" / "nginx" / "nginx.conf"
COMPILERS = ("build-essential", "gcc", "g++", "cmake", "python3-dev")


def hadolint(path: Path):
    return run([package_binary("hadolint"), "--no-color", "--failure-threshold", "error", str(path)])


def stages(dockerfile: Path) -> list[str]:
    """The text of each build stage, in order."""
    return re.split(r"^FROM ", dockerfile.read_text(), flags=re.MULTILINE)[1:]


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_hadolint_passes(dockerfile):
    result = hadolint(dockerfile)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_catches_an_error(tmp_path):
    broken = tmp_path / "Dockerfile"
    broken.write_text("FROM python:3.11-slim\nWORKDIR app\n")
    result = hadolint(broken)
    assert result.returncode != 0 and "DL3000" in result.stdout


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_final_stage_has_no_compilers_and_a_health_check(dockerfile):
    final = stages(dockerfile)[-1]
    assert not [tool for tool in COMPILERS if re.search(rf"\s{re.escape(tool)}(\s|$)", final)]
    assert "HEALTHCHECK" in final and "/health" in final
    assert "EXPOSE 8000" in final


def test_service_image_is_multi_stage_non_root_and_serves_publicly():
    builder, final = stages(REPO / "Dockerfile")
    assert "AS builder" in builder and "pip wheel" in builder and ".[local,scale]" in builder
    assert "--no-index --find-links=/wheels" in final
    assert re.search(r"^USER 10001", final, flags=re.MULTILINE)
    assert "MODEL_CACHE_DIR=/models" in final and "DATA_DIR=/data" in final
    assert 'VOLUME ["/models", "/data"]' in final
    assert final.rstrip().splitlines()[-1] == 'CMD ["apitap", "serve", "--host", "0.0.0.0"]'


def test_runpod_image_keeps_state_under_workspace():
    final = stages(REPO / "Dockerfile.runpod")[-1]
    for setting in ("OLLAMA_MODELS=/workspace/ollama-models", "MODEL_CACHE_DIR=/workspace/.cache/"):
        assert setting in final
    assert 'CMD ["/usr/local/bin/start-runpod.sh"]' in final


def test_dockerignore_keeps_secrets_and_environments_out():
    ignored = set((REPO / ".dockerignore").read_text().split())
    assert {".env", ".venv", ".git", "var", "*.gguf"} <= ignored


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda p: p.name)
def test_shellcheck_passes(script):
    result = run([package_binary("shellcheck"), "--severity=info", str(script)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_supervisord_config_loads_with_the_agent_waiting(monkeypatch, tmp_path):
    text = SUPERVISORD_CONF.read_text()
    assert "\nuser=apitap\n" in text
    # supervisor checks that the user exists; the image creates `apitap`, this machine may not have it.
    local_copy = tmp_path / "supervisord.conf"
    local_copy.write_text(text.replace("\nuser=apitap\n", f"\nuser={getpass.getuser()}\n"))
    monkeypatch.setenv("MYSQL_DATA_DIR", "/workspace/mysql-data")
    monkeypatch.setenv("OLLAMA_MODELS", "/workspace/ollama-models")
    options = ServerOptions()
    options.realize(args=["-c", str(local_copy)])
    programs = {p.name: p for group in options.process_group_configs for p in group.process_configs}
    assert set(programs) == {"mysql", "ollama", "voice-agent"}
    assert programs["mysql"].autostart and programs["ollama"].autostart
    assert not programs["voice-agent"].autostart
    assert "--datadir=/workspace/mysql-data" in programs["mysql"].command
    assert programs["ollama"].environment["OLLAMA_MODELS"] == "/workspace/ollama-models"
    assert programs["voice-agent"].command.endswith("apitap serve --host 0.0.0.0 --port 8000")


def test_the_image_command_refuses_a_public_bind_without_keys(tmp_path):
    """What the Dockerfile's CMD runs, without API_KEYS: a one-line refusal, before any model loads."""
    env = {k: v for k, v in os.environ.items() if k not in ("API_KEYS", "ALLOW_PUBLIC_WITHOUT_KEYS")}
    env |= {"PYTHONPATH": str(REPO), "API_KEYS": "", "DATA_DIR": str(tmp_path)}
    result = run([sys.executable, "-m", "api", "serve", "--host", "0.0.0.0"], env=env, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("error: refusing to listen on 0.0.0.0 without API keys")


def test_nginx_config_parses_and_sends_every_path_to_the_replicas():
    parsed = crossplane.parse(str(NGINX_CONF), strict=True, check_ctx=True, check_args=True)
    assert parsed["status"] == "ok", parsed["errors"]
    http = next(d for d in parsed["config"][0]["parsed"] if d["directive"] == "http")["block"]
    upstream = next(d for d in http if d["directive"] == "upstream")
    assert upstream["args"] == ["apitap_api"]
    assert ["api-replica:8000", "resolve"] in [d["args"] for d in upstream["block"] if d["directive"] == "server"]
    server = next(d for d in http if d["directive"] == "server")["block"]
    locations = {tuple(d["args"]): d["block"] for d in server if d["directive"] == "location"}
    for path in (("/",), ("/ws/",)):
        headers = {d["args"][0] for d in locations[path] if d["directive"] == "proxy_set_header"}
        assert ["http://apitap_api"] in [d["args"] for d in locations[path] if d["directive"] == "proxy_pass"]
        assert {"Host", "X-Forwarded-For", "Connection"} <= headers, path


def test_nginx_parser_catches_a_typo(tmp_path):
    broken = tmp_path / "nginx.conf"
    broken.write_text(NGINX_CONF.read_text().replace("proxy_pass ", "proxy_pas ", 1))
    assert crossplane.parse(str(broken), strict=True, check_ctx=True, check_args=True)["status"] == "failed"
