"""The embedded model for real: the packaged Qwen2.5-1.5B GGUF through EmbeddedLlamaChat."""

from __future__ import annotations

import json

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from agent.llm import build_chat_model
from agent.llm.llamacpp import EmbeddedLlamaChat
from agent.llm.probe import PROBE_CASES, PROBE_RESPOND_INSTRUCTION, PROBE_SYSTEM_PROMPT, PROBE_TOOLS
from agent.prompts import caller_note, system_prompt
from core.settings import Settings
from tools import TOOLS

SYSTEM_PROMPT = system_prompt(TOOLS)

pytestmark = pytest.mark.models

NO_ARGUMENTS_TOOL = {"type": "function", "function": {"name": "say_hello", "description": "Greet.",
                                                      "parameters": {"type": "object", "properties": {}}}}


@pytest.fixture(scope="module")
def chat() -> EmbeddedLlamaChat:
    # generous timeout: other test sessions may share the CPU; speed is measured by agent.llm.measure, not here
    model = build_chat_model(Settings(llm_timeout_s=900))
    assert isinstance(model, EmbeddedLlamaChat)
    model.load()
    return model


def ask(text: str) -> list:
    return [SystemMessage(PROBE_SYSTEM_PROMPT), HumanMessage(text)]


def after_tool_result(question: str, name: str, args: dict, result: dict) -> list:
    return [
        *ask(question),
        AIMessage("", tool_calls=[{"name": name, "args": args, "id": "call_1"}]),
        ToolMessage(json.dumps(result, ensure_ascii=False), tool_call_id="call_1"),
        SystemMessage(PROBE_RESPOND_INSTRUCTION),
    ]


def test_tool_probe_picks_the_right_tool_and_arguments(chat: EmbeddedLlamaChat) -> None:
    bound = chat.bind_tools(PROBE_TOOLS)
    outcomes = {case.text: bound.invoke(ask(case.text)).tool_calls for case in PROBE_CASES}

    right = [case.text for case in PROBE_CASES if case.judge(outcomes[case.text])]

    assert len(right) >= 7, json.dumps(outcomes, ensure_ascii=False, indent=1)
    assert outcomes["Hello, how are you today?"] == []


def test_the_static_prefix_is_reused_by_the_next_call(chat: EmbeddedLlamaChat) -> None:
    bound = chat.bind_tools(PROBE_TOOLS)
    bound.invoke(ask("Where is order 1?"))

    second = bound.invoke(ask("Track 1Z999AA10123456784"))

    prefix_tokens = len(chat.load().llama.tokenize(
        chat.render_prompt([SystemMessage(PROBE_SYSTEM_PROMPT)], PROBE_TOOLS).encode(), add_bos=False, special=True))
    assert second.response_metadata["reused_prompt_tokens"] >= prefix_tokens - 5


def test_streaming_yields_several_chunks(chat: EmbeddedLlamaChat) -> None:
    chunks = list(chat.stream(ask("Say hello to the customer in one sentence.")))

    text_chunks = [chunk for chunk in chunks if chunk.content]
    assert len(text_chunks) >= 3
    assert chunks[-1].response_metadata["completion_tokens"] >= 3


def test_tool_choice_none_answers_in_plain_text_from_the_tool_result(chat: EmbeddedLlamaChat) -> None:
    question = "What's the status of order 12345?"
    chat.bind_tools(PROBE_TOOLS).invoke(ask(question))  # the call step of the same turn
    messages = after_tool_result(question, "lookup_order", {"order_id": 12345},
                                 {"order_id": 12345, "status": "shipped", "carrier": "UPS"})
    respond = chat.bind_tools(PROBE_TOOLS, tool_choice="none")

    chunks = list(respond.stream(messages))
    answer = "".join(chunk.content for chunk in chunks)

    assert not any(chunk.tool_call_chunks for chunk in chunks)
    assert "{" not in answer and "```" not in answer and "<tool_call>" not in answer
    assert "shipped" in answer.lower() or "ups" in answer.lower()
    # same system block and tools as the call step: only the tool result and what follows is read anew
    assert chunks[-1].response_metadata["reused_prompt_tokens"] > 400


def test_tool_choice_none_keeps_calls_out_even_for_a_new_request(chat: EmbeddedLlamaChat) -> None:
    message = chat.bind_tools(PROBE_TOOLS, tool_choice="none").invoke(ask("Where is my order 5501?"))

    assert message.tool_calls == []
    assert message.content.strip()


def test_a_forced_tool_is_called(chat: EmbeddedLlamaChat) -> None:
    message = chat.bind_tools(PROBE_TOOLS, tool_choice="track_parcel").invoke(ask("My tracking code is ZX81"))

    assert [call["name"] for call in message.tool_calls] == ["track_parcel"]


def test_a_forced_call_is_opened_as_an_object_when_the_tool_takes_arguments(chat: EmbeddedLlamaChat) -> None:
    with_arguments = chat.render_prompt(ask("ZX81"), PROBE_TOOLS, tool_choice="track_parcel")
    no_arguments = chat.render_prompt(ask("Hi"), [*PROBE_TOOLS, NO_ARGUMENTS_TOOL], tool_choice="say_hello")

    assert with_arguments.endswith('{"name": "track_parcel", "arguments": {"')
    assert no_arguments.endswith('{"name": "say_hello", "arguments": ')


def test_forced_verification_from_a_phone_ending_and_an_order_number(chat: EmbeddedLlamaChat) -> None:
    # Measured before the call was opened as an object: `"arguments": 5678, 16}`, which is not JSON.
    tools = [tool.model_schema() for tool in TOOLS]
    said = caller_note("es", verified=False) + " Los últimos cuatro dígitos de mi teléfono son 5678 y el pedido es el 16."
    forced = chat.bind_tools(tools, tool_choice="verify_customer")

    message = forced.invoke([SystemMessage(SYSTEM_PROMPT), HumanMessage(said)])

    assert [call["name"] for call in message.tool_calls] == ["verify_customer"]
    args = message.tool_calls[0]["args"]
    assert str(args.get("phone_last4")) == "5678" and str(args.get("order_id")) == "16"


def test_allowed_tool_names_narrow_the_choice(chat: EmbeddedLlamaChat) -> None:
    question = ask("Hello, how are you today?")
    narrowed = chat.bind_tools(PROBE_TOOLS, tool_choice="required", tool_names_allowed=["find_products"])

    message = narrowed.invoke(question)

    assert [call["name"] for call in message.tool_calls] == ["find_products"], "a greeting, yet only search allowed"


def test_allowed_tool_names_must_be_bound_tools(chat: EmbeddedLlamaChat) -> None:
    with pytest.raises(ValueError, match="not among the bound tools"):
        chat.bind_tools(PROBE_TOOLS, tool_choice="required", tool_names_allowed=["drop_table"])
