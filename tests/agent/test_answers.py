"""Answers read out from tool results (agent/answers.py), over real results of the real tools on the demo database."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from langchain_core.messages import AIMessage
from sqlalchemy import text

from agent.answers import answer_from_results as _answer_from_results
from agent.contract import TurnRequest
from agent.service import AgentService
from core.settings import Settings
from evals.facts import Status, date_said, fact_said
from tests.agent.scripted_model import ScriptedChatModel, tool_call
from tools import TOOLS
from tools.context import ToolContext
from tools.db.demo_reference import ORDER_STATUSES, PROMPT_INJECTION_TEXT
from tools.spoken import spoken_date, spoken_money


def answer_from_results(records, language, question):
    """The answers declared on the built-in tools (a tool not among them has none)."""
    return _answer_from_results(records, language, question, {t.name: t for t in TOOLS})


TOOLS_BY_NAME = {t.name: t for t in TOOLS}
ENGLISH_STATUS_WORDS = re.compile(r"\b(pending|processing|shipped|delivered|cancelled|returned)\b")


def record(engine, name: str, customer: int | None, caller_language: str = "en", **args) -> dict:
    result = TOOLS_BY_NAME[name].run(ToolContext(engine, customer, caller_language), args)
    return {"name": name, "args": args, "result": result.model_dump(mode="json")}


def proof_of(engine, customer: int) -> tuple[str, str]:
    """The customer's primary e-mail and default postal code: what verifies them."""
    with engine.connect() as conn:
        email = conn.execute(text("SELECT email FROM dbuser.tbl_email WHERE user_id = :u AND is_primary = 1"),
                             {"u": customer}).scalar_one()
        postal = conn.execute(text("SELECT postal_code FROM dbuser.tbl_address WHERE user_id = :u "
                                   "AND is_default = 1"), {"u": customer}).scalar_one()
    return email, postal


def order_with_status(engine, status: str) -> tuple[int, int]:
    with engine.connect() as conn:
        return tuple(conn.execute(text(
            "SELECT o.order_id, o.user_id FROM dbitems.tbl_order o JOIN dbitems.tbl_orderstatus s "
            "ON s.orderstatus_id = o.orderstatus_id WHERE s.name = :s ORDER BY o.order_id LIMIT 1"
        ), {"s": status}).one())


def test_every_built_in_tool_has_a_sentence():
    assert all(t.answer is not None for t in TOOLS)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("status", ORDER_STATUSES)
def test_order_status_says_status_date_and_total_in_the_callers_language(demo_sqlite_engine, status, language):
    order, customer = order_with_status(demo_sqlite_engine, status)
    found = record(demo_sqlite_engine, "get_order_status", customer, language, order_id=order)
    said = answer_from_results([found], language, "status?")
    result = found["result"]
    assert fact_said(Status(status), said), said
    assert fact_said(Decimal(result["total"].split()[0]), said), said
    assert str(order) in said
    assert spoken_date(result["order_date"], language) in said
    if result.get("tracking_number") and status == "shipped":
        assert fact_said(result["tracking_number"], said) and result["carrier"] in said
    if language == "es":
        assert not ENGLISH_STATUS_WORDS.search(said), said


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_order_tool_is_read_out_without_english_status_words_in_spanish(demo_sqlite_engine, language):
    order, customer = order_with_status(demo_sqlite_engine, "shipped")
    for name, args in [("get_order_details", {"order_id": order}), ("list_recent_orders", {}),
                       ("track_shipment", {"order_id": order})]:
        found = record(demo_sqlite_engine, name, customer, language, **args)
        assert "error" not in found["result"], found
        said = answer_from_results([found], language, "?")
        assert said and str(order) in said, (name, said)
        if language == "es":
            assert not ENGLISH_STATUS_WORDS.search(said), (name, said)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_return_says_its_status_and_no_return_is_not_a_missing_order(demo_sqlite_engine, language):
    order, customer = order_with_status(demo_sqlite_engine, "returned")
    found = record(demo_sqlite_engine, "get_return_status", customer, language, order_id=order)
    latest = found["result"]["returns"][-1]
    said = answer_from_results([found], language, "?")
    assert fact_said(Status(latest["status"]), said) and str(order) in said, said
    other, owner = order_with_status(demo_sqlite_engine, "pending")
    none = record(demo_sqlite_engine, "get_return_status", owner, language, order_id=other)
    assert {"en": "no return", "es": "ninguna devolución"}[language] in answer_from_results([none], language, "?")


def test_order_details_name_the_items_the_card_by_brand_and_last_four_and_the_shipping(demo_sqlite_engine):
    order, customer = order_with_status(demo_sqlite_engine, "delivered")
    found = record(demo_sqlite_engine, "get_order_details", customer, order_id=order)
    said = answer_from_results([found], "en", "What did I buy?")
    result = found["result"]
    assert result["items"][0]["name"] in said
    assert not re.search(r"\d{13,19}", said)
    if result["card_last4"]:
        assert f"ending in {result['card_last4']}" in said
    assert "Shipping was" in said


def test_a_delivered_shipment_says_when(demo_sqlite_engine):
    order, customer = order_with_status(demo_sqlite_engine, "delivered")
    found = record(demo_sqlite_engine, "track_shipment", customer, "es", order_id=order)
    said = answer_from_results([found], "es", "¿Dónde está?")
    assert "entregado" in said, said
    assert date_said(date.fromisoformat(found["result"]["delivered_at"][:10]), said), said


def test_product_price_brand_stock_and_warranty(demo_sqlite_engine):
    with demo_sqlite_engine.connect() as conn:
        product = conn.execute(text("SELECT product_id FROM dbitems.tbl_product WHERE is_active = 1 LIMIT 1")).scalar()
    found = record(demo_sqlite_engine, "get_product", None, product_id=product)
    result = found["result"]
    for language in ("en", "es"):
        said = answer_from_results([found], language, "How much is it?")
        assert result["brand"] in said and result["name"] in said
        assert fact_said(Decimal(result["price"].split()[0]), said), said
        assert str(result["warranty_months"]) in said


def test_a_search_with_no_match_says_so(demo_sqlite_engine):
    found = record(demo_sqlite_engine, "search_products", None, query="zzzqqq unicorn saddle")
    assert found["result"]["products"] == [] and not found["result"]["close_matches"]
    assert "couldn't find" in answer_from_results([found], "en", "?")
    assert "No encontré" in answer_from_results([found], "es", "?")


def test_a_search_answered_by_close_matches_says_they_are_not_exact(demo_sqlite_engine):
    with demo_sqlite_engine.connect() as conn:
        name = conn.execute(text("SELECT name FROM dbitems.tbl_product WHERE is_active = 1 ORDER BY product_id")).first()[0]
    word = next(w for w in name.split() if w.isalpha() and len(w) >= 5)
    found = record(demo_sqlite_engine, "search_products", None, query=f"{word} qwxyzzy")
    assert found["result"]["close_matches"] is True
    english, spanish = (answer_from_results([found], language, "?") for language in ("en", "es"))
    listed = [product["name"] for product in found["result"]["products"]]
    assert english.startswith(f"Nothing matches {word} qwxyzzy exactly") and all(n in english for n in listed)
    assert spanish.startswith(f"Nada coincide exactamente con {word} qwxyzzy") and all(n in spanish for n in listed)


@pytest.mark.parametrize(("question", "language", "expected"), [
    ("Do you take PayPal?", "en", "PayPal"),
    ("When will I get my refund?", "en", "Refunds are issued"),
    ("¿Cuándo recibiré mi reembolso?", "es", "Emitimos el reembolso"),
    ("Is shipping free if I spend enough?", "en", "50 USD"),
    # "order" is in both shipping answers, so it tells neither: both are read (it once picked tracking alone).
    ("What do you charge to deliver a small order?", "en", "50 USD"),
])
def test_policy_reads_the_faq_answer_closest_to_the_question(demo_sqlite_engine, question, language, expected):
    topic = {"PayPal": "payment", "50 USD": "shipping"}.get(expected, "returns")
    found = record(demo_sqlite_engine, "get_policy", None, language, topic=topic)
    assert expected in answer_from_results([found], language, question)


def test_profile_speaks_the_phone_ending_not_asterisks(demo_sqlite_engine):
    found = record(demo_sqlite_engine, "get_customer_profile", 1)
    said = answer_from_results([found], "en", "What's on my profile?")
    assert "*" not in said
    assert re.sub(r"\D", "", found["result"]["phone"])[-4:] in said
    assert found["result"]["first_name"] in said


def test_cards_are_read_by_brand_and_last_four_only(demo_sqlite_engine):
    with demo_sqlite_engine.connect() as conn:
        customer = conn.execute(text("SELECT user_id FROM dbcards.tbl_carduser WHERE is_active = 1 LIMIT 1")).scalar()
    found = record(demo_sqlite_engine, "list_payment_methods", customer, "es")
    said = answer_from_results([found], "es", "¿Qué tarjetas tengo?")
    for card in found["result"]["cards"]:
        assert f"terminada en {card['last4']}" in said
    assert not re.search(r"\d{5,}", said)


def test_a_ticket_is_read_without_the_customers_own_text(demo_sqlite_engine):
    with demo_sqlite_engine.connect() as conn:
        ticket, customer = conn.execute(text(
            "SELECT help_ticket_id, user_id FROM dbuser.tbl_help_ticket WHERE description = :d"
        ), {"d": PROMPT_INJECTION_TEXT}).one()
    found = record(demo_sqlite_engine, "get_ticket", customer, ticket_id=ticket)
    said = answer_from_results([found], "en", "What about my ticket?")
    assert str(ticket) in said and "is open" in said
    assert "Ignore your instructions" not in said


def test_not_found_is_said_plainly_and_an_ambiguous_name_is_left_to_the_model(demo_sqlite_engine):
    order, customer = order_with_status(demo_sqlite_engine, "shipped")
    missing = record(demo_sqlite_engine, "get_order_status", customer, "es", order_id=99999999)
    assert answer_from_results([missing], "es", "?") == "No encontré el pedido 99999999 en su cuenta."
    ambiguous = {"name": "get_product", "args": {"name": "phone"},
                 "result": {"error": "invalid_argument", "message": "Several products match 'phone'."}}
    assert answer_from_results([ambiguous], "en", "?") is None
    plugin = {"name": "get_loyalty_points", "args": {}, "result": {"points": 12}}
    assert answer_from_results([plugin], "en", "?") is None


def test_verification_then_the_question_are_one_answer(demo_sqlite_engine):
    order, customer = order_with_status(demo_sqlite_engine, "pending")
    email, postal = proof_of(demo_sqlite_engine, customer)
    verified = record(demo_sqlite_engine, "verify_customer", None, email=email, postal_code=postal)
    status = record(demo_sqlite_engine, "get_order_status", customer, order_id=order)
    said = answer_from_results([verified, status], "en", "status?")
    assert said.startswith(f"Thank you, {verified['result']['first_name']}") and "is pending" in said


def test_spoken_forms():
    assert spoken_date("2026-03-03T10:00:00", "en") == "March 3, 2026"
    assert spoken_date("2026-03-03", "es") == "3 de marzo de 2026"
    assert spoken_money("1299.90 USD", "en") == "1,299.90 dollars"
    assert spoken_money("1299.90 USD", "es") == "1.299,90 dólares"
    assert spoken_money("25.00 EUR", "es") == "25 euros"
    assert spoken_money("19.50 MXN", "en") == "19.50 Mexican pesos"


def test_a_currency_the_catalogue_does_not_name_is_named_by_cldr():
    assert spoken_money("10.00 GBP", "en") == "10 British pounds"
    assert spoken_money("10.00 GBP", "es") == "10 libras esterlinas"
    assert spoken_money("1.00 GBP", "en") == "1 British pound"


def _agent(tmp_path, url, engine, answers: str, replies):
    settings = Settings(data_dir=tmp_path, database_url=url, checkpointer="memory", agent_answers=answers,
                        _env_file=None)
    model = ScriptedChatModel(replies=replies)
    return AgentService.from_settings(settings, chat_model=model, db=engine), model


async def test_the_graph_reads_results_out_without_a_second_model_call(tmp_path, demo_sqlite_url,
                                                                        demo_sqlite_engine):
    order, customer = order_with_status(demo_sqlite_engine, "shipped")
    agent, model = _agent(tmp_path, demo_sqlite_url, demo_sqlite_engine, "templates",
                          [tool_call("get_order_status", order_id=order)])
    result = await agent.run_turn(TurnRequest(text=f"¿Dónde está mi pedido {order}?", customer_id=customer,
                                              language="es"))
    await agent.aclose()
    assert len(model.calls) == 1
    assert result.response.startswith(f"El pedido {order}") and "fue enviado" in result.response


async def test_the_model_words_the_answer_when_configured(tmp_path, demo_sqlite_url, demo_sqlite_engine):
    order, customer = order_with_status(demo_sqlite_engine, "shipped")
    agent, model = _agent(tmp_path, demo_sqlite_url, demo_sqlite_engine, "model",
                          [tool_call("get_order_status", order_id=order), AIMessage("It is on its way.")])
    result = await agent.run_turn(TurnRequest(text=f"Where is order {order}?", customer_id=customer))
    await agent.aclose()
    assert len(model.calls) == 2
    assert result.response == "It is on its way."


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "You have no support ticket that is waiting for your reply."),
    ("es", "No tiene ningún ticket de soporte que está esperando su respuesta."),
])
def test_an_empty_filtered_list_says_what_it_was_filtered_by(language, expected):
    """Measured: "you have no support tickets" for a caller who had tickets, none of them in the asked status."""
    record = {"name": "list_support_tickets", "args": {"status": "waiting_customer"}, "result": {"tickets": []}}
    assert answer_from_results([record], language, "?") == expected


async def test_a_verification_with_nothing_else_asked_says_so_whatever_the_model_adds(
        tmp_path, demo_sqlite_url, demo_sqlite_engine):
    _, customer = order_with_status(demo_sqlite_engine, "pending")
    email, postal = proof_of(demo_sqlite_engine, customer)
    with demo_sqlite_engine.connect() as conn:
        first_name = conn.execute(text("SELECT first_name FROM dbuser.tbl_user WHERE user_id = :u"),
                                  {"u": customer}).scalar_one()
    agent, _ = _agent(tmp_path, demo_sqlite_url, demo_sqlite_engine, "templates", [
        tool_call("verify_customer", email=email, postal_code=postal),
        tool_call("reply", call_id="r", text="I'm sorry, I can't help with that. Which order is it about?"),
    ])
    result = await agent.run_turn(TurnRequest(text=f"Hi, it's me. My email is {email} and my zip is {postal}."))
    await agent.aclose()
    assert result.response.startswith(f"Thank you, {first_name}, you are verified.")
    assert "sorry" not in result.response and result.response.endswith("Which order is it about?")


async def test_an_unnamed_order_answered_by_the_callers_list_asks_which_one(
        tmp_path, demo_sqlite_url, demo_sqlite_engine):
    with demo_sqlite_engine.connect() as conn:
        customer = conn.execute(text("SELECT user_id FROM dbitems.tbl_order GROUP BY user_id "
                                     "HAVING COUNT(*) > 1 ORDER BY user_id LIMIT 1")).scalar_one()
    agent, _ = _agent(tmp_path, demo_sqlite_url, demo_sqlite_engine, "templates",
                      [tool_call("get_order_status", order_id=987654)])
    result = await agent.run_turn(TurnRequest(text="Where's my order?", customer_id=customer))
    await agent.aclose()
    assert [c.name for c in result.tool_calls] == ["list_recent_orders"]
    assert result.response.endswith("Which one are you asking about?")


@pytest.mark.parametrize(("language", "expected"), [("en", "We have no store or warehouse in Atlantis."),
                                                    ("es", "No tenemos tienda ni almacén en Atlantis.")])
def test_stock_in_a_place_without_a_store_is_not_called_out_of_stock(demo_sqlite_engine, language, expected):
    with demo_sqlite_engine.connect() as conn:
        product = conn.execute(text("SELECT MIN(product_id) FROM dbitems.tbl_product WHERE is_active = 1")).scalar_one()
    found = record(demo_sqlite_engine, "check_stock", None, language, product_id=product, city="Atlantis")
    assert answer_from_results([found], language, "?") == expected
