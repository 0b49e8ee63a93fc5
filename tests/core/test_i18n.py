"""Languages as data (core/i18n.py): catalogues, the fallback to the default language, and the Language type."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from core.i18n import (
    BUILT_IN_DIR,
    Language,
    Messages,
    add_catalogue_dir,
    choices_text,
    languages,
    message,
    remove_catalogue_dir,
    say,
)


def leaves(node: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(node, dict):
        return {key: value for name, child in node.items() for key, value in leaves(child, f"{prefix}{name}.").items()}
    return {prefix.rstrip("."): node}


def fields_of(entry: Any) -> set[str]:
    texts = entry if isinstance(entry, list) else [entry]
    return {name for text in texts if isinstance(text, str)
            for _, name, _, _ in string.Formatter().parse(text) if name}


def built_in(language: str) -> dict[str, Any]:
    import yaml

    return leaves(yaml.safe_load((BUILT_IN_DIR / f"{language}.yaml").read_text(encoding="utf-8")))


def test_the_built_in_catalogues_have_the_same_keys_and_the_same_fields():
    english, spanish = built_in("en"), built_in("es")
    assert sorted(set(english) - set(spanish)) == [], "sentences only English has"
    for key, entry in english.items():
        if key in spanish and not key.endswith(("stopwords", "words")):
            assert fields_of(entry) == fields_of(spanish[key]), key


@pytest.fixture
def french(tmp_path: Path):
    (tmp_path / "fr.yaml").write_text('fixed:\n  how_can_i_help: "Comment puis-je vous aider ?"\n', encoding="utf-8")
    add_catalogue_dir(tmp_path)
    yield tmp_path
    remove_catalogue_dir(tmp_path)


def test_a_catalogue_file_adds_a_language(french):
    assert languages() == ("en", "es", "fr")
    assert say("fixed.how_can_i_help", "fr") == "Comment puis-je vous aider ?"


def test_a_sentence_a_language_lacks_is_said_in_english_never_spanish(french):
    assert say("fixed.verify_first", "fr") == say("fixed.verify_first", "en")
    assert message("statuses.order", "fr")["shipped"] == "has shipped"


def test_removing_the_directory_removes_the_language(french):
    remove_catalogue_dir(french)
    assert "fr" not in languages()


def test_messages_read_as_a_mapping_by_language():
    verify = Messages("fixed.verify_first")
    assert verify["en"] == say("fixed.verify_first", "en") and verify["es"] == say("fixed.verify_first", "es")
    assert list(verify) == list(languages())
    assert dict(verify) == {code: say("fixed.verify_first", code) for code in languages()}


def test_a_template_keeps_its_fields_until_filled():
    assert "{detail}" in Messages("fixed.ask_for_detail")["en"]
    assert say("fixed.ask_for_detail", "en", detail="order number") == "Could you tell me the order number, please?"


class Turn(BaseModel):
    language: Language


def test_language_accepts_a_catalogue_language_and_names_the_choices_otherwise(french):
    assert Turn(language="fr").language == "fr"
    with pytest.raises(ValidationError, match=r"Input should be 'en', 'es' or 'fr'"):
        Turn(language="pt")
    assert choices_text(("auto",)) == "'en', 'es', 'fr' or 'auto'"


def test_languages_in_the_json_schema_follow_the_catalogues(french):
    assert Turn.model_json_schema()["properties"]["language"]["enum"] == ["en", "es", "fr"]
