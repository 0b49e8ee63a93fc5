"""Real-browser fixtures: the real Apitap server in a uvicorn subprocess, Debian's headless Chromium driven by
Playwright (never a downloaded browser), a fake microphone fed from WAVs spoken by the real Piper voice, and one
screenshot per test under test-artifacts/browser/."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
SERVER_START_TIMEOUT_S = 420.0  # cold model loads on a busy 2-core machine
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ApitapServer:
    """`uvicorn api.app:create_app --factory` on a free loopback port, as a user would run it."""

    def __init__(self, database_url: str, data_dir: Path, log_path: Path):
        self.database_url = database_url
        self.data_dir = data_dir
        self.log_path = log_path
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ApitapServer:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "DATA_DIR": str(self.data_dir),
            "HF_HUB_OFFLINE": "1",
            # These tests check behaviour, not speed (that is `apitap bench`): a busy CI box must not turn a slow
            # answer into "assistant unavailable".
            "LLM_TIMEOUT_S": "600",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
        }
        command = [
            sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
            "--host", "127.0.0.1", "--port", str(self.port),
        ]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self._wait_until_serving()
        return self

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        last_answer = "no answer yet"
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                response = httpx.get(f"{self.url}/health", timeout=5)
                if response.status_code == 200:
                    return
                last_answer = f"{response.status_code} {response.text[:300]}"
            except httpx.TransportError as exc:
                last_answer = type(exc).__name__
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"/health never answered 200 ({last_answer}):\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="package")
def live_server(demo_sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApitapServer]:
    workdir = tmp_path_factory.mktemp("browser-server")
    server = ApitapServer(demo_sqlite_url, workdir / "data", workdir / "server.log").start()
    yield server
    server.stop()


@pytest.fixture
def start_server(demo_sqlite_url: str, tmp_path: Path) -> Iterator[Callable[[], ApitapServer]]:
    """A server of the test's own, for tests that stop it."""
    started: list[ApitapServer] = []

    def start() -> ApitapServer:
        server = ApitapServer(demo_sqlite_url, tmp_path / "data", tmp_path / "server.log").start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="package")
def order_of(demo_sqlite_engine) -> Callable[[list[int]], dict]:
    """For the customers the page offers, one with an order and that order's status as stored in the DB."""
    from tools.db.schema import dbitems

    order, status = dbitems.tbl_order, dbitems.tbl_orderstatus

    def find(customer_ids: list[int]) -> dict:
        query = (
            select(order.c.user_id, order.c.order_id, status.c.name.label("status"))
            .join(status, status.c.orderstatus_id == order.c.orderstatus_id)
            .where(order.c.user_id.in_(customer_ids))
            # statuses an answer repeats word for word first ("pending" is often paraphrased as "not yet sent")
            .order_by(status.c.name.notin_(["shipped", "delivered", "cancelled"]), order.c.user_id, order.c.order_id)
        )
        with demo_sqlite_engine.connect() as connection:
            row = connection.execute(query).first()
        assert row is not None, f"none of the picker's customers {customer_ids} has an order in the demo DB"
        return {"customer_id": row.user_id, "order_id": row.order_id, "status": row.status}

    return find


@pytest.fixture(scope="package")
def spoken_wav_factory(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Speak a sentence with the real Piper voice into a WAV for the fake microphone, with silence around it so
    the recorder catches the first and last word."""
    from core.settings import Settings
    from voice.tts.piper import PiperTTS

    tts = PiperTTS.load("en", None, Settings())
    directory = tmp_path_factory.mktemp("spoken")

    def speak(text: str) -> Path:
        audio = tts.synthesize(text, "en")
        lead_in = b"\x00\x00" * int(audio.sample_rate * 0.6)
        tail = b"\x00\x00" * int(audio.sample_rate * 1.2)
        path = directory / f"question-{len(list(directory.iterdir()))}.wav"
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(audio.sample_rate)
            wav.writeframes(lead_in + audio.pcm16 + tail)
        return path

    return speak


def wav_duration_s(path: Path) -> float:
    with wave.open(io.BytesIO(path.read_bytes())) as wav:
        return wav.getnframes() / wav.getframerate()


@pytest.fixture(scope="package")
def spoken_question(spoken_wav_factory, order_of, picker_customer_ids) -> tuple[dict, Path, float]:
    """An order of a picker customer, and "What is the status of order N?" spoken into a WAV (path, seconds)."""
    order = order_of(picker_customer_ids)
    path = spoken_wav_factory(f"What is the status of order {order['order_id']}?")
    return order, path, wav_duration_s(path)


# Package scope, not session: while Playwright's sync driver lives, the main thread counts as running an event
# loop, and every later test that calls asyncio.run() would fail.
@pytest.fixture(scope="package")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run `make system-deps` (Debian package chromium)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def launch_browser(playwright_driver):
    """Launch Debian's Chromium with a fake microphone: "beep" (Chromium's generated tone, permission granted),
    "denied" (a device exists but the permission prompt is dismissed) or the path of a WAV it plays once."""
    browsers = []

    def launch(microphone: Path | str = "beep"):
        args = [*CHROMIUM_ARGS, "--use-fake-device-for-media-stream"]
        if microphone != "denied":
            args.append("--use-fake-ui-for-media-stream")
        if isinstance(microphone, Path):
            args.append(f"--use-file-for-fake-audio-capture={microphone}%noloop")
        browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=args)
        browsers.append(browser)
        return browser

    yield launch
    for browser in browsers:
        browser.close()


@pytest.fixture
def open_page(launch_browser, request: pytest.FixtureRequest):
    """Open the chat page of `server` and wait until its WebSocket is connected. The page's console errors are
    collected in `page.console_errors`; a screenshot of the last page is saved when the test ends."""
    pages = []

    def open_(server: ApitapServer, *, microphone: Path | str = "beep", phone: bool = False):
        browser = launch_browser(microphone)
        # Playwright's wait_for_function evaluates its predicate in the page, which the page's CSP (no
        # 'unsafe-eval') forbids; test_shopper_page.py checks the page under its real CSP.
        context = browser.new_context(viewport=PHONE if phone else DESKTOP, bypass_csp=True)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.goto(server.url + "/")
        page.wait_for_function("window.__apitap && window.__apitap.connected === true", timeout=30_000)
        pages.append(page)
        return page

    yield open_
    if pages:
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        pages[-1].screenshot(path=str(ARTIFACTS_DIR / f"{request.node.name}.png"), full_page=True)


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """Save a named screenshot under test-artifacts/browser/."""

    def save(page, name: str) -> Path:
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture(scope="package")
def picker_customer_ids(live_server: ApitapServer) -> list[int]:
    """The customers the page's demo picker offers (GET /demo/customers)."""
    response = httpx.get(f"{live_server.url}/demo/customers", timeout=30)
    assert response.status_code == 200, response.text
    # The page contract names the field customer_id; accept the API model's `id` too.
    return [customer.get("customer_id", customer.get("id")) for customer in response.json()]

