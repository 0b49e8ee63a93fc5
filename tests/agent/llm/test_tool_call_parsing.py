"""The lenient parser on the shapes the small model really writes, and on text that must stay text."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage

from agent.llm.tool_call_parsing import parse_tool_calls, recover_tool_calls

KNOWN = {"get_order_status", "search_products", "get_policy", "track_shipment", "list_orders"}


def names_and_args(calls: list[dict]) -> list[tuple[str, dict]]:
    return [(call["name"], call["args"]) for call in calls]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<tool_call>\n{"name": "get_order_status", "arguments": {"order_id": 42}}\n</tool_call>',
         [("get_order_status", {"order_id": 42})]),
        ('```json\n{\n  "name": "search_products",\n  "arguments": {\n    "query": "auriculares"\n  }\n}\n```',
         [("search_products", {"query": "auriculares"})]),
        ('{"name": "track_shipment", "arguments": {"tracking_number": "1Z999"}}',
         [("track_shipment", {"tracking_number": "1Z999"})]),
        ('{"name": "get_policy", "parameters": {"topic": "returns", "language": "es"}}',
         [("get_policy", {"topic": "returns", "language": "es"})]),
        ('{"name": "get_policy", "args": {"topic": "shipping", "language": "en"}}',
         [("get_policy", {"topic": "shipping", "language": "en"})]),
        ('{"name": "get_order_status", "arguments": "{\\"order_id\\": 7}"}', [("get_order_status", {"order_id": 7})]),
        ('[{"name": "get_order_status", "arguments": {"order_id": 1}}, '
         '{"name": "track_shipment", "arguments": {"tracking_number": "AB"}}]',
         [("get_order_status", {"order_id": 1}), ("track_shipment", {"tracking_number": "AB"})]),
        ('{{"name": "search_products", "arguments": {"query": "usb"}}}', [("search_products", {"query": "usb"})]),
        ('{"type": "function", "function": {"name": "get_order_status", "arguments": "{\\"order_id\\": 5}"}}',
         [("get_order_status", {"order_id": 5})]),
        ("{'name': 'search_products', 'args': {'query': 'usb', 'limit': 3,}}",
         [("search_products", {"query": "usb", "limit": 3})]),
        ('{"name": "list_orders"}', [("list_orders", {})]),
        ("get_order_status(order_id=42)", [("get_order_status", {"order_id": 42})]),
        # cut off by the token limit before the closing braces
        ('<tool_call>\n{"name": "get_order_status", "arguments": {"order_id": 42}',
         [("get_order_status", {"order_id": 42})]),
    ],
)
def test_accepts_the_written_call_shapes(text: str, expected: list) -> None:
    calls, remaining = parse_tool_calls(text, KNOWN)

    assert names_and_args(calls) == expected
    assert remaining == ""


def test_two_separate_calls_in_one_answer() -> None:
    text = (
        '<tool_call>\n{"name": "get_order_status", "arguments": {"order_id": 1}}\n</tool_call>\n'
        '<tool_call>\n{"name": "get_order_status", "arguments": {"order_id": 2}}\n</tool_call>'
    )

    calls, remaining = parse_tool_calls(text, KNOWN)

    assert names_and_args(calls) == [("get_order_status", {"order_id": 1}), ("get_order_status", {"order_id": 2})]
    assert remaining == ""
    assert calls[0]["id"] != calls[1]["id"]


def test_json_inside_prose_is_taken_out_and_the_prose_kept() -> None:
    text = 'Let me check. ```json\n{"name": "get_order_status", "arguments": {"order_id": 9}}\n``` One moment.'

    calls, remaining = parse_tool_calls(text, KNOWN)

    assert names_and_args(calls) == [("get_order_status", {"order_id": 9})]
    assert remaining == "Let me check. One moment."


@pytest.mark.parametrize(
    "text",
    [
        "El código de descuento es {VERANO} y vale hasta {el lunes}. ¿Algo más?",
        "Tu pedido {12345} está en camino, llega el martes.",
        '{"name": "Ana", "edad": 30}',
        '{"name": "delete_customer", "arguments": {"customer_id": 1}}',
        "garbage {{{[[[ \" \\ '",
        "[1, 2, 3] {} [] {\"a\": }",
        "",
        "Hello! How can I help you today?",
    ],
)
def test_text_that_is_not_a_known_call_stays_text(text: str) -> None:
    assert parse_tool_calls(text, KNOWN) == ([], text)


def test_unknown_tool_next_to_a_known_one_stays_as_text() -> None:
    text = '[{"name": "get_order_status", "arguments": {"order_id": 1}}, {"name": "refund", "arguments": {}}]'

    calls, remaining = parse_tool_calls(text, KNOWN)

    assert names_and_args(calls) == [("get_order_status", {"order_id": 1})]
    assert '"refund"' in remaining


def test_arguments_that_are_not_an_object_are_not_a_call() -> None:
    text = '{"name": "get_order_status", "arguments": "order 42 please"}'

    assert parse_tool_calls(text, KNOWN) == ([], text)


def test_no_known_tools_means_no_calls() -> None:
    text = '{"name": "get_order_status", "arguments": {"order_id": 1}}'

    assert parse_tool_calls(text, []) == ([], text)


def test_recover_fills_tool_calls_from_text() -> None:
    message = AIMessage(content='```json\n{"name": "search_products", "arguments": {"query": "mouse"}}\n```')

    recovered = recover_tool_calls(message, KNOWN)

    assert names_and_args(recovered.tool_calls) == [("search_products", {"query": "mouse"})]
    assert recovered.content == ""
    assert recovered.tool_calls[0]["id"].startswith("call_")


def test_recover_keeps_native_tool_calls_untouched() -> None:
    native = [{"name": "get_order_status", "args": {"order_id": 3}, "id": "abc", "type": "tool_call"}]
    message = AIMessage(content='{"name": "search_products", "arguments": {"query": "x"}}', tool_calls=native)

    assert recover_tool_calls(message, KNOWN) is message


def test_recover_leaves_plain_answers_alone() -> None:
    message = AIMessage(content="Your order ships tomorrow.")

    assert recover_tool_calls(message, KNOWN) is message


def test_recover_reads_text_blocks() -> None:
    message = AIMessage(content=[{"type": "text", "text": '{"name": "list_orders", "arguments": {}}'}])

    assert names_and_args(recover_tool_calls(message, KNOWN).tool_calls) == [("list_orders", {})]


def test_an_integer_beyond_64_bits_becomes_its_digits_so_the_turn_can_be_saved():
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

    huge = 12345678901234567890123456789012
    message = AIMessage(content="", tool_calls=[
        {"name": "get_order_status", "args": {"order_id": huge, "items": [huge, 7]}, "id": "c1", "type": "tool_call"}])
    with pytest.raises(TypeError):
        JsonPlusSerializer().dumps_typed(message)
    recovered = recover_tool_calls(message, ["get_order_status"])
    assert recovered.tool_calls[0]["args"] == {"order_id": str(huge), "items": [str(huge), 7]}
    JsonPlusSerializer().dumps_typed(recovered)


def test_arguments_a_checkpointer_can_store_are_left_as_they_are():
    message = AIMessage(content="", tool_calls=[
        {"name": "get_order_status", "args": {"order_id": 2**63 - 1, "flag": True}, "id": "c1", "type": "tool_call"}])
    assert recover_tool_calls(message, ["get_order_status"]) is message
