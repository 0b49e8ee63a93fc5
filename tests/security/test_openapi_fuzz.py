"""Property-based fuzzing of every HTTP operation in the service's own OpenAPI document, against the live app.

The app is the real one — real routes, middleware, limits, work queue, the real agent graph and tools over the real
demo database, and the real speech engines (Whisper, Piper, Kokoro) — served by uvicorn on loopback. Only the LLM is
a scripted double (`ScriptedChatModel`), so hundreds of requests finish in minutes; the real model faces hostile
words in test_attacks.py. The WebSocket is not in the OpenAPI document and has its own tests.

Property: no 5xx, ever; every 4xx carries a non-empty, human-readable `detail`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from langchain_core.messages import AIMessage

from api.app import create_app
from core.settings import CheckpointerKind, Settings
from tests.agent.scripted_model import ScriptedChatModel
from tests.security.live_server import serve

EXAMPLES_PER_OPERATION = 40
FUZZ_TEXT_LIMIT = 300
"""Characters: keeps the real text-to-speech on fuzzed text to a couple of seconds per request."""
SCRIPTED_REPLY = "Thanks for your message. How can I help you with your order today?"


@pytest.fixture(scope="module")
def live_url(demo_sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from agent.service import AgentService
    from voice.service import VoiceService

    data_dir: Path = tmp_path_factory.mktemp("fuzz-data")
    app_settings = Settings(
        _env_file=None, data_dir=data_dir, database_url=demo_sqlite_url, checkpointer=CheckpointerKind.sqlite,
        max_text_chars=FUZZ_TEXT_LIMIT, rate_limit_per_minute=1_000_000, work_queue_size=64,
    )
    chat_model = ScriptedChatModel(replies=[AIMessage(SCRIPTED_REPLY)] * 10_000)
    agent = AgentService.from_settings(app_settings, chat_model=chat_model)
    voice = VoiceService.load(app_settings)
    with serve(create_app(app_settings, agent=agent, voice=voice)) as url:
        yield url


@pytest.fixture(scope="module")
def live_schema(live_url: str):
    return schemathesis.openapi.from_url(f"{live_url}/openapi.json")


def documented_operations() -> list[tuple[str, str]]:
    """(METHOD, path) of every operation in the app's OpenAPI document (building the app loads nothing)."""
    document = create_app(Settings(_env_file=None)).openapi()
    return [(method.upper(), path) for path, item in document["paths"].items() for method in item]


OPERATIONS = documented_operations()


def fuzz_params() -> list:
    return [pytest.param(method, path, id=f"{method} {path}")
            for method, path in OPERATIONS]


def test_the_fuzzed_document_covers_the_conversation_speech_and_audio_routes() -> None:
    paths = {path for _, path in OPERATIONS}
    assert {"/text-query", "/process-voice", "/transcribe", "/synthesize", "/audio/{audio_id}", "/health"} <= paths


# schemathesis' own pytest integration (`from_fixture`) does not run under pytest 9, so each documented operation
# is a parametrised test driving that operation's Hypothesis strategy directly.
@pytest.mark.models
@pytest.mark.parametrize(("method", "path"), fuzz_params())
def test_no_server_error_and_every_client_error_explains_itself(live_schema, method: str, path: str) -> None:
    operation = live_schema[path][method]

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
    @given(operation.as_strategy())
    def call_and_check(case) -> None:
        response = case.call(timeout=120)
        where = f"{case.method} {case.formatted_path} -> {response.status_code}: {response.content[:300]!r}"
        assert response.status_code < 500, where
        if response.status_code >= 400:
            detail = response.json().get("detail")
            assert isinstance(detail, str) and detail.strip(), where
            assert b"Traceback" not in response.content, where

    call_and_check()


@pytest.mark.models
@pytest.mark.parametrize("unspeakable", ["\x1b", "\u200b"], ids=["escape", "zero-width-space"])
def test_unspeakable_text_is_a_client_error(live_url: str, unspeakable: str) -> None:
    reply = httpx.post(f"{live_url}/synthesize", json={"text": unspeakable, "language": "es"}, timeout=60)
    assert reply.status_code == 422 and reply.json()["detail"]
