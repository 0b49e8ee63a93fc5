"""Any JSON-ish arguments, for every tool: the answer is the tool's result model or a ToolError, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from tools import TOOLS
from tools.errors import ToolError

NASTY_TEXT = st.sampled_from(["' OR 1=1 --", "1; DROP TABLE x", "%", "_", "\\", "\x00", "\ud800", "x" * 10_240,
                              " ", "١٢٣٤", "john.smith@example.com", "10036", "1Z999AA10123456784"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-3, max_value=3000),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), NASTY_TEXT,
)
JSON_ISH = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)


def arguments_for(tool) -> st.SearchStrategy[dict]:
    names = st.sampled_from([*tool.args_model.model_fields, "customer_id", "user_id", "sql"])
    return st.dictionaries(names, JSON_ISH, max_size=5)


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.name)
@pytest.mark.parametrize("verified", [True, False], ids=["verified", "anonymous"])
def test_any_arguments_give_a_typed_answer(sqlite_db, tool, verified):
    customer = sqlite_db.busiest_customer() if verified else None

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(args=arguments_for(tool))
    def check(args: dict) -> None:
        result = sqlite_db.call(tool.name, args, customer=customer)
        assert isinstance(result, BaseModel)
        result.model_dump_json()
        if isinstance(result, ToolError):
            assert result.error in ("invalid_argument", "not_found", "verification_required")

    check()
