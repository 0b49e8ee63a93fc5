"""`GET /sessions/{id}/messages` over the real agent graph (scripted chat model, real demo DB, real SQLite
checkpointer): what was said comes back, tool calls and their results never do, and only for the session's own id."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from langchain_core.messages import AIMessage
from sqlalchemy import text

from agent.service import AgentService
from api.app import create_app
from tests.agent.scripted_model import ScriptedChatModel, tool_call
from tests.api.conftest import LOOPBACK_CLIENT


@pytest.fixture
def customer_order(demo_sqlite_engine) -> dict:
    with demo_sqlite_engine.connect() as conn:
        row = conn.execute(text(
            "SELECT o.user_id, o.order_id, s.name FROM dbitems.tbl_order o JOIN dbitems.tbl_orderstatus s "
            "ON s.orderstatus_id = o.orderstatus_id ORDER BY o.order_id LIMIT 1"
        )).one()
    return {"customer": row[0], "order": row[1], "status": row[2]}


@pytest.fixture
def client_for(make_settings, demo_sqlite_engine, scripted_voice):
    agents: list[AgentService] = []

    def open_client(replies: list, **overrides) -> TestClient:
        settings = make_settings(agent_answers="model", checkpointer="sqlite", **overrides)
        agent = AgentService.from_settings(settings, chat_model=ScriptedChatModel(replies=replies), db=demo_sqlite_engine)
        agents.append(agent)
        return TestClient(create_app(settings, agent=agent, voice=scripted_voice), client=LOOPBACK_CLIENT)

    yield open_client


def test_history_has_what_was_said_and_never_tool_results(client_for, customer_order):
    replies = [tool_call("get_order_status", order_id=customer_order["order"]), AIMessage("Your order is on its way."),
               AIMessage("You're welcome!")]
    session = uuid.uuid4().hex
    question = f"What is the status of order {customer_order['order']}?"
    with client_for(replies) as client:
        for said in (question, "Thanks"):
            answer = client.post("/text-query", json={
                "text": said, "session_id": session, "customer_id": customer_order["customer"], "speak": False,
            })
            assert answer.status_code == 200, answer.text
        assert answer.json()["session_id"] == session

        response = client.get(f"/sessions/{session}/messages")

    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    assert response.json() == {"session_id": session, "messages": [
        {"role": "caller", "text": question},
        {"role": "assistant", "text": "Your order is on its way."},
        {"role": "caller", "text": "Thanks"},
        {"role": "assistant", "text": "You're welcome!"},
    ]}
    assert "get_order_status" not in response.text


def test_another_session_id_sees_nothing(client_for):
    with client_for([AIMessage("Hello! How can I help you today?")]) as client:
        session = uuid.uuid4().hex
        assert client.post("/text-query", json={"text": "Hi", "session_id": session, "speak": False}).status_code == 200

        other = client.get(f"/sessions/{uuid.uuid4().hex}/messages")

    assert other.status_code == 200
    assert other.json()["messages"] == []


@pytest.mark.parametrize("session_id", ["demo", "1", "A" * 32, "0123456789abcdef0123456789abcde"])
def test_only_ids_the_service_issues_are_served(client_for, session_id):
    # A short or hand-picked id could be guessed; the service and its page only ever issue 32 random hex digits.
    with client_for([AIMessage("Hello!")]) as client:
        assert client.post("/text-query", json={"text": "Hi", "session_id": session_id, "speak": False}).status_code == 200

        response = client.get(f"/sessions/{session_id}/messages")

    assert response.status_code == 422
    assert response.json()["detail"].startswith("session_id:")


def test_an_invalid_api_key_is_refused(client_for):
    with client_for([], API_KEYS="right-key") as client:
        response = client.get(f"/sessions/{uuid.uuid4().hex}/messages", headers={"X-API-Key": "wrong"})

    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid API key."
