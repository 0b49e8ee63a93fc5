"""Policies from the FAQ, in both languages, on SQLite and on MariaDB's read-only account."""

from __future__ import annotations

from typing import get_args

import pytest

from tools.errors import ToolError
from tools.policies import MAX_ANSWERS, Policy, PolicyTopic


@pytest.mark.parametrize("language", ["en", "es"])
def test_policy_answers_come_from_the_faq_in_the_language_asked(db, language):
    expected = [r.answer for r in db.rows(
        "SELECT answer FROM dbuser.tbl_help_faq WHERE topic = 'returns' AND language_code = :l AND is_active = 1 "
        "ORDER BY sort_order, help_faq_id", l=language,
    )][:MAX_ANSWERS]

    result = db.call("get_policy", {"topic": "returns"}, language=language)

    assert isinstance(result, Policy) and result.language == language
    assert [a.answer for a in result.answers] == expected


def test_topics_the_model_may_ask_about_are_those_in_the_faq(db):
    topics = {r.topic for r in db.rows("SELECT DISTINCT topic FROM dbuser.tbl_help_faq")}
    assert set(get_args(PolicyTopic)) == topics


def test_an_unknown_topic_is_an_invalid_argument(db):
    result = db.call("get_policy", {"topic": "refunds; DROP TABLE x"})
    assert isinstance(result, ToolError) and result.error == "invalid_argument"


def test_a_language_the_faq_is_not_written_in_gets_english(db):
    result = db.call("get_policy", {"topic": "returns"}, language="pt")
    assert isinstance(result, Policy) and result.language == "en" and result.answers


def test_the_model_cannot_choose_the_policy_language(db):
    result = db.call("get_policy", {"topic": "returns", "language": "es"})
    assert isinstance(result, ToolError) and result.error == "invalid_argument"
