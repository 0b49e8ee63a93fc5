"""docker-compose.yml, validated by the real Compose binary (`docker-compose config`); no engine is needed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.settings import Settings
from tests.deploy.conftest import COMPOSE_TEST_ENV, REPO, package_binary, run

COMPOSE_FILE = REPO / "docker-compose.yml"
GPU_OVERRIDE = REPO / "deploy" / "compose.gpu.yml"
SETTING_NAMES = {name.upper() for name in Settings.model_fields}


def compose(env_file: Path, *args: str, files: tuple[Path, ...] = (COMPOSE_FILE,)):
    command = [package_binary("docker-compose"), "--project-directory", str(REPO), "--env-file", str(env_file)]
    for file in files:
        command += ["-f", str(file)]
    # A clean environment: the developer's own API_KEYS or passwords must not satisfy the checks.
    return run([*command, *args], env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")})


def rendered(env_file: Path, *profiles: str) -> dict:
    args = [arg for profile in profiles for arg in ("--profile", profile)]
    result = compose(env_file, *args, "config", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("profiles", [(), ("scale",), ("scale", "vllm")], ids=["base", "scale", "scale+vllm"])
def test_config_is_valid(compose_env_file, profiles):
    args = [arg for profile in profiles for arg in ("--profile", profile)]
    result = compose(compose_env_file(), *args, "config", "-q")
    assert result.returncode == 0, result.stderr


def test_gpu_override_is_valid(compose_env_file):
    result = compose(compose_env_file(), "config", "-q", files=(COMPOSE_FILE, GPU_OVERRIDE))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("secret", ["MYSQL_ROOT_PASSWORD", "MYSQL_RO_PASSWORD", "API_KEYS"])
def test_missing_secret_is_refused_with_its_name(compose_env_file, secret):
    result = compose(compose_env_file(**{secret: None}), "config", "-q")
    assert result.returncode != 0
    assert f"required variable {secret} is missing a value: set {secret} in .env" in result.stderr


def test_base_deployment_needs_no_scale_secret(compose_env_file):
    result = compose(compose_env_file(POSTGRES_PASSWORD=None), "config", "-q")
    assert result.returncode == 0, result.stderr


def test_service_set_and_start_order(compose_env_file):
    services = rendered(compose_env_file())["services"]
    assert set(services) == {"ollama", "ollama-init", "mysql", "db-demo", "voice-agent"}
    conditions = {name: dep["condition"] for name, dep in services["voice-agent"]["depends_on"].items()}
    assert conditions == {
        "mysql": "service_healthy",
        "db-demo": "service_completed_successfully",
        "ollama-init": "service_completed_successfully",
    }
    assert services["ollama-init"]["depends_on"]["ollama"]["condition"] == "service_healthy"
    assert services["db-demo"]["depends_on"]["mysql"]["condition"] == "service_healthy"
    assert services["db-demo"]["command"] == ["apitap", "db", "init"]
    for name in ("ollama", "mysql"):
        assert services[name]["healthcheck"]["test"], name


def test_only_the_api_is_published(compose_env_file):
    services = rendered(compose_env_file())["services"]
    published = {name: service["ports"] for name, service in services.items() if service.get("ports")}
    assert list(published) == ["voice-agent"]
    assert [(p["target"], p["published"]) for p in published["voice-agent"]] == [(8000, "8000")]


def test_voice_agent_runs_read_only_on_ollama_with_keys(compose_env_file):
    environment = rendered(compose_env_file())["services"]["voice-agent"]["environment"]
    ro_password = COMPOSE_TEST_ENV["MYSQL_RO_PASSWORD"]
    assert environment["DATABASE_URL"] == f"mysql+pymysql://apitap_ro:{ro_password}@mysql:3306/"
    assert environment["LLM_PROVIDER"] == "ollama"
    assert environment["OLLAMA_HOST"] == "http://ollama:11434"
    assert environment["API_HOST"] == "0.0.0.0"
    assert environment["API_KEYS"] == COMPOSE_TEST_ENV["API_KEYS"]
    assert (environment["MODEL_CACHE_DIR"], environment["DATA_DIR"]) == ("/models", "/data")
    settings = Settings(**{k.lower(): v for k, v in environment.items() if v is not None})
    assert settings.api_keys and not settings.is_loopback


def test_every_setting_reaches_the_api_containers_and_no_root_secret_does(compose_env_file):
    services = rendered(compose_env_file(LOG_LEVEL="DEBUG", STT_BEAM_SIZE="3"), "scale")["services"]
    for name in ("voice-agent", "api-replica"):
        environment = services[name]["environment"]
        assert SETTING_NAMES <= set(environment), SETTING_NAMES - set(environment)
        assert (environment["LOG_LEVEL"], environment["STT_BEAM_SIZE"]) == ("DEBUG", "3")
        assert environment["LLM_THREADS"] is None  # unset in .env: left out, so the code's default applies
        assert COMPOSE_TEST_ENV["MYSQL_ROOT_PASSWORD"] not in json.dumps(services[name])


def test_scale_profile_shares_a_postgres_checkpointer_behind_the_proxy(compose_env_file):
    services = rendered(compose_env_file(API_REPLICAS="3"), "scale")["services"]
    replica = services["api-replica"]
    assert replica["deploy"]["replicas"] == 3
    assert "ports" not in replica
    assert replica["environment"]["CHECKPOINTER"] == "postgres"
    assert replica["environment"]["CHECKPOINT_URL"] == (
        f"postgresql://apitap:{COMPOSE_TEST_ENV['POSTGRES_PASSWORD']}@postgres:5432/apitap_checkpoints"
    )
    assert replica["depends_on"]["postgres"]["condition"] == "service_healthy"
    proxy = services["proxy"]
    assert proxy["depends_on"]["api-replica"]["condition"] == "service_healthy"
    assert [(p["target"], p["published"]) for p in proxy["ports"]] == [(8080, "8080")]
    nginx_conf = next(v["source"] for v in proxy["volumes"] if v["target"] == "/etc/nginx/nginx.conf")
    assert "server api-replica:8000 resolve;" in Path(nginx_conf).read_text()


def test_scale_profile_can_use_an_openai_engine_and_a_read_replica(compose_env_file):
    replica_url = "mysql+pymysql://apitap_ro:x@mysql-replica:3306/"
    services = rendered(
        compose_env_file(SCALE_LLM_PROVIDER="openai", SCALE_DATABASE_URL=replica_url), "scale", "vllm"
    )["services"]
    environment = services["api-replica"]["environment"]
    assert environment["LLM_PROVIDER"] == "openai"
    assert environment["OPENAI_BASE_URL"] == "http://vllm:8000/v1"
    assert environment["DATABASE_URL"] == replica_url
    assert "--enable-auto-tool-choice" in services["vllm"]["command"]


def test_state_lives_in_named_volumes(compose_env_file):
    config = rendered(compose_env_file())
    assert {"ollama_models", "mysql_data", "models", "agent_data", "audio_cache"} <= set(config["volumes"])
    mounts = {v["target"]: v for v in config["services"]["voice-agent"]["volumes"]}
    assert {t: mounts[t]["source"] for t in ("/models", "/data", "/data/audio")} == {
        "/models": "models", "/data": "agent_data", "/data/audio": "audio_cache",
    }
    mysql_mounts = {v["target"]: v for v in config["services"]["mysql"]["volumes"]}
    assert mysql_mounts["/var/lib/mysql"]["source"] == "mysql_data"
    init_scripts = sorted(Path(t).name for t in mysql_mounts if t.startswith("/docker-entrypoint-initdb.d/"))
    assert init_scripts == ["10-schema_all.sql", "20-readonly-user.sh"]
    # Rendered with a placeholder password: mounted outside the init folder, applied by 20-readonly-user.sh.
    assert mysql_mounts["/apitap-sql/grants_readonly.sql"]["source"] == str(REPO / "sql" / "grants_readonly.sql")
