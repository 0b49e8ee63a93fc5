"""The turn contract: a language is any language with a catalogue, and an intent is whatever the tool declares."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage
from pydantic import BaseModel, ValidationError

from agent.contract import TurnRequest, TurnResult
from agent.service import AgentService
from core.settings import Settings
from tests.agent.scripted_model import ScriptedChatModel, tool_call
from tools import TOOLS
from tools.context import ToolContext
from tools.registry import tool


class LoyaltyPoints(BaseModel):
    points: int


@tool(intent="loyalty_points", requires_customer=False,
      examples={"en": ["How many points are on my loyalty card?"], "es": ["¿Cuántos puntos tengo en mi tarjeta?"]})
def get_loyalty_points(ctx: ToolContext, card_code: str) -> LoyaltyPoints:
    """Get the points on a loyalty card.
    card_code: the code printed on the card."""
    return LoyaltyPoints(points=120)


def test_an_intent_no_built_in_tool_declares_is_a_valid_turn():
    result = TurnResult(session_id="s", language="en", text="?", intent="loyalty_points", response="120 points.")
    assert result.intent == "loyalty_points"


@pytest.mark.parametrize("language", ["fr", "english", "EN", ""])
def test_a_language_without_a_catalogue_is_refused_with_the_choices(language):
    with pytest.raises(ValidationError, match="Input should be 'en' or 'es'"):
        TurnRequest(text="hello", language=language)


async def test_a_plugin_with_its_own_intent_never_fails_the_turn(tmp_path, demo_sqlite_url, demo_sqlite_engine):
    """A plugin tool declaring an intent the built-in tools never use: the turn reports it instead of failing
    with a ValidationError (the contract's intent used to be a closed Literal)."""
    settings = Settings(data_dir=tmp_path, database_url=demo_sqlite_url, checkpointer="memory",
                        agent_answers="templates", _env_file=None)
    model = ScriptedChatModel(replies=[tool_call("get_loyalty_points", card_code="LC-7731"),
                                       AIMessage("You have 120 points on that card.")])
    agent = AgentService.from_settings(settings, chat_model=model, db=demo_sqlite_engine,
                                       tools=[*TOOLS, get_loyalty_points])
    try:
        result = await agent.run_turn(TurnRequest(text="How many points are on my loyalty card LC-7731?"))
    finally:
        await agent.aclose()
    assert [call.name for call in result.tool_calls] == ["get_loyalty_points"]
    assert result.intent == "loyalty_points"
    assert result.response == "You have 120 points on that card."
