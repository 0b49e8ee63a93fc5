"""The bundled case set and the case-file format."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from evals.cases import SCHEMA_PATH, CaseFileError, json_schema, load_case_file, load_cases
from evals.lookups import Bindings
from evals.runner import CaseDataError, validate_cases
from tools import TOOLS

CASES = load_cases()


def test_the_bundled_set_is_large_and_bilingual() -> None:
    languages = Counter(case.language for case in CASES)
    assert len(CASES) >= 150
    assert languages["en"] >= 60 and languages["es"] >= 60


def test_every_tool_is_expected_somewhere() -> None:
    expected = {name for case in CASES for turn in case.turns for call in turn.expect.tools for name in call.names}
    assert {tool.name for tool in TOOLS} <= expected


@pytest.mark.parametrize("tag", ["smoke", "abstention", "ambiguous", "multi_turn", "verification", "adversarial",
                                 "injection", "stored_injection", "impersonation", "other_customer", "cards",
                                 "spoken", "typos", "paraphrase"])
def test_each_kind_of_case_is_covered(tag: str) -> None:
    languages = {case.language for case in CASES if tag in case.tags}
    assert languages == {"en", "es"} or (tag == "stored_injection" and languages)


def test_placeholders_and_tool_names_are_known() -> None:
    validate_cases(CASES, {tool.name for tool in TOOLS})


def test_every_bundled_case_resolves_on_the_demo_data(eval_db: Engine) -> None:
    problems = []
    for case in CASES:
        try:
            bindings = Bindings(eval_db, case)
            for lookup, field in case.placeholders():
                bindings.value(lookup, field)
        except LookupError as exc:
            problems.append(f"{case.id}: {exc}")
    assert problems == [], "\n".join(problems)


def test_the_exported_json_schema_is_current() -> None:
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "message"), [
    ("cases: []", "bad.yaml: cases: List should have at least 1 item"),
    ("cases:\n  - id: x\n    language: en\n", "case 'x' turns: Field required"),
    ("cases:\n  - id: x\n    language: fr\n    turns: [{say: hi}]\n", "case 'x' language: Input should be 'en' or 'es'"),
    ("cases:\n  - id: x\n    language: en\n    colour: red\n    turns: [{say: hi}]\n",
     "case 'x' colour: Extra inputs are not permitted"),
    ("cases:\n  - id: x\n    language: en\n    turns: [{say: hi, expect: {no_tool: true, tools: [{name: get_policy}]}}]\n",
     "no_tool: true cannot be combined with expected tools"),
    ("cases:\n  - id: x\n    language: en\n    caller: {identity: verified}\n    turns: [{say: hi}]\n",
     "identity 'verified' needs customer_id, with_order_status or owns"),
    ("cases:\n  - id: x\n    language: en\n    turns: [{say: hi, expect: {must_not_say: [{regex: '('}]}}]\n",
     "not a valid regular expression"),
    ("cases:\n  - id: Bad Id\n    language: en\n    turns: [{say: hi}]\n", "case 'Bad Id' id: String should match pattern"),
    ("cases: [unclosed", "bad.yaml: not valid YAML"),
    ("- just a list", "expected a mapping with a 'cases' list"),
])
def test_bad_case_files_are_rejected_with_a_clear_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CaseFileError) as caught:
        load_case_file(write(tmp_path, text))
    assert message in str(caught.value)


def test_duplicate_ids_across_files_are_rejected(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("cases:\n  - id: same\n    language: en\n    turns: [{say: hi}]\n")
    with pytest.raises(CaseFileError, match="case id 'same' is already used"):
        load_cases([tmp_path])


def test_unknown_lookups_and_tools_are_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "cases:\n  - id: x\n    language: en\n    turns:\n"
                           "      - say: 'order {order.colour} and {nope.id}'\n"
                           "        expect: {tools: [{name: get_weather}]}\n")
    with pytest.raises(CaseDataError) as caught:
        validate_cases(load_case_file(path), {tool.name for tool in TOOLS})
    message = str(caught.value)
    assert "{order.colour}: no such field" in message and "unknown lookup {nope.…}" in message
    assert "unknown tool 'get_weather'" in message


def test_a_plugin_can_point_at_its_own_case_directory(tmp_path: Path) -> None:
    plugin_cases = tmp_path / "my_plugin" / "evals"
    plugin_cases.mkdir(parents=True)
    (plugin_cases / "loyalty.yaml").write_text(
        "cases:\n  - id: loyalty-points\n    language: en\n    tags: [plugin]\n"
        "    turns: [{say: how many points do I have, expect: {tools: [{name: get_loyalty_points}]}}]\n"
    )
    loaded = load_cases([tmp_path / "my_plugin"])
    assert [case.id for case in loaded] == ["loyalty-points"]
    validate_cases(loaded, {"get_loyalty_points"})
