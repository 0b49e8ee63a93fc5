from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from agent.mentions import named_values
from tools.context import ToolContext
from tools.registry import tool


def _stock_tool(values):
    @tool(intent="stock", requires_customer=False, named_values={"city": values})
    def where(ctx: ToolContext, name: str | None = None, city: str | None = None) -> None:
        """Stock by place."""

    return where


PLACES = ["New York", "Los Angeles", "Bogotá", "Polanco"]


def test_a_place_is_named_as_whole_words_without_accents_or_case():
    tools = [_stock_tool(lambda ctx: PLACES)]
    assert named_values(tools, ToolContext(None), "¿hay botas en bogota?") == {"city": "Bogotá"}
    assert named_values(tools, ToolContext(None), "the new yorker magazine") == {}
    assert named_values(tools, ToolContext(None), "angeles") == {}


def test_the_last_place_named_wins():
    tools = [_stock_tool(lambda ctx: PLACES)]
    said = "Do you have the tent in Los Angeles, actually no wait, I mean New York?"
    assert named_values(tools, ToolContext(None), said) == {"city": "New York"}


def test_values_the_db_cannot_list_leave_the_turn_without_them():
    def down(ctx):
        raise OperationalError("SELECT", {}, Exception("gone"))

    assert named_values([_stock_tool(down)], ToolContext(None), "in Bogotá") == {}


def test_a_tool_cannot_declare_values_for_an_argument_it_does_not_take():
    with pytest.raises(TypeError, match="colour"):
        @tool(intent="x", requires_customer=False, named_values={"colour": lambda ctx: ["red"]})
        def paint(ctx: ToolContext, name: str | None = None) -> None:
            """Paint."""


def test_values_are_read_once_and_again_after_they_expire(monkeypatch):
    import agent.mentions as mentions

    reads = []

    def places(ctx):
        reads.append(1)
        return PLACES

    tools = [_stock_tool(places)]
    named_values(tools, ToolContext(None), "in Bogotá")
    named_values(tools, ToolContext(None), "in Polanco")
    assert len(reads) == 1
    monkeypatch.setattr(mentions, "VALUES_TTL_S", -1.0)
    assert named_values(tools, ToolContext(None), "in Polanco") == {"city": "Polanco"}
    assert len(reads) == 2
