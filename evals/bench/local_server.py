"""A throwaway API server for benchmarks that are not given a URL: uvicorn on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx

SERVER_START_TIMEOUT_S = 600.0


class ServerStartError(RuntimeError):
    """The server exited or reported itself down before it served; the message ends with its last output."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve_locally(
    env: Mapping[str, str] | None = None, uvicorn_args: Sequence[str] = ()
) -> Iterator[tuple[str, int]]:
    """Yield (url, pid) of `uvicorn api.app:app --factory` with the configured settings plus `env`; stop it after.
    Raises ServerStartError when it does not come up."""
    port = free_port()
    repo_root = Path(__file__).resolve().parents[2]
    python_path = os.pathsep.join(filter(None, [str(repo_root), os.environ.get("PYTHONPATH")]))
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.app:app", "--factory", "--host", "127.0.0.1", "--port", str(port),
             *uvicorn_args],
            cwd=repo_root, env={**os.environ, "PYTHONPATH": python_path, **(env or {})},
            stdout=log, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_serving(url, process, log)
            yield url, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_until_serving(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            tail = log.read().decode(errors="replace")[-2000:]
            raise ServerStartError(f"the server exited with code {process.returncode}:\n{tail}")
        try:
            health = httpx.get(f"{url}/health", timeout=5)
        except httpx.HTTPError:
            time.sleep(1)
            continue
        if health.status_code == 503:
            raise ServerStartError(f"the server is down: {health.json()}")
        return
    raise ServerStartError(f"the server did not answer within {SERVER_START_TIMEOUT_S:.0f} s")
