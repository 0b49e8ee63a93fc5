"""build_chat_model picks the provider; bad settings fail at build time with a typed, readable error."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage

from agent.llm import LLMConfigError, LLMUnavailable, build_chat_model, check_llm
from agent.llm.llamacpp import EmbeddedLlamaChat
from agent.llm.ollama import RecoveringChatOllama
from agent.llm.openai import RecoveringChatOpenAI
from core.settings import Settings
from tests.agent.llm.test_ollama_adapter import closed_port_url


@pytest.mark.parametrize(
    ("provider", "expected"),
    [("llamacpp", EmbeddedLlamaChat), ("ollama", RecoveringChatOllama), ("openai", RecoveringChatOpenAI)],
)
def test_provider_picks_the_class(provider: str, expected: type) -> None:
    assert type(build_chat_model(Settings(llm_provider=provider))) is expected


def test_embedded_model_takes_its_sizes_from_settings(tmp_path: Path) -> None:
    gguf = tmp_path / "other.gguf"
    gguf.write_bytes(b"GGUF")

    model = build_chat_model(Settings(llm_model_path=gguf, llm_context_tokens=2048, llm_threads=3,
                                      llm_max_answer_tokens=64))

    assert isinstance(model, EmbeddedLlamaChat)
    assert (model.model_path, model.context_tokens, model.threads, model.max_answer_tokens) == (gguf, 2048, 3, 64)


def test_openai_model_takes_its_server_from_settings() -> None:
    model = build_chat_model(Settings(llm_provider="openai", openai_base_url="http://127.0.0.1:9/v1/",
                                      openai_model="m", llm_max_answer_tokens=32))

    assert isinstance(model, RecoveringChatOpenAI)
    assert (model.openai_api_base, model.model_name, model.max_tokens, model.temperature) == (
        "http://127.0.0.1:9/v1", "m", 32, 0)


def test_missing_gguf_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(LLMConfigError, match="LLM_MODEL_PATH=.*missing.gguf is not a file"):
        build_chat_model(Settings(llm_model_path=tmp_path / "missing.gguf"))


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"llm_provider": "ollama", "ollama_host": "localhost:11434"}, "OLLAMA_HOST='localhost:11434' is not"),
        ({"llm_provider": "openai", "openai_base_url": "ftp://x/v1"}, "OPENAI_BASE_URL='ftp://x/v1' is not"),
    ],
)
def test_bad_urls_are_config_errors(settings: dict, message: str) -> None:
    with pytest.raises(LLMConfigError, match=message):
        build_chat_model(Settings(**settings))


def test_unknown_provider_is_rejected_by_settings() -> None:
    with pytest.raises(ValueError, match="llm_provider"):
        Settings(llm_provider="gpt5")


def test_bound_tool_choice_must_name_a_bound_tool() -> None:
    model = build_chat_model(Settings())

    with pytest.raises(ValueError, match="'refund', which is not among the bound tools"):
        model.bind_tools([{"type": "function", "function": {"name": "f", "parameters": {}}}], tool_choice="refund")


def test_embedded_health_without_loading(tmp_path: Path) -> None:
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")

    assert check_llm(Settings(llm_model_path=gguf))[0] == "ok"
    gguf.unlink()
    assert check_llm(Settings(llm_model_path=gguf)) == ("down", f"{gguf} is not a file")


def test_packaged_model_not_assembled_is_degraded(tmp_path: Path) -> None:
    status, detail = check_llm(Settings(model_cache_dir=tmp_path))

    assert status == "degraded"
    assert "not assembled yet" in detail


def test_openai_unreachable_is_llm_unavailable() -> None:
    model = build_chat_model(Settings(llm_provider="openai", openai_base_url=closed_port_url() + "/v1",
                                      llm_timeout_s=5))

    with pytest.raises(LLMUnavailable, match="unreachable"):
        model.invoke([HumanMessage("hi")])
    assert check_llm(Settings(llm_provider="openai", openai_base_url=closed_port_url() + "/v1"))[0] == "down"
