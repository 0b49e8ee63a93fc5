"""Shared fixtures: the small seed-42 demo database on embedded SQLite and on the real MariaDB.

`demo_engine` is parametrised over both engines (read-only handles), so one test function checks a tool on both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine, make_url

from tools.db.admin import create_readonly_account, init_database
from tools.db.engine import make_engine

DEMO_SEED = 42
READONLY_USER = "apitap_ro"
READONLY_PASSWORD = "apitap_ro_test"


@pytest.fixture(scope="session")
def demo_sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small demo database (seed 42) in a temporary folder; returns its sqlite URL."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo-db') / 'apitap.db'}"
    init_database(url, scale="small", seed=DEMO_SEED)
    return url


@pytest.fixture(scope="session")
def demo_sqlite_engine(demo_sqlite_url: str) -> Engine:
    return make_engine(demo_sqlite_url, read_only=True)


@pytest.fixture(scope="session")
def mariadb_admin_url() -> str:
    return os.environ.get("MARIADB_TEST_URL", "mysql+pymysql://root@127.0.0.1:3306/")


@pytest.fixture(scope="session")
def mariadb_demo_url(mariadb_admin_url: str) -> str:
    """The small seed-42 demo on MariaDB and the read-only account; returns the admin URL.

    Several test sessions may share the server: the load runs under a server-side named lock and is skipped when
    the stored fingerprint already says "small, seed 42, this generator version".
    """
    init_database(mariadb_admin_url, scale="small", seed=DEMO_SEED, rebuild_unless_matching=True)
    create_readonly_account(mariadb_admin_url, user=READONLY_USER, password=READONLY_PASSWORD)
    return mariadb_admin_url


@pytest.fixture(scope="session")
def mariadb_admin_engine(mariadb_demo_url: str) -> Engine:
    """Admin handle on the demo (for information_schema checks the read-only account cannot fully see)."""
    return make_engine(mariadb_demo_url)


@pytest.fixture(scope="session")
def mariadb_ro_url(mariadb_demo_url: str) -> str:
    return make_url(mariadb_demo_url).set(username=READONLY_USER, password=READONLY_PASSWORD).render_as_string(
        hide_password=False
    )


@pytest.fixture(scope="session")
def mariadb_ro_engine(mariadb_ro_url: str) -> Engine:
    return make_engine(mariadb_ro_url)


@pytest.fixture(params=["sqlite", pytest.param("mariadb", marks=pytest.mark.mariadb)])
def demo_engine(request: pytest.FixtureRequest) -> Engine:
    """The read-only demo engine, once per database engine."""
    if request.param == "sqlite":
        return request.getfixturevalue("demo_sqlite_engine")
    return request.getfixturevalue("mariadb_ro_engine")


EXAMPLE_PLUGIN = Path(__file__).parent / "tools" / "example_plugin"


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    # Built from a copy: setuptools writes build/ and *.egg-info next to the sources it builds.
    source, target = tmp_path / "src", tmp_path / "site"
    shutil.copytree(EXAMPLE_PLUGIN, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--target", str(target), str(source)],
        check=True, capture_output=True, text=True,
    )
    monkeypatch.syspath_prepend(str(target))
    yield target
    sys.modules.pop("apitap_example_plugin", None)
