"""The tool set is a contract with the agent and the model: names, arguments, intents and short descriptions."""

from __future__ import annotations

import json
import re

from pydantic import TypeAdapter

from agent.contract import Intent
from tools import TOOLS, all_tools

CONTRACT = {
    "search_products": (["query", "category", "max_price", "in_stock_only", "limit"], False, "product_search"),
    "get_product": (["product_id", "name"], False, "product_info"),
    "check_stock": (["product_id", "name", "city"], False, "stock"),
    "get_policy": (["topic"], False, "policy"),
    "verify_customer": (["email", "postal_code", "phone_last4", "order_id"], False, "verification"),
    "get_order_status": (["order_id"], True, "order_status"),
    "get_order_details": (["order_id"], True, "order_details"),
    "list_recent_orders": (["limit", "status"], True, "order_history"),
    "track_shipment": (["tracking_number", "order_id"], True, "tracking"),
    "get_return_status": (["order_id"], True, "returns"),
    "get_customer_profile": ([], True, "customer_info"),
    "list_payment_methods": ([], True, "payment_methods"),
    "list_support_tickets": (["status"], True, "tickets"),
    "get_ticket": (["ticket_id"], True, "tickets"),
}


def test_the_tools_are_exactly_the_contract():
    actual = {t.name: (list(t.args_model.model_fields), t.requires_customer, t.intent) for t in TOOLS}
    assert actual == CONTRACT


def test_every_intent_is_a_short_label_the_turn_contract_carries():
    for t in TOOLS:
        assert re.fullmatch(r"[a-z][a-z_]*", t.intent), t.name
        assert TypeAdapter(Intent).validate_python(t.intent) == t.intent


def test_descriptions_start_with_an_imperative_line_and_stay_short():
    for t in TOOLS:
        first = t.description.splitlines()[0]
        assert re.match(r"^(Get|List|Search|Track|Verify) ", first), first
        assert len(first) <= 110 and len(t.description) <= 250, t.name
        for documented in re.findall(r"^ +(\w+):", t.description, re.MULTILINE):
            assert documented in t.args_model.model_fields, (t.name, documented)


def test_no_argument_can_name_a_person_or_carry_sql():
    for t in TOOLS:
        assert not {"customer_id", "user_id", "sql", "query_sql"} & set(t.args_model.model_fields), t.name


def test_schemas_are_plain_json_the_model_can_read():
    for t in TOOLS:
        schema = t.openai_schema()
        json.dumps(schema)
        props = schema["function"]["parameters"].get("properties", {})
        assert all("title" not in p and "anyOf" not in p for p in props.values()), t.name


def test_all_tools_is_the_builtin_list_when_no_plugin_is_installed():
    names = [t.name for t in all_tools()]
    assert names[: len(TOOLS)] == [t.name for t in TOOLS]
