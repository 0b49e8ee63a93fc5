"""The openai provider against a real OpenAI-compatible server: llama-cpp-python's server on the packaged GGUF."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from agent.llm import build_chat_model, check_llm
from agent.llm.models import resolve_gguf
from agent.llm.openai import RecoveringChatOpenAI
from agent.llm.probe import PROBE_SYSTEM_PROMPT, PROBE_TOOLS
from core.settings import Settings

pytestmark = pytest.mark.models

SERVED_NAME = "qwen2.5-coder-1.5b-instruct"
STARTUP_LIMIT_S = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    gguf = resolve_gguf(Settings())
    port = free_port()
    log = (tmp_path_factory.mktemp("llama-server") / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "agent.llm.server", "--model", str(gguf), "--model_alias", SERVED_NAME,
         "--host", "127.0.0.1", "--port", str(port), "--n_threads", "2", "--n_ctx", "4096"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        started = time.monotonic()
        while True:
            if process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {process.returncode}; see {log.name}")
            try:
                if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() - started > STARTUP_LIMIT_S:
                pytest.fail(f"llama_cpp.server did not answer /v1/models; see {log.name}")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def settings(server_url: str) -> Settings:
    return Settings(llm_provider="openai", openai_base_url=server_url, openai_model=SERVED_NAME, llm_timeout_s=900)


def test_health_lists_the_served_model(settings: Settings) -> None:
    assert check_llm(settings)[0] == "ok"


def test_a_tool_call_turn(settings: Settings) -> None:
    model = build_chat_model(settings)
    assert isinstance(model, RecoveringChatOpenAI)

    message = model.bind_tools(PROBE_TOOLS).invoke(
        [SystemMessage(PROBE_SYSTEM_PROMPT), HumanMessage("What's the status of order 12345?")]
    )

    assert [(call["name"], call["args"]) for call in message.tool_calls] == [
        ("lookup_order", {"order_id": 12345})
    ]


def test_a_plain_streamed_turn(settings: Settings) -> None:
    model = build_chat_model(settings)

    chunks = list(model.stream([SystemMessage("Answer in one short sentence."), HumanMessage("Say hello.")]))

    assert len([chunk for chunk in chunks if chunk.content]) >= 2
    assert "".join(chunk.content for chunk in chunks).strip()
