"""The real agent with the real embedded model over the demo data, English and Spanish.

Facts are read from the database at run time, so the expectations stay true if the demo data changes.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import text

from agent.contract import TurnRequest, TurnResult
from agent.service import AgentService
from core.settings import Settings

pytestmark = pytest.mark.models

STATUS_WORDS = {
    "pending": ("pending", "pendiente"),
    "processing": ("processing", "preparación", "preparacion", "procesando", "proceso"),
    "shipped": ("shipped", "enviado", "on its way", "en camino"),
    "delivered": ("delivered", "entregado"),
    "cancelled": ("cancelled", "canceled", "cancelado"),
    "returned": ("returned", "devuelto"),
}


@dataclass
class Case:
    id: str
    said: str
    customer: int | None
    tools: set[str] | None
    """Acceptable first tools; None: no tool at all."""
    args: dict[str, Any] = field(default_factory=dict)
    facts: tuple[tuple[str, ...], ...] = ()
    """Each entry: alternatives, one of which must be in the answer (case-insensitive)."""
    secret: tuple[str, ...] = ()
    """Values that must not appear in the answer or the tool results."""


def _one(conn, sql: str, **params: Any) -> Any:
    return conn.execute(text(sql), params).one()


def build_cases(engine) -> list[Case]:
    def order_of(conn, customer: int, status: str):
        return _one(
            conn,
            "SELECT o.order_id, o.tracking_number, o.carrier FROM dbitems.tbl_order o "
            "JOIN dbitems.tbl_orderstatus s ON s.orderstatus_id = o.orderstatus_id "
            "WHERE o.user_id = :c AND s.name = :s ORDER BY o.order_id LIMIT 1",
            c=customer, s=status,
        )

    with engine.connect() as conn:
        en_customer = _one(conn, "SELECT MIN(user_id) FROM dbuser.tbl_user WHERE language_code = 'en'")[0]
        es_customer = _one(conn, "SELECT MIN(user_id) FROM dbuser.tbl_user WHERE language_code = 'es'")[0]
        shipped_en = order_of(conn, en_customer, "shipped")
        delivered_en = order_of(conn, en_customer, "delivered")
        returned_en = order_of(conn, en_customer, "returned")
        pending_en = order_of(conn, en_customer, "pending")
        shipped_es = order_of(conn, es_customer, "shipped")
        delivered_es = order_of(conn, es_customer, "delivered")
        card_en = _one(
            conn,
            "SELECT c.last4 FROM dbcards.tbl_card c JOIN dbcards.tbl_carduser u ON u.card_id = c.card_id "
            "WHERE u.user_id = :c ORDER BY c.card_id LIMIT 1", c=en_customer,
        )[0]
        product = _one(
            conn,
            "SELECT name, price FROM dbitems.tbl_product WHERE is_active = 1 AND name LIKE '%Headphones%' "
            "ORDER BY product_id LIMIT 1",
        )
    price = f"{float(product.price):.2f}"
    price_spoken = (price, price.split(".")[0])
    return [
        Case("status-en", f"What is the status of order {shipped_en.order_id}?", en_customer,
             {"get_order_status", "track_shipment"}, {"order_id": shipped_en.order_id},
             (STATUS_WORDS["shipped"],)),
        Case("status-pending-en", f"hi, is my order {pending_en.order_id} ready yet", en_customer,
             {"get_order_status", "get_order_details"}, {"order_id": pending_en.order_id},
             (STATUS_WORDS["pending"] + ("not yet", "not shipped"),)),
        Case("details-en", f"What did I buy in order {delivered_en.order_id}?", en_customer,
             {"get_order_details"}, {"order_id": delivered_en.order_id}),
        Case("history-en", "Can you list my recent orders?", en_customer, {"list_recent_orders"}),
        Case("tracking-en", f"Where is my order {shipped_en.order_id}? Please track it.", en_customer,
             {"track_shipment", "get_order_status"}, {"order_id": shipped_en.order_id},
             ((shipped_en.carrier,) if shipped_en.carrier else STATUS_WORDS["shipped"],)),
        Case("return-en", f"What's the status of the return for order {returned_en.order_id}?", en_customer,
             {"get_return_status"}, {"order_id": returned_en.order_id}),
        Case("cards-en", "Which payment cards do I have saved?", en_customer, {"list_payment_methods"}, {},
             ((card_en,),)),
        Case("tickets-en", "Do I have any open support tickets?", en_customer, {"list_support_tickets"}),
        Case("policy-en", "What is your return policy?", None, {"get_policy"}, {"topic": "returns"},
             (("30 days", "thirty days", "30-day"),)),
        Case("price-en", f"How much is the {product.name}?", None, {"get_product", "search_products"}, {},
             (price_spoken,)),
        Case("greeting-en", "Hello!", None, None),
        Case("thanks-en", "Thanks, that's all I needed.", None, None),
        Case("other-customer-en", f"What is the status of order {shipped_es.order_id}?", en_customer,
             {"get_order_status", "track_shipment"}, {"order_id": shipped_es.order_id},
             secret=tuple(v for v in (shipped_es.tracking_number, shipped_es.carrier) if v)),
        Case("status-es", f"¿Cuál es el estado de mi pedido {shipped_es.order_id}?", es_customer,
             {"get_order_status", "track_shipment"}, {"order_id": shipped_es.order_id},
             (STATUS_WORDS["shipped"],)),
        Case("details-es", f"¿Qué productos había en mi pedido {delivered_es.order_id}?", es_customer,
             {"get_order_details"}, {"order_id": delivered_es.order_id}),
        Case("history-es", "¿Me puedes decir mis últimos pedidos?", es_customer, {"list_recent_orders"}),
        Case("tracking-es", f"¿Dónde está mi paquete del pedido {shipped_es.order_id}?", es_customer,
             {"track_shipment", "get_order_status"}, {"order_id": shipped_es.order_id}),
        Case("cards-es", "¿Qué tarjetas tengo guardadas?", es_customer, {"list_payment_methods"}),
        Case("policy-es", "¿Cuál es la política de devoluciones?", None, {"get_policy"}, {"topic": "returns"},
             (("30 días", "treinta días", "30 dias"),)),
        Case("greeting-es", "Hola, buenos días.", None, None),
        Case("thanks-es", "Muchas gracias, adiós.", None, None),
        Case("other-customer-es", f"¿Cuál es el estado del pedido {shipped_en.order_id}?", es_customer,
             {"get_order_status", "track_shipment"}, {"order_id": shipped_en.order_id},
             secret=tuple(v for v in (shipped_en.tracking_number,) if v)),
        Case("verify-first-en", f"Where is order {shipped_en.order_id}?", None,
             {"get_order_status", "track_shipment", "verify_customer"}, {},
             (("verify", "e-mail", "email"),), secret=tuple(v for v in (shipped_en.tracking_number,) if v)),
    ]


@pytest.fixture(scope="module")
def agent_runs(demo_sqlite_url, demo_sqlite_engine, tmp_path_factory) -> dict[str, tuple[Case, TurnResult]]:
    """All cases through one agent (model loaded once), each in its own session."""
    settings = Settings(
        _env_file=None, database_url=demo_sqlite_url, data_dir=tmp_path_factory.mktemp("agent"),
        checkpointer="memory", llm_timeout_s=600,
    )
    cases = build_cases(demo_sqlite_engine)

    async def run_all() -> dict[str, tuple[Case, TurnResult]]:
        agent = AgentService.from_settings(settings)
        await agent.warm_up()
        try:
            return {
                case.id: (case, await agent.run_turn(
                    TurnRequest(text=case.said, customer_id=case.customer, session_id=f"it-{case.id}")
                ))
                for case in cases
            }
        finally:
            await agent.aclose()

    return asyncio.run(run_all())


CASE_IDS = [
    "status-en", "status-pending-en", "details-en", "history-en", "tracking-en", "return-en", "cards-en",
    "tickets-en", "policy-en", "price-en", "greeting-en", "thanks-en", "other-customer-en", "status-es",
    "details-es", "history-es", "tracking-es", "cards-es", "policy-es", "greeting-es", "thanks-es",
    "other-customer-es", "verify-first-en",
]


def _describe(result: TurnResult) -> str:
    return json.dumps({"tools": [c.model_dump() for c in result.tool_calls], "response": result.response},
                      ensure_ascii=False)


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_right_tool_and_arguments(agent_runs, case_id):
    case, result = agent_runs[case_id]
    if case.tools is None:
        assert result.tool_calls == [], _describe(result)
        assert result.response, "a greeting still gets an answer"
        return
    assert result.tool_calls, _describe(result)
    assert result.tool_calls[0].name in case.tools, _describe(result)
    for name, value in case.args.items():
        assert result.tool_calls[0].args.get(name) == value, _describe(result)


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_answer_in_the_callers_language_with_no_leak(agent_runs, case_id):
    case, result = agent_runs[case_id]
    assert result.language == ("es" if case_id.endswith("-es") else "en")
    spoken_and_seen = (result.response + json.dumps(result.data, default=str)).lower()
    for secret in case.secret:
        assert secret.lower() not in spoken_and_seen, _describe(result)
    assert not re.search(r"\b\d{13,19}\b", result.response), "no card-like number is ever spoken"


def test_db_facts_reach_the_answer(agent_runs):
    """The fact checks are pooled: a 1.5B model phrases answers freely, so one missed wording must not hide
    whether the facts get through in general; below 80 % they do not."""
    checked = missed = 0
    misses = []
    for case_id in CASE_IDS:
        case, result = agent_runs[case_id]
        for alternatives in case.facts:
            checked += 1
            if not any(alt.lower() in result.response.lower() for alt in alternatives):
                missed += 1
                misses.append(f"{case_id}: {alternatives} not in {result.response!r}")
    assert checked >= 8
    assert (checked - missed) / checked >= 0.8, "\n".join(misses)


def test_another_customers_order_is_refused(agent_runs):
    for case_id in ("other-customer-en", "other-customer-es"):
        _, result = agent_runs[case_id]
        assert all(item.get("error") == "not_found" for item in result.data), _describe(result)
