"""A turn under load: one deadline for all its LLM calls, an outage flagged on the turn, a warm-up that never marks
a fresh service degraded, and a trusted customer id checked against the platform's users. Scripted chat models
(unit level) around the real graph, checkpointer and demo database."""

from __future__ import annotations

import time

import pytest
from langchain_core.messages import AIMessage

from agent.contract import TurnRequest
from agent.llm import LLMUnavailable
from agent.llm.deadline import seconds_left, turn_deadline
from agent.service import AgentService
from core.settings import Settings
from tests.agent.scripted_model import ScriptedChatModel

SLOW_MODEL_S = 3.0


@pytest.fixture
def settings(tmp_path, demo_sqlite_url):
    # A model file that is there: whether the packaged one is assembled yet on this machine is no part of these tests.
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    return Settings(data_dir=tmp_path, database_url=demo_sqlite_url, checkpointer="sqlite", agent_answers="model",
                    llm_timeout_s=0.5, llm_model_path=gguf, _env_file=None)


def make_agent(settings, demo_sqlite_engine, replies) -> AgentService:
    return AgentService.from_settings(settings, chat_model=ScriptedChatModel(replies=replies), db=demo_sqlite_engine)


def slow_reply(messages, kwargs) -> AIMessage:
    # Longer than the turn's deadline: without one deadline for the turn this would end as a normal answer.
    time.sleep(SLOW_MODEL_S)
    return AIMessage("Hello! How can I help you?")


async def test_a_turn_ends_at_its_deadline_and_is_flagged(settings, demo_sqlite_engine):
    agent = make_agent(settings, demo_sqlite_engine, [slow_reply])
    result = await agent.run_turn(TurnRequest(text="Hello there"))
    health = agent.health()
    await agent.aclose()
    assert result.error == "llm_unavailable"
    assert result.response != "Hello! How can I help you?"
    assert agent.llm_error == "the LLM did not answer within 0.5 s"
    assert health["llm"]["status"] == "degraded"
    assert "did not answer within 0.5 s" in health["llm"]["detail"]


async def test_an_unreachable_llm_is_flagged_and_a_good_turn_clears_it(settings, demo_sqlite_engine):
    def refuse(messages, kwargs):
        raise LLMUnavailable("the Ollama server at http://127.0.0.1:1 is unreachable")

    agent = make_agent(settings, demo_sqlite_engine, [refuse, AIMessage("Hello! How can I help you?")])
    failed = await agent.run_turn(TurnRequest(text="Hello", session_id="outage"))
    unavailable_while_down = agent.llm_error
    answered = await agent.run_turn(TurnRequest(text="Hello again", session_id="outage"))
    await agent.aclose()
    assert failed.error == "llm_unavailable"
    assert unavailable_while_down == "the Ollama server at http://127.0.0.1:1 is unreachable"
    assert answered.error is None
    assert answered.response == "Hello! How can I help you?"
    assert agent.llm_error is None


async def test_a_failed_warm_up_does_not_mark_the_llm_degraded(settings, demo_sqlite_engine):
    def busy(messages, kwargs):
        raise LLMUnavailable("the embedded model did not finish within 60 s")

    agent = make_agent(settings.model_copy(update={"llm_provider": "llamacpp"}), demo_sqlite_engine, [busy])
    await agent.warm_up()
    health = agent.health()
    await agent.aclose()
    assert agent.llm_error is None
    assert "last turn failed" not in health["llm"]["detail"]


def test_every_llm_call_of_a_turn_shares_one_deadline():
    assert seconds_left(60.0) == 60.0
    with turn_deadline(5.0):
        first = seconds_left(60.0)
        assert 0 < first <= 5.0
        assert seconds_left(1.0) == 1.0
    assert seconds_left(60.0) == 60.0
    with turn_deadline(0.0):
        assert seconds_left(60.0) == 0.0


def test_customer_exists_checks_the_platforms_users(settings, demo_sqlite_engine):
    agent = make_agent(settings, demo_sqlite_engine, [])
    assert agent.customer_exists(1) is True
    assert agent.customer_exists(999_999) is False
    assert agent.customer_exists(2**64) is False
