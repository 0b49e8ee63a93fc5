"""The LLM server is unreachable, then hangs, then comes back: every turn still gets an answer (the "assistant
unavailable" message in the caller's language), /health names the LLM, and the first turn after its return is
answered by the model again — no restart needed."""

from __future__ import annotations

from agent.prompts import ASSISTANT_UNAVAILABLE
from agent.service import AgentService
from tests.api.doubles import ScriptedVoice
from tests.faults.conftest import ScriptedOpenAIServer, open_app
from tests.security.live_server import free_port, serve

MODEL_REPLY = "Hola, soy el asistente. ¿En qué puedo ayudarle?"
HUNG_FOR_S = 5.0
CLIENT_TIMEOUT_S = 1.0


def greet(client, session: str, text: str = "Hola, buenas tardes", language: str = "es"):  # noqa: ANN001, ANN201
    return client.post("/text-query", json={"text": text, "session_id": session, "language": language,
                                            "speak": False})


def test_an_unreachable_then_hung_llm_is_survived_reported_and_recovered(demo_sqlite_url: str, fault_settings) -> None:
    port = free_port()
    settings = fault_settings(
        database_url=demo_sqlite_url, llm_provider="openai", openai_base_url=f"http://127.0.0.1:{port}/v1",
        openai_model=ScriptedOpenAIServer.model, llm_timeout_s=CLIENT_TIMEOUT_S,
    )
    llm_server = ScriptedOpenAIServer(MODEL_REPLY)
    with open_app(settings, agent=AgentService.from_settings(settings), voice=ScriptedVoice()) as client:
        unreachable = greet(client, "llm-outage")
        assert unreachable.status_code == 200
        assert unreachable.json()["response"] == ASSISTANT_UNAVAILABLE["es"]
        assert unreachable.json()["error"] == "llm_unavailable"
        health = client.get("/health")
        assert health.status_code == 503 and health.json()["components"]["llm"]["status"] == "down"

        english = greet(client, "llm-outage-en", "Hello, can you help me?", "en")
        assert english.json()["response"] == ASSISTANT_UNAVAILABLE["en"]

        llm_server.delay_s = HUNG_FOR_S
        with serve(llm_server.app, port):
            hung = greet(client, "llm-outage")
            assert hung.status_code == 200
            assert hung.json()["response"] == ASSISTANT_UNAVAILABLE["es"]
            assert client.get("/health").json()["components"]["llm"]["status"] == "degraded"

            llm_server.delay_s = 0.0
            back = greet(client, "llm-outage")
            assert back.status_code == 200
            assert back.json()["response"] == MODEL_REPLY
            health = client.get("/health")
            assert health.status_code == 200 and health.json()["components"]["llm"]["status"] == "ok"
