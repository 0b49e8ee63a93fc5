"""Fixtures for the API tests: apps over scripted doubles (unit level) and one real app over the real models."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from tests.api.doubles import ScriptedAgent, ScriptedVoice

LOOPBACK_CLIENT = ("127.0.0.1", 50000)
"""Where test requests come from: local mode trusts only connections from this machine."""


@pytest.fixture
def scripted_agent() -> ScriptedAgent:
    return ScriptedAgent()


@pytest.fixture
def scripted_voice() -> ScriptedVoice:
    return ScriptedVoice()


@pytest.fixture
def make_settings(tmp_path) -> Callable[..., Settings]:
    def build(**overrides) -> Settings:
        return Settings(_env_file=None, **{"data_dir": tmp_path, **overrides})

    return build


@pytest.fixture
def scripted_client(make_settings, scripted_agent, scripted_voice) -> Callable[..., contextmanager]:
    """`with scripted_client(API_KEYS=..., ...) as client:` — the real app around the scripted doubles."""

    @contextmanager
    def open_client(**overrides) -> Iterator[TestClient]:
        app = create_app(make_settings(**overrides), agent=scripted_agent, voice=scripted_voice)
        with TestClient(app, client=LOOPBACK_CLIENT) as client:
            yield client

    return open_client


@pytest.fixture(scope="session")
def real_app_settings(tmp_path_factory, demo_sqlite_url) -> Settings:
    # A busy shared runner can slow the LLM several-fold; these tests check behaviour (speed is `apitap bench`'s
    # job), so the LLM gets more time than the production default before a turn is declared unavailable.
    return Settings(
        _env_file=None, data_dir=tmp_path_factory.mktemp("api-data"), database_url=demo_sqlite_url,
        checkpointer="sqlite", llm_timeout_s=300,
    )


@pytest.fixture(scope="session")
def real_client(real_app_settings) -> Iterator[TestClient]:
    """The real app: its lifespan loads the real AgentService (Qwen2.5 GGUF, demo DB) and VoiceService (Whisper,
    Piper, Kokoro) exactly as `apitap serve` does."""
    with TestClient(create_app(real_app_settings), client=LOOPBACK_CLIENT) as client:
        services = client.app.state.services
        assert services.agent is not None, services.agent_error
        assert services.voice is not None, services.voice_error
        yield client
