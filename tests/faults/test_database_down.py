"""The database disappears in the middle of a conversation and comes back: the service stays up, the turn still
gets an answer, /health names the database, and the next turn after its return reads real data again."""

from __future__ import annotations

import pytest

from agent.prompts import DATABASE_UNAVAILABLE
from agent.service import AgentService
from tests.agent.scripted_model import ScriptedChatModel, tool_call
from tests.api.doubles import ScriptedVoice
from tests.faults.conftest import RemovableDatabase, first_customer_order, open_app


def order_lookups(order_id: int, turns: int) -> ScriptedChatModel:
    """Each turn the model asks for the order's status; the answer is read out from the result, or is the fixed
    outage sentence, so the model is not asked to word it."""
    return ScriptedChatModel(replies=[tool_call("get_order_status", order_id=order_id) for _ in range(turns)])


def ask(client, order: int, customer: int, session: str):  # noqa: ANN001, ANN201
    return client.post("/text-query", json={
        "text": f"¿Cuál es el estado de mi pedido {order}?", "session_id": session, "customer_id": customer,
        "language": "es", "speak": False,
    })


def test_the_database_vanishing_mid_conversation_is_survived_reported_and_recovered(
    removable_db: RemovableDatabase, fault_settings
) -> None:
    order = first_customer_order(removable_db.url)
    settings = fault_settings(database_url=removable_db.url)
    agent = AgentService.from_settings(settings, chat_model=order_lookups(order.order_id, 3))
    with open_app(settings, agent=agent, voice=ScriptedVoice()) as client:
        before = ask(client, order.order_id, order.customer_id, "db-outage")
        assert before.status_code == 200
        assert before.json()["data"][0]["status"] == order.status
        assert before.json()["response"].startswith(f"El pedido {order.order_id}")
        assert client.get("/health").json()["components"]["database"]["status"] == "ok"

        removable_db.take_away()
        during = ask(client, order.order_id, order.customer_id, "db-outage")
        assert during.status_code == 200, during.text
        assert during.json()["language"] == "es"
        assert during.json()["data"][0]["error"] == "unavailable"
        health = client.get("/health")
        assert health.status_code == 503
        assert health.json()["status"] == "down"
        assert health.json()["components"]["database"]["status"] == "down"
        assert health.json()["components"]["database"]["detail"].startswith("database unreachable")

        removable_db.give_back()
        assert client.get("/health").json()["components"]["database"]["status"] == "ok"
        after = ask(client, order.order_id, order.customer_id, "db-outage")
        assert after.status_code == 200
        assert after.json()["data"][0]["status"] == order.status


def test_an_outage_is_told_in_the_callers_language_whatever_the_model_says(
    removable_db: RemovableDatabase, fault_settings
) -> None:
    order = first_customer_order(removable_db.url)
    settings = fault_settings(database_url=removable_db.url)
    agent = AgentService.from_settings(settings, chat_model=order_lookups(order.order_id, 1))
    with open_app(settings, agent=agent, voice=ScriptedVoice()) as client:
        removable_db.take_away()
        during = ask(client, order.order_id, order.customer_id, "db-outage-words")
    assert during.json()["response"] == DATABASE_UNAVAILABLE["es"]


@pytest.mark.mariadb
def test_mariadb_cut_mid_conversation_is_survived_reported_and_recovered(mariadb_ro_url: str, fault_settings) -> None:
    from sqlalchemy.engine import make_url

    from tests.faults.tcp_proxy import CuttableTcpProxy

    real = make_url(mariadb_ro_url)
    proxy = CuttableTcpProxy(real.host or "127.0.0.1", real.port or 3306)
    proxy.start()
    try:
        through_proxy = real.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        order = first_customer_order(through_proxy)
        settings = fault_settings(database_url=through_proxy)
        agent = AgentService.from_settings(settings, chat_model=order_lookups(order.order_id, 3))
        with open_app(settings, agent=agent, voice=ScriptedVoice()) as client:
            assert ask(client, order.order_id, order.customer_id, "maria-outage").json()["data"][0]["status"] \
                == order.status

            proxy.cut()
            during = ask(client, order.order_id, order.customer_id, "maria-outage")
            assert during.status_code == 200, during.text
            assert during.json()["data"][0]["error"] == "unavailable"
            health = client.get("/health")
            assert health.status_code == 503 and health.json()["components"]["database"]["status"] == "down"
            assert "apitap_ro_test" not in health.text

            proxy.start()
            assert client.get("/health").json()["components"]["database"]["status"] == "ok"
            after = ask(client, order.order_id, order.customer_id, "maria-outage")
            assert after.json()["data"][0]["status"] == order.status
    finally:
        proxy.close()
