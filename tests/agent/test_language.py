"""Which language the caller speaks (agent/language.py): lingua, restricted to the languages with a catalogue."""

from __future__ import annotations

import pytest

from agent.language import detect_language


@pytest.mark.parametrize(("said", "expected"), [
    ("What is the status of order 42?", "en"),
    ("Can you tell me when my package will arrive", "en"),
    ("¿Dónde está mi pedido 42?", "es"),
    # Typed or transcribed without accents: no "¿", no "á"; the words alone must decide.
    ("donde esta mi pedido", "es"),
    ("cuanto cuesta", "es"),
    ("cuanto cuesta la licuadora", "es"),
    ("quiero saber si ya enviaron mi pedido", "es"),
    ("tienen audifonos inalambricos", "es"),
])
def test_the_language_of_a_sentence(said, expected):
    assert detect_language(said) == expected
    other = "es" if expected == "en" else "en"
    assert detect_language(said, default=other) == expected, "a clear sentence changes the conversation's language"


@pytest.mark.parametrize("said", [
    "ok", "no", "42", "", "?!", "AirPods", "Nova Blender B2", "Apple AirPods Pro", "gaming mouse pad", "Samsung Galaxy S24",
])
@pytest.mark.parametrize("previous", ["en", "es"])
def test_short_or_ambiguous_text_keeps_the_conversations_language(said, previous):
    assert detect_language(said, default=previous) == previous


@pytest.mark.parametrize(("said", "expected"), [
    ("hola", "es"), ("Hello", "en"), ("gracias", "es"), ("thanks", "en"), ("buenos días", "es"),
    ("auriculares inalámbricos", "es"), ("42", "en"), ("Samsung", "en"),
])
def test_the_first_words_of_a_conversation_decide_even_when_short(said, expected):
    assert detect_language(said, default=None) == expected


@pytest.mark.parametrize(("said", "previous", "expected"), [
    ("gracias", "en", "es"), ("muchas gracias", "en", "es"), ("hola", "en", "es"),
    ("thanks", "es", "en"), ("thank you", "es", "en"), ("hello", "es", "en"),
])
def test_a_word_that_shows_its_language_switches_even_alone(said, previous, expected):
    assert detect_language(said, default=previous) == expected


def test_a_third_language_is_detected_with_its_catalogue(portuguese):
    assert detect_language("Onde está o meu pedido? Ainda não chegou.", default="en") == "pt"
    assert detect_language("quanto custa o liquidificador", default="en") == "pt"
    assert detect_language("cuanto cuesta la licuadora", default="en") == "es"
