"""Conversation review and handoff through the real HTTP API: the real agent service and graph (a scripted chat
model stands in for the LLM), the real demo database, the real review store (SQLite under DATA_DIR)."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from langchain_core.messages import AIMessage
from sqlalchemy import text

from agent.service import AgentService
from api.app import create_app
from core.i18n import say
from evals.cases import load_case_file
from tests.agent.scripted_model import ScriptedChatModel, tool_call
from tests.api.conftest import LOOPBACK_CLIENT

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def order_owner(demo_sqlite_engine) -> dict:
    """An order, and everything personal the database holds about its owner."""
    with demo_sqlite_engine.connect() as conn:
        row = conn.execute(text(
            "SELECT o.order_id, u.user_id, u.first_name, u.last_name FROM dbitems.tbl_order o "
            "JOIN dbuser.tbl_user u ON u.user_id = o.user_id ORDER BY o.order_id LIMIT 1"
        )).one()
        emails = conn.execute(text("SELECT email FROM dbuser.tbl_email WHERE user_id = :u"), {"u": row[1]}).scalars()
        phones = conn.execute(text("SELECT phone_number FROM dbuser.tbl_phone WHERE user_id = :u"), {"u": row[1]}).scalars()
        personal = [row[2], row[3], *emails, *phones]
    return {"order": row[0], "customer": row[1], "personal": [p for p in personal if p]}


@pytest.fixture
def client_for(make_settings, demo_sqlite_engine, scripted_voice):
    """`client_for(replies, **settings)`: the app around a real AgentService whose LLM replays `replies`."""
    models: list[ScriptedChatModel] = []

    def open_client(replies: list, client=LOOPBACK_CLIENT, **overrides) -> TestClient:
        settings = make_settings(agent_answers="model", checkpointer="sqlite", **overrides)
        model = ScriptedChatModel(replies=replies)
        models.append(model)
        agent = AgentService.from_settings(settings, chat_model=model, db=demo_sqlite_engine)
        test_client = TestClient(create_app(settings, agent=agent, voice=scripted_voice), client=client)
        test_client.model = model
        return test_client

    yield open_client


def ask(client: TestClient, said: str, session: str, **extra) -> dict:
    response = client.post("/text-query", json={"text": said, "session_id": session, "speak": False, **extra})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(("said", "language"), [
    ("I want to talk to a person", "en"),
    ("Quiero hablar con una persona, por favor", "es"),
])
def test_asking_for_a_person_creates_a_handoff_and_says_what_happens_next(client_for, said, language):
    session = uuid.uuid4().hex
    with client_for([]) as client:
        turn = ask(client, said, session)
        queue = client.get("/review/handoffs").json()
        conversation = client.get(f"/review/conversations/{session}").json()

    assert client.model.calls == [], "asking for a person is answered without the model"
    handoff = turn["handoff"]
    assert handoff["reason"] == "asked_for_person" and handoff["transfer_to"] is None
    assert turn["language"] == language
    assert turn["response"] == say("handoff.asked_for_person", language, reference=handoff["id"])
    [queued] = [h for h in queue if h["session_id"] == session]
    assert queued["id"] == handoff["id"] and queued["status"] == "open"
    assert queued["summary"].startswith("Why: the caller asked for a person.\nCaller: not identified;")
    assert said in queued["summary"]
    [recorded] = conversation["turns"]
    assert recorded["flags"] == ["handoff"] and recorded["handoff_id"] == handoff["id"]
    assert recorded["response"] == turn["response"]


def test_an_anonymous_callers_handoff_holds_no_personal_data_they_did_not_give(client_for, order_owner):
    session = uuid.uuid4().hex
    replies = [tool_call("get_order_status", order_id=order_owner["order"])]
    with client_for(replies) as client:
        first = ask(client, f"Where is order {order_owner['order']}?", session)
        turn = ask(client, "quiero hablar con un agente", session)
        queued = next(h for h in client.get("/review/handoffs").json() if h["session_id"] == session)
        conversation = client.get(f"/review/conversations/{session}").json()

    assert first["data"][0]["error"] == "verification_required"
    assert turn["handoff"]["id"] == queued["id"]
    assert queued["customer_id"] is None
    recorded = json.dumps([queued, conversation], ensure_ascii=False)
    leaked = [value for value in order_owner["personal"] if value.lower() in recorded.lower()]
    assert leaked == []
    assert f"Where is order {order_owner['order']}?" in queued["summary"]
    assert "get_order_status → verification required" in queued["summary"]


def test_asking_again_repeats_the_reference_instead_of_a_second_handoff(client_for):
    session = uuid.uuid4().hex
    with client_for([]) as client:
        first = ask(client, "I want to talk to a person", session)
        again = ask(client, "Can I speak to a human please", session)
        active = [h for h in client.get("/review/handoffs").json() if h["session_id"] == session]
    reference = first["handoff"]["id"]
    assert again["handoff"]["id"] == reference and len(active) == 1
    assert again["response"] == say("handoff.already", "en", reference=reference)


def test_three_turns_without_help_hand_off_after_the_answer(client_for):
    session = uuid.uuid4().hex
    with client_for([AIMessage("Which order do you mean?")] * 3) as client:
        turns = [ask(client, said, session) for said in ("I have a problem", "it's about a thing", "the thing")]
        history = client.get(f"/sessions/{session}/messages").json()["messages"]
    assert [t["handoff"] for t in turns[:2]] == [None, None]
    handoff = turns[2]["handoff"]
    assert handoff["reason"] == "repeated_failure"
    added = say("handoff.repeated_failure", "en", reference=handoff["id"])
    answer = turns[2]["response"]
    assert answer.endswith(f"? {added}"), "the handoff follows the turn's own answer (a question back)"
    assert history[-1] == {"role": "assistant", "text": answer}, "the history has what the caller was told"


def test_a_locked_verification_hands_off(client_for):
    session = uuid.uuid4().hex
    proof = "My email is nobody@example.com and my postal code is 00000"
    replies = []
    for _ in range(3):
        replies += [tool_call("verify_customer", email="nobody@example.com", postal_code="00000"),
                    AIMessage("I couldn't verify those details.")]
    with client_for(replies) as client:
        turns = [ask(client, proof, session) for _ in range(3)]
        conversation = client.get(f"/review/conversations/{session}").json()
    assert [t["handoff"] for t in turns[:2]] == [None, None]
    assert turns[2]["handoff"]["reason"] == "verification_locked"
    assert "verification_locked" in conversation["turns"][2]["flags"]
    assert all("verification_failed" in t["flags"] for t in conversation["turns"])
    assert conversation["turns"][0]["heard"] == "My email is [email] and my postal code is 00000"
    assert conversation["turns"][0]["tool_calls"][0]["args"]["email"] == "[email]"


def test_review_lists_filters_and_exports_a_case_eval_check_accepts(client_for, order_owner, tmp_path):
    session = uuid.uuid4().hex
    replies = [tool_call("get_order_status", order_id=order_owner["order"]), AIMessage("It has shipped.")]
    with client_for(replies) as client:
        ask(client, f"What is the status of order {order_owner['order']}?", session,
            customer_id=order_owner["customer"])
        ask(client, "I want to talk to a person", session, customer_id=order_owner["customer"])
        listed = client.get("/review/conversations", params={"flag": "handoff", "q": "status of order"}).json()
        none = client.get("/review/conversations", params={"flag": "leak_guard"}).json()
        bad_flag = client.get("/review/conversations", params={"flag": "nonsense"})
        exported = client.get(f"/review/conversations/{session}/case.yaml")
        missing = client.get("/review/conversations/no-such-session")
        handoff_id = listed["conversations"][0]["handoff"]["id"]
        taken = client.patch(f"/review/handoffs/{handoff_id}", json={"status": "taken"})
        closed = client.patch(f"/review/handoffs/{handoff_id}", json={"status": "closed"})
        active = client.get("/review/handoffs").json()
        wrong = client.patch(f"/review/handoffs/{handoff_id}", json={"status": "lost"})

    assert [c["session_id"] for c in listed["conversations"]] == [session] and listed["total"] == 1
    summary = listed["conversations"][0]
    assert (summary["identity"], summary["customer_id"], summary["turns"]) == ("trusted", order_owner["customer"], 2)
    assert none["conversations"] == [] and none["total"] == 0
    assert bad_flag.status_code == 422
    assert missing.status_code == 404 and missing.json()["detail"] == "No recorded conversation no-such-session."
    assert taken.json()["status"] == "taken" and closed.json()["status"] == "closed"
    assert handoff_id not in [h["id"] for h in active]
    assert wrong.status_code == 422

    assert exported.status_code == 200, exported.text
    assert exported.headers["content-type"].startswith("application/yaml")
    assert f'filename="review-{session}.yaml"' in exported.headers["content-disposition"]
    path = tmp_path / "exported.yaml"
    path.write_bytes(exported.content)
    [case] = load_case_file(path)
    assert case.caller.identity == "verified" and case.caller.customer_id == order_owner["customer"]
    assert [c.args for c in case.turns[0].expect.tools] == [{"order_id": order_owner["order"]}]
    check = subprocess.run([sys.executable, "-m", "api", "eval", "check", "--cases", str(path)],
                           cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == "1 cases OK (en: 1)"


def test_review_needs_a_valid_key_when_keys_are_configured(client_for):
    with client_for([], API_KEYS="k1") as client:
        without = client.get("/review/conversations")
        wrong = client.get("/review/handoffs", headers={"X-API-Key": "nope"})
        right = client.get("/review/conversations", headers={"X-API-Key": "k1"})
        page = client.get("/review")
    assert without.status_code == 401
    assert without.json()["detail"] == ("Reviewing conversations needs a valid X-API-Key (or, with no keys "
                                        "configured, a local caller).")
    assert wrong.status_code == 401 and wrong.json()["detail"] == "Invalid API key."
    assert right.status_code == 200
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")


def test_without_keys_only_a_local_caller_may_review(client_for):
    with client_for([], client=("203.0.113.9", 50000)) as client:
        response = client.get("/review/handoffs")
    assert response.status_code == 401


def test_review_disabled_records_no_turn_but_still_hands_off(client_for):
    session = uuid.uuid4().hex
    with client_for([], review_enabled=False) as client:
        turn = ask(client, "I want to talk to a person", session)
        conversation = client.get(f"/review/conversations/{session}").json()
    assert turn["handoff"]["reason"] == "asked_for_person"
    assert conversation["turns"] == [] and [h["id"] for h in conversation["handoffs"]] == [turn["handoff"]["id"]]
