"""A third language is a file: with `tests/agent/fixtures/locales/pt.yaml` registered, the agent's fixed sentences,
its answers read out from tool results and language detection work in Portuguese, with no edit to agent code."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from langchain_core.messages import AIMessage
from pydantic import ValidationError
from sqlalchemy import text

from agent.answers import answer_from_results as _answer_from_results
from agent.contract import TurnRequest
from agent.language import detect_language
from agent.prompts import (
    ANSWER_NOW,
    ASK_FOR_DETAIL,
    HOW_CAN_I_HELP,
    VERIFY_FIRST,
    caller_note,
    detail_name,
    status_names_note,
)
from agent.service import AgentService
from core.i18n import languages, say
from core.settings import Settings
from evals.facts import fact_said
from tests.agent.scripted_model import ScriptedChatModel, tool_call
from tools import TOOLS
from tools.context import ToolContext
from tools.spoken import spoken_date


def answer_from_results(records, language, question):
    """The answers declared on the built-in tools (a tool not among them has none)."""
    return _answer_from_results(records, language, question, {t.name: t for t in TOOLS})


TOOLS_BY_NAME = {t.name: t for t in TOOLS}
SPANISH_WORDS = re.compile(r"\b(el|fue|se hizo|debería|llegar|tiene|de la marca)\b", re.IGNORECASE)  # not Portuguese


def record(engine, name: str, customer: int | None, **args) -> dict:
    result = TOOLS_BY_NAME[name].run(ToolContext(engine, customer, "pt"), args)
    return {"name": name, "args": args, "result": result.model_dump(mode="json")}


def shipped_order(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return tuple(conn.execute(text(
            "SELECT o.order_id, o.user_id FROM dbitems.tbl_order o JOIN dbitems.tbl_orderstatus s "
            "ON s.orderstatus_id = o.orderstatus_id WHERE s.name = 'shipped' ORDER BY o.order_id LIMIT 1"
        )).one())


def test_portuguese_is_a_language_only_while_its_catalogue_is_there(portuguese):
    assert "pt" in languages()
    assert TurnRequest(text="Olá", language="pt").language == "pt"


def test_without_its_catalogue_portuguese_is_refused():
    assert "pt" not in languages()
    with pytest.raises(ValidationError, match="Input should be 'en' or 'es'"):
        TurnRequest(text="Olá", language="pt")


def test_the_fixed_sentences_speak_portuguese(portuguese):
    assert VERIFY_FIRST["pt"].startswith("Para ajudar com isso")
    assert HOW_CAN_I_HELP["pt"].startswith("Em que posso ajudar")
    assert ASK_FOR_DETAIL["pt"].format(detail=detail_name("order_id", "pt")) == (
        "Pode dizer-me o número do pedido, por favor?")
    assert "português" in ANSWER_NOW["pt"]
    assert "shipped: enviado" in status_names_note("pt")
    assert caller_note("pt", verified=False).startswith("[Caller speaks Portuguese;")


def test_an_order_is_read_out_in_portuguese(portuguese, demo_sqlite_engine):
    order, customer = shipped_order(demo_sqlite_engine)
    found = record(demo_sqlite_engine, "get_order_status", customer, order_id=order)
    said = answer_from_results([found], "pt", "Onde está o meu pedido?")
    result = found["result"]
    assert said.startswith(f"O pedido {order} foi enviado. Foi feito em {spoken_date(result['order_date'], 'pt')}.")
    assert re.search(r"\d{1,2} de \w+ de \d{4}", said), said  # CLDR's Portuguese long date, from Babel
    assert fact_said(Decimal(result["total"].split()[0]), said) and "O total é de" in said, said
    assert not SPANISH_WORDS.search(said), said


def test_a_product_and_a_missing_order_are_read_out_in_portuguese(portuguese, demo_sqlite_engine):
    with demo_sqlite_engine.connect() as conn:
        product = conn.execute(text("SELECT product_id FROM dbitems.tbl_product WHERE is_active = 1 LIMIT 1")).scalar()
    found = record(demo_sqlite_engine, "get_product", None, product_id=product)
    said = answer_from_results([found], "pt", "Quanto custa?")
    assert said.startswith(f"O {found['result']['name']} custa ") and "É da marca" in said, said
    order, customer = shipped_order(demo_sqlite_engine)
    missing = record(demo_sqlite_engine, "get_order_status", customer, order_id=99999999)
    assert answer_from_results([missing], "pt", "?") == "Não encontrei o pedido 99999999 na sua conta."


def test_a_sentence_the_catalogue_lacks_falls_back_to_english_never_spanish(portuguese):
    no_cards = {"name": "list_payment_methods", "args": {}, "result": {"cards": []}}
    assert answer_from_results([no_cards], "pt", "?") == say("answers.no_cards", "en")
    assert say("fixed.verify_first", "fr") == VERIFY_FIRST["en"]


def test_portuguese_is_detected_only_when_it_has_a_catalogue(portuguese):
    assert detect_language("Onde está o meu pedido? Ainda não chegou.") == "pt"
    assert detect_language("¿Dónde está mi pedido? Todavía no ha llegado.") == "es"
    assert detect_language("Where is my order? It has not arrived yet.") == "en"


def test_without_a_catalogue_portuguese_is_never_detected():
    assert detect_language("Onde está o meu pedido? Ainda não chegou.") in ("en", "es")


async def test_a_turn_in_portuguese_is_answered_in_portuguese(portuguese, tmp_path, demo_sqlite_url,
                                                             demo_sqlite_engine):
    order, customer = shipped_order(demo_sqlite_engine)
    settings = Settings(data_dir=tmp_path, database_url=demo_sqlite_url, checkpointer="memory",
                        agent_answers="templates", _env_file=None)
    model = ScriptedChatModel(replies=[tool_call("get_order_status", order_id=order), AIMessage("unused")])
    agent = AgentService.from_settings(settings, chat_model=model, db=demo_sqlite_engine)
    try:
        result = await agent.run_turn(TurnRequest(text=f"Onde está o meu pedido {order}?", customer_id=customer))
    finally:
        await agent.aclose()
    assert result.language == "pt"
    assert result.response.startswith(f"O pedido {order} foi enviado."), result.response


@pytest.mark.parametrize(("said", "tool"), [
    ("Vocês vendem mochilas para a escola?", "search_products"),
    ("Quanto tempo demora a entrega para Lisboa?", "get_policy"),
    ("Onde está a minha encomenda 16?", "get_order_status"),
    ("Olá, bom dia!", "reply"),
])
def test_portuguese_requests_are_routed_from_the_catalogues_examples(portuguese, said, tool):
    from agent.routing import route

    assert route(TOOLS, said).best == tool


async def test_a_portuguese_question_is_offered_its_tool_and_answered_in_portuguese(
        portuguese, tmp_path, demo_sqlite_url, demo_sqlite_engine):
    settings = Settings(data_dir=tmp_path, database_url=demo_sqlite_url, checkpointer="memory", _env_file=None)
    model = ScriptedChatModel(replies=[tool_call("search_products", query="mochila")])
    agent = AgentService.from_settings(settings, chat_model=model, db=demo_sqlite_engine)
    try:
        result = await agent.run_turn(TurnRequest(text="Vocês vendem mochilas para a escola?", language="pt"))
    finally:
        await agent.aclose()
    assert "search_products" in {t["function"]["name"] for t in model.calls[0][1]["tools"]}
    assert result.language == "pt" and not SPANISH_WORDS.search(result.response), result.response
