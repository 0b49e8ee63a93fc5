"""An answer the caller cut off is remembered as far as it was heard: the conversation's last answer is trimmed in
place, and the next turn's model reads the trimmed words, not the whole answer (scripted model, real graph, memory
checkpointer)."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from agent.contract import TurnRequest
from agent.service import AgentService
from core.settings import Settings
from tests.agent.scripted_model import ScriptedChatModel

ANSWER = "Hello! I can help with your orders, returns and our stores. What would you like to know?"
HEARD = "Hello! I can help…"


@pytest.fixture
def settings(tmp_path, demo_sqlite_url):
    return Settings(data_dir=tmp_path, database_url=demo_sqlite_url, checkpointer="memory", agent_answers="model",
                    _env_file=None)


async def stored_messages(agent: AgentService, session_id: str) -> list:
    graph = await agent._compiled_graph()
    return (await graph.aget_state({"configurable": {"thread_id": session_id}})).values.get("messages", [])


@pytest.mark.parametrize(("heard", "kept"), [(HEARD, HEARD), ("", "…"), ("Hello!", "Hello! …")],
                         ids=["mid-sentence", "nothing-heard", "between-sentences"])
async def test_a_cut_off_answer_is_kept_as_heard_and_the_next_turn_reads_that(settings, demo_sqlite_engine, heard,
                                                                                 kept):
    model = ScriptedChatModel(replies=[AIMessage(ANSWER), AIMessage("Sure, go ahead.")])
    agent = AgentService.from_settings(settings, chat_model=model, db=demo_sqlite_engine)
    first = await agent.run_turn(TurnRequest(text="Hi there", session_id="call-1"))
    assert first.response == ANSWER
    answered = (await stored_messages(agent, "call-1"))[-1]

    await agent.record_heard("call-1", heard)

    messages = await stored_messages(agent, "call-1")
    assert [type(m) for m in messages] == [HumanMessage, AIMessage], "trimmed in place, nothing added"
    assert messages[-1].id == answered.id and messages[-1].content == kept
    assert await agent.history("call-1") == [{"role": "caller", "text": "Hi there"},
                                             {"role": "assistant", "text": kept}]

    await agent.run_turn(TurnRequest(text="I have a question", session_id="call-1"))
    await agent.aclose()
    prompt, _ = model.calls[1]
    said_before = [m.content for m in prompt if isinstance(m, AIMessage)]
    assert said_before == [kept], "the next turn's model reads only what the caller heard"


async def test_a_conversation_with_no_answer_is_left_as_it_is(settings, demo_sqlite_engine):
    agent = AgentService.from_settings(settings, chat_model=ScriptedChatModel(replies=[]), db=demo_sqlite_engine)
    await agent.record_heard("never-spoke", "Hello…")
    assert await stored_messages(agent, "never-spoke") == []
    await agent.aclose()


async def test_a_withdrawn_turn_leaves_the_conversation_as_it_was_before_it(settings, demo_sqlite_engine):
    """The caller went on speaking before a word of the answer played: the turn and its stored answer go, so the
    whole turn that follows is the only question the next model reads."""
    model = ScriptedChatModel(replies=[AIMessage(ANSWER), AIMessage("What would you like to know?"),
                                       AIMessage("Shipping is free over 50.")])
    agent = AgentService.from_settings(settings, chat_model=model, db=demo_sqlite_engine)
    await agent.run_turn(TurnRequest(text="Hi there", session_id="call-2"))
    before = await stored_messages(agent, "call-2")
    await agent.run_turn(TurnRequest(text="I would like to know", session_id="call-2"))

    await agent.withdraw_turn("call-2")

    assert [m.id for m in await stored_messages(agent, "call-2")] == [m.id for m in before]
    await agent.run_turn(TurnRequest(text="I would like to know how much shipping costs", session_id="call-2"))
    await agent.aclose()
    prompt, _ = model.calls[2]
    assert [m.content for m in prompt if isinstance(m, HumanMessage)][:-1] == ["Hi there"]
    assert "I would like to know how much shipping costs" in prompt[-1].content


async def test_withdrawing_from_an_empty_conversation_changes_nothing(settings, demo_sqlite_engine):
    agent = AgentService.from_settings(settings, chat_model=ScriptedChatModel(replies=[]), db=demo_sqlite_engine)
    await agent.withdraw_turn("never-spoke")
    assert await stored_messages(agent, "never-spoke") == []
    await agent.aclose()
