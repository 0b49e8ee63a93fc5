"""A conversation interrupted by a server restart resumes from the SQLite checkpointer: the second server knows the
verified caller and every earlier message, and nothing of the first half is lost."""

from __future__ import annotations

from langchain_core.messages import AIMessage, HumanMessage

from agent.service import AgentService
from tests.agent.scripted_model import ScriptedChatModel, tool_call
from tests.api.doubles import ScriptedVoice
from tests.faults.conftest import first_customer_order, open_app

SESSION = "resume-after-restart"


def test_a_restart_in_the_middle_of_a_conversation_loses_nothing(demo_sqlite_url: str, fault_settings) -> None:
    order = first_customer_order(demo_sqlite_url)
    settings = fault_settings(database_url=demo_sqlite_url, checkpointer="sqlite")
    first_words = f"What is the status of order {order.order_id}?"
    before = ScriptedChatModel(replies=[tool_call("get_order_status", order_id=order.order_id)])
    with open_app(settings, agent=AgentService.from_settings(settings, chat_model=before),
                  voice=ScriptedVoice()) as client:
        turn = client.post("/text-query", json={"text": first_words, "session_id": SESSION,
                                                "customer_id": order.customer_id, "speak": False})
        assert turn.status_code == 200
        first_answer = turn.json()["response"]
        assert first_answer.startswith(f"Order {order.order_id}")

    # A new process: new app, new agent, new model; only the checkpoint file under DATA_DIR carries over.
    after = ScriptedChatModel(replies=[tool_call("get_order_details", order_id=order.order_id)])
    with open_app(settings, agent=AgentService.from_settings(settings, chat_model=after),
                  voice=ScriptedVoice()) as client:
        # No customer_id this time: the verification must come from the checkpoint, not from the request.
        turn = client.post("/text-query", json={"text": "And what is in it?", "session_id": SESSION,
                                                "speak": False})
    assert turn.status_code == 200
    details = turn.json()["data"][0]
    assert details.get("error") is None, details
    assert details["order_id"] == order.order_id

    seen_after_restart, _ = after.calls[0]
    said = [m.content for m in seen_after_restart if isinstance(m, HumanMessage)]
    answered = [m.content for m in seen_after_restart if isinstance(m, AIMessage) and m.content]
    assert any(first_words in text for text in said)
    assert first_answer in answered
    assert "identity verified" in said[-1]
