"""A plugin tool goes through the graph like a built-in one, from its declarations alone: its own intent, its own
examples for routing, and an argument called `name` that is a store's name, not a product's."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage

from agent.contract import TurnRequest
from agent.service import AgentService
from core.settings import Settings
from tests.agent.scripted_model import ScriptedChatModel, tool_call
from tools import all_tools


@pytest.fixture
def settings(tmp_path, demo_sqlite_url):
    return Settings(data_dir=tmp_path, database_url=demo_sqlite_url, checkpointer="memory", _env_file=None)


async def test_a_plugins_own_intent_and_name_argument_go_through_a_turn(installed_plugin, settings,
                                                                        demo_sqlite_engine):
    model = ScriptedChatModel(replies=[tool_call("find_store", name="Gran Via"), AIMessage("It is at Gran Vía 32.")])
    agent = AgentService.from_settings(settings, chat_model=model, db=demo_sqlite_engine, tools=all_tools())
    result = await agent.run_turn(TurnRequest(text="Where is your Gran Via store?"))
    await agent.aclose()
    assert result.intent == "store_locator", "a plugin's own intent is the turn's intent"
    assert [(c.name, c.args) for c in result.tool_calls] == [("find_store", {"name": "Gran Via"})]
    assert result.data[0]["address"] == "Gran Vía 32, Madrid"
    offered = {t["function"]["name"] for t in model.calls[0][1]["tools"]}
    assert "find_store" in offered, "the router learned the plugin's examples"


@pytest.mark.models
@pytest.mark.parametrize(("said", "language", "tool", "fact"), [
    ("What's the address of your Gran Via store?", "en", "find_store", "Gran Vía 32"),
    ("¿A qué hora abre la tienda de Madrid los domingos?", "es", "store_hours", "11:00"),
])
async def test_a_plugin_tool_with_the_real_model(installed_plugin, settings, demo_sqlite_engine, said, language,
                                                 tool, fact):
    # Behaviour, not speed: a busy 2-core machine must not turn this into a timeout.
    agent = AgentService.from_settings(settings.model_copy(update={"llm_timeout_s": 600.0}), db=demo_sqlite_engine,
                                       tools=all_tools())
    await agent.warm_up()
    result = await agent.run_turn(TurnRequest(text=said, language=language))
    await agent.aclose()
    assert [c.name for c in result.tool_calls] == [tool], result
    assert result.intent == {"find_store": "store_locator", "store_hours": "store_hours"}[tool]
    assert fact in result.response, result.response
