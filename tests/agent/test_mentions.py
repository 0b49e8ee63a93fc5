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


def _list_tool(values):
    @tool(intent="history", requires_customer=False, named_values={"status": values})
    def history(ctx: ToolContext, status: str | None = None) -> None:
        """Records by status."""

    return history


SAID_STATUSES = {"entregado": "delivered", "en curso": "in_progress", "open": "open"}


@pytest.mark.parametrize("said, named", [
    ("¿cuáles de mis pedidos ya me han entregado?", {"status": "delivered"}),
    ("mis pedidos entregados", {"status": "delivered"}),
    ("las devoluciones entregadas y las que van en curso", {"status": "in_progress"}),
    ("¿qué pedidos no me han entregado?", {}),
    ("todavía sin entregar", {}),
    ("quiero entregarlo", {}),
    ("is the opera open", {"status": "open"}),
    ("any opened tickets", {}),
])
def test_a_value_said_in_words_counts_in_any_form_unless_negated(said, named):
    tools = [_list_tool(lambda ctx: SAID_STATUSES)]
    assert named_values(tools, ToolContext(None, language="es"), said) == named


def test_a_negated_place_is_still_the_place_named():
    # Corrections negate the place before them; the last place named wins instead.
    tools = [_stock_tool(lambda ctx: PLACES)]
    assert named_values(tools, ToolContext(None), "not in Los Angeles, in New York") == {"city": "New York"}
    assert named_values(tools, ToolContext(None), "no, New York") == {"city": "New York"}


@pytest.mark.parametrize("language, said, named", [
    ("es", "¿tengo pedidos cancelados?", {"status": "cancelled"}),
    ("es", "¿ya me enviaron algún pedido?", {}),
    ("es", "¿cuáles de mis pedidos están en preparación?", {"status": "processing"}),
    ("en", "which of my orders were delivered?", {"status": "delivered"}),
    ("en", "which orders haven't shipped yet?", {}),
    ("en", "which orders are still processing", {"status": "processing"}),
])
def test_order_statuses_are_named_in_the_callers_language(language, said, named):
    from tools.orders import list_recent_orders

    assert named_values([list_recent_orders], ToolContext(None, language=language), said) == named


def test_ticket_statuses_are_named_by_the_catalogue_and_the_stored_name():
    from tools.tickets import list_support_tickets

    assert named_values([list_support_tickets], ToolContext(None, language="en"),
                        "which tickets are in progress") == {"status": "in_progress"}
    assert named_values([list_support_tickets], ToolContext(None, language="es"),
                        "¿tengo reclamos abiertos?") == {"status": "open"}
    assert named_values([list_support_tickets], ToolContext(None, language="es"),
                        "¿tengo reclamos open?") == {"status": "open"}
