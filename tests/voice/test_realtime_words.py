"""The per-language word rules of the hands-free session: keypad entries as the caller's words, turns whose last
word says they are unfinished, and catalogue lists that must stay strings (YAML reads a bare `yes` as a boolean)."""

from __future__ import annotations

import pytest

from core.i18n import message
from voice.realtime.session import _ends_unfinished, _heard_part, _keypad_words


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("key", ["backchannels", "unfinished_endings"])
def test_word_lists_are_strings(language, key):
    words = message(f"realtime.{key}", language)
    assert words and all(isinstance(word, str) for word in words)


def test_keypad_phone_and_order_become_one_sentence():
    assert _keypad_words("4321*100", "en") == "The last four digits of my phone are 4321 and my order number is 100."
    assert "4321" in _keypad_words("4321*100", "es") and "100" in _keypad_words("4321*100", "es")


def test_other_keypad_entries_are_read_as_typed():
    assert _keypad_words("28013", "en") == "I typed 28013 on the keypad."


@pytest.mark.parametrize(("text", "language", "unfinished"), [
    ("My order number is", "en", True),
    ("My order number is...", "en", True),
    ("Where is my order?", "en", False),
    ("Mi número de pedido es el", "es", True),
    ("¿Dónde está mi pedido?", "es", False),
])
def test_unfinished_endings(text, language, unfinished):
    assert _ends_unfinished(text, language) is unfinished


def test_heard_part_keeps_the_words_played():
    assert _heard_part("one two three four", 1.0) == "one two three four"
    assert _heard_part("one two three four", 0.5) == "one two…"
    assert _heard_part("one two three four", 0.1) == ""
