"""The Ollama adapter against FakeOllamaServer: native and text-written tool calls, streaming, failures."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from agent.llm import LLMUnavailable, build_chat_model, check_llm
from agent.llm.ollama import RecoveringChatOllama
from agent.llm.probe import PROBE_SYSTEM_PROMPT, PROBE_TOOLS
from core.settings import Settings
from tests.agent.llm.fake_ollama import FakeOllamaServer, ScriptedReply

MODEL = "qwen2.5:1.5b"
QUESTION = [SystemMessage(PROBE_SYSTEM_PROMPT), HumanMessage("Where is order 77?")]


@pytest.fixture
def server() -> Iterator[FakeOllamaServer]:
    with FakeOllamaServer(models=(MODEL,)) as fake:
        yield fake


def ollama_settings(host: str, model: str = MODEL) -> Settings:
    return Settings(llm_provider="ollama", ollama_host=host, ollama_model=model, llm_timeout_s=5)


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_native_tool_calls_come_back_as_tool_calls(server: FakeOllamaServer) -> None:
    server.replies.append(ScriptedReply(tool_calls=[{"function": {"name": "lookup_order",
                                                                  "arguments": {"order_id": 77}}}]))
    model = build_chat_model(ollama_settings(server.url))

    message = model.bind_tools(PROBE_TOOLS).invoke(QUESTION)

    assert isinstance(model, RecoveringChatOllama)
    assert [(c["name"], c["args"]) for c in message.tool_calls] == [("lookup_order", {"order_id": 77})]
    assert [tool["function"]["name"] for tool in server.requests[0]["tools"]][0] == "lookup_order"
    assert server.requests[0]["options"]["temperature"] == 0


def test_a_call_written_as_a_json_block_is_recovered(server: FakeOllamaServer) -> None:
    server.replies.append(ScriptedReply(
        content='```json\n{"name": "lookup_order", "arguments": {"order_id": 77}}\n```'))

    message = build_chat_model(ollama_settings(server.url)).bind_tools(PROBE_TOOLS).invoke(QUESTION)

    assert [(c["name"], c["args"]) for c in message.tool_calls] == [("lookup_order", {"order_id": 77})]
    assert message.content == ""


def test_streaming_yields_the_answer_in_pieces(server: FakeOllamaServer) -> None:
    server.replies.append(ScriptedReply(content="Your order 77 ships tomorrow."))

    chunks = list(build_chat_model(ollama_settings(server.url)).stream(QUESTION))

    assert len([c for c in chunks if c.content]) >= 3
    assert "".join(c.content for c in chunks) == "Your order 77 ships tomorrow."


def test_streaming_with_tools_never_streams_a_written_call(server: FakeOllamaServer) -> None:
    server.replies.append(ScriptedReply(content='{"name": "find_products", "arguments": {"query": "usb hub"}}'))
    model = build_chat_model(ollama_settings(server.url)).bind_tools(PROBE_TOOLS)

    chunks = list(model.stream(QUESTION))
    merged = chunks[0]
    for chunk in chunks[1:]:
        merged += chunk

    assert all("{" not in chunk.content for chunk in chunks)
    assert [(c["name"], c["args"]) for c in merged.tool_calls] == [("find_products", {"query": "usb hub"})]


async def test_async_streaming_recovers_too(server: FakeOllamaServer) -> None:
    server.replies.append(ScriptedReply(content='<tool_call>{"name": "lookup_order", "arguments": {"order_id": 1}}'))
    model = build_chat_model(ollama_settings(server.url)).bind_tools(PROBE_TOOLS)

    merged = None
    async for chunk in model.astream(QUESTION):
        merged = chunk if merged is None else merged + chunk

    assert merged is not None
    assert [c["name"] for c in merged.tool_calls] == ["lookup_order"]


def test_tool_choice_none_sends_no_tools_and_parses_nothing(server: FakeOllamaServer) -> None:
    server.replies.append(ScriptedReply(content='{"name": "lookup_order", "arguments": {"order_id": 1}}'))
    model = build_chat_model(ollama_settings(server.url)).bind_tools(PROBE_TOOLS, tool_choice="none")

    message = model.invoke(QUESTION)

    assert "tools" not in server.requests[0] or not server.requests[0]["tools"]
    assert message.tool_calls == []


def test_unreachable_host_is_llm_unavailable() -> None:
    model = build_chat_model(ollama_settings(closed_port_url()))

    with pytest.raises(LLMUnavailable, match="unreachable"):
        model.invoke(QUESTION)


async def test_unreachable_host_is_llm_unavailable_async() -> None:
    model = build_chat_model(ollama_settings(closed_port_url()))

    with pytest.raises(LLMUnavailable):
        async for _ in model.astream(QUESTION):
            pass


def test_a_model_that_is_not_pulled_is_llm_unavailable(server: FakeOllamaServer) -> None:
    model = build_chat_model(ollama_settings(server.url, model="llama3.2:1b"))

    with pytest.raises(LLMUnavailable, match="404"):
        model.invoke(QUESTION)


def test_health_ok_when_the_model_is_listed(server: FakeOllamaServer) -> None:
    assert check_llm(ollama_settings(server.url))[0] == "ok"


def test_health_down_when_the_model_is_not_pulled(server: FakeOllamaServer) -> None:
    status, detail = check_llm(ollama_settings(server.url, model="llama3.2:1b"))

    assert status == "down"
    assert "has not pulled llama3.2:1b" in detail


def test_health_down_when_unreachable() -> None:
    assert check_llm(ollama_settings(closed_port_url()))[0] == "down"
