"""`apitap ask` as a user runs it (a subprocess): against a running server with --url, and with the language model
unavailable — one line naming the setting to change, exit code 3, never an apology with exit code 0. Also
`apitap --version`."""

from __future__ import annotations

from langchain_core.messages import AIMessage

from agent.llm import LLMUnavailable
from agent.service import AgentService
from api.app import create_app
from api.routers.meta import service_version
from tests.agent.scripted_model import ScriptedChatModel
from tests.api.doubles import SCRIPTED_TOKENS, ScriptedAgent, ScriptedVoice
from tests.api.test_serve_cli import run_apitap
from tests.security.live_server import free_port, serve


def test_version():
    done = run_apitap("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"apitap {service_version()}"


def test_ask_a_running_server(make_settings):
    agent = ScriptedAgent()
    app = create_app(make_settings(api_keys="cli-key"), agent=agent, voice=ScriptedVoice())
    with serve(app) as url:
        done = run_apitap("ask", "What is the status of order 1?", "--url", url, "--api-key", "cli-key",
                          "--customer", "7", "--session", "cli-session")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "".join(SCRIPTED_TOKENS)
    assert "[session cli-session · order_status · get_order_status" in done.stderr
    assert agent.requests[-1].customer_id == 7


def test_ask_a_server_that_refuses_says_why_in_one_line(make_settings):
    app = create_app(make_settings(api_keys="cli-key"), agent=ScriptedAgent(), voice=ScriptedVoice())
    with serve(app) as url:
        done = run_apitap("ask", "Where is my order?", "--url", url, "--customer", "7")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: the server at {url} answered 401: A valid X-API-Key is required to act for a customer."
    ]


def test_ask_a_server_that_is_not_running():
    url = f"http://127.0.0.1:{free_port()}"
    done = run_apitap("ask", "Hello", "--url", url)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: cannot reach {url} (ConnectError): is `apitap serve` running there?"
    ]


def test_ask_a_server_whose_llm_is_overloaded_exits_3(make_settings, demo_sqlite_url, demo_sqlite_engine,
                                                     tmp_path):
    def overloaded(messages, kwargs):
        raise LLMUnavailable("the embedded model is overloaded: busy with other callers for 60 s")

    # A model file that is there: whether the packaged one is assembled yet on this machine is no part of this test.
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    settings = make_settings(database_url=demo_sqlite_url, llm_model_path=gguf)
    agent = AgentService.from_settings(settings, chat_model=ScriptedChatModel(replies=[overloaded]),
                                       db=demo_sqlite_engine)
    with serve(create_app(settings, agent=agent, voice=ScriptedVoice())) as url:
        done = run_apitap("ask", "Hello", "--url", url)
    assert done.returncode == 3
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "error: the server's language model is unavailable: last turn failed: the embedded model is overloaded: "
        "busy with other callers for 60 s — on the server, raise LLM_TIMEOUT_S or check its LLM_PROVIDER settings"
    ]


def test_ask_here_with_an_unreachable_llm_exits_3_naming_the_setting(tmp_path, demo_sqlite_url):
    host = f"http://127.0.0.1:{free_port()}"
    done = run_apitap("ask", "Hello", DATABASE_URL=demo_sqlite_url, DATA_DIR=str(tmp_path), LLM_PROVIDER="ollama",
                      OLLAMA_HOST=host)
    assert done.returncode == 3
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"error: the language model is unavailable: the Ollama server at {host} is unreachable — check OLLAMA_HOST "
        f"(now {host}) and OLLAMA_MODEL (now llama3.2:1b)"
    ]


def test_ask_json_still_prints_the_turn_before_failing(make_settings, demo_sqlite_url, demo_sqlite_engine):
    def overloaded(messages, kwargs):
        raise LLMUnavailable("the embedded model is overloaded: busy with other callers for 60 s")

    settings = make_settings(database_url=demo_sqlite_url)
    model = ScriptedChatModel(replies=[overloaded, AIMessage("Hello! How can I help you?")])
    agent = AgentService.from_settings(settings, chat_model=model, db=demo_sqlite_engine)
    with serve(create_app(settings, agent=agent, voice=ScriptedVoice())) as url:
        failed = run_apitap("ask", "Hello", "--url", url, "--json")
        answered = run_apitap("ask", "Hello", "--url", url)
    assert failed.returncode == 3
    assert '"error": "llm_unavailable"' in failed.stdout and "_why" not in failed.stdout
    assert answered.returncode == 0
    assert answered.stdout.strip() == "Hello! How can I help you?"


def test_ask_in_a_language_without_a_catalogue_says_which_there_are():
    done = run_apitap("ask", "Bonjour", "--lang", "fr")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["error: --lang must be one of en, es"]
