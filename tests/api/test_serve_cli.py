"""`apitap serve` refuses a public address without API keys, with one line and exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_apitap(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("API_KEYS", "ALLOW_PUBLIC_WITHOUT_KEYS", "API_HOST")}
    clean["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "api", *args], cwd=REPO_ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=120,
    )


def test_public_host_without_keys_is_refused():
    done = run_apitap("serve", "--host", "0.0.0.0", "--port", "8999")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: refusing to listen on 0.0.0.0 without API keys: set API_KEYS (callers send X-API-Key), listen on "
        "127.0.0.1, or set ALLOW_PUBLIC_WITHOUT_KEYS=true to accept anonymous callers"
    ]


def test_public_host_from_the_environment_is_refused_too():
    done = run_apitap("serve", API_HOST="0.0.0.0")
    assert done.returncode == 2
    assert "refusing to listen on 0.0.0.0 without API keys" in done.stderr
