"""Masking at the data layer: no tool query ever reads a card number or a CVV."""

from __future__ import annotations

import re

from tools import TOOLS
from tools.errors import ToolError

SECRET_COLUMNS = re.compile(r"\b(card_number|cvv)\b", re.IGNORECASE)


def test_no_tool_query_selects_card_number_or_cvv(db, sample_calls, sql_capture):
    calls = sample_calls(db)
    assert {name for name, _, _ in calls} == {t.name for t in TOOLS}, "every tool is exercised"

    with sql_capture(db.engine) as statements:
        for name, args, customer in calls:
            result = db.call(name, args, customer=customer)
            assert not isinstance(result, ToolError) or result.error == "not_found", (name, result)

    assert len(statements) >= len(calls)
    leaking = [sql for sql, _ in statements if SECRET_COLUMNS.search(sql)]
    assert leaking == []


def test_no_tool_result_carries_a_card_number_or_cvv(db, sample_calls):
    secrets = {r.card_number for r in db.rows("SELECT card_number FROM dbcards.tbl_card")}
    for name, args, customer in sample_calls(db):
        dumped = db.call(name, args, customer=customer).model_dump_json()
        assert not any(secret in dumped for secret in secrets), name
