"""The incremental sentence splitter: sentences out as soon as they end, nothing split that should not be."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voice.sentences import SentenceSplitter


def split_all(text: str) -> list[str]:
    splitter = SentenceSplitter()
    return splitter.feed(text) + splitter.flush()


def split_streamed(tokens: list[str]) -> list[str]:
    splitter = SentenceSplitter()
    out: list[str] = []
    for token in tokens:
        out += splitter.feed(token)
    return out + splitter.flush()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Your order shipped. It arrives Friday!", ["Your order shipped.", "It arrives Friday!"]),
        ("Is that all? Thanks… Bye.", ["Is that all?", "Thanks…", "Bye."]),
        ("Wait... really?! Yes.", ["Wait...", "really?!", "Yes."]),
        ("It costs $49.99. Shipping is free.", ["It costs $49.99.", "Shipping is free."]),
        ("Dr. Smith will call. Mr. Jones too.", ["Dr. Smith will call.", "Mr. Jones too."]),
        ("See order No. 48213 for details. No. That one is closed.",
         ["See order No. 48213 for details.", "No.", "That one is closed."]),
        ("Use a code, e.g. the one in the e-mail. Then pay.", ["Use a code, e.g. the one in the e-mail.", "Then pay."]),
        ("J. Smith ordered it. It is here.", ["J. Smith ordered it.", "It is here."]),
        ("He said \"done.\" Next.", ["He said \"done.\"", "Next."]),
        ("Hola.¿Qué tal? ¡Muy bien! Gracias.", ["Hola.", "¿Qué tal?", "¡Muy bien!", "Gracias."]),
        ("La Sra. García pagó 12,50 €. ¿Algo más?", ["La Sra. García pagó 12,50 €.", "¿Algo más?"]),
        ("Steps:\n1. Open the e-mail.\n2. Click the link.", ["Steps:", "1. Open the e-mail.", "2. Click the link."]),
        ("No final stop", ["No final stop"]),
        ("   ", []),
    ],
)
def test_splits_where_a_person_would(text: str, expected: list[str]) -> None:
    assert split_all(text) == expected


def test_a_sentence_comes_out_as_soon_as_the_next_token_shows_it_ended() -> None:
    splitter = SentenceSplitter()
    assert splitter.feed("Your order") == []
    assert splitter.feed(" shipped.") == []  # "shipped.x" could still follow
    assert splitter.feed(" It") == ["Your order shipped."]
    assert splitter.feed(" arrives") == []
    assert splitter.flush() == ["It arrives"]


def test_a_decimal_split_across_tokens_is_not_a_sentence_end() -> None:
    assert split_streamed(["It costs 49", ".", "99 dollars", ". Thanks."]) == ["It costs 49.99 dollars.", "Thanks."]


def test_no_before_a_number_waits_for_the_next_token() -> None:
    splitter = SentenceSplitter()
    assert splitter.feed("Order No. ") == []
    assert splitter.feed("5 is late. ") == ["Order No. 5 is late."]
    assert splitter.feed("Sorry.") == []
    assert splitter.flush() == ["Sorry."]


def test_flush_empties_the_buffer() -> None:
    splitter = SentenceSplitter()
    splitter.feed("Half a sentence")
    assert splitter.flush() == ["Half a sentence"]
    assert splitter.flush() == []


_WORDS = st.sampled_from(
    ["Hello", "order", "No.", "Dr.", "49.99", "e.g.", "¿Dónde", "está?", "¡Hola!", "sent.", "ok…", "\n", "1.", "$5.00"]
)


@given(words=st.lists(_WORDS, max_size=30), cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=12))
def test_token_boundaries_never_change_the_sentences(words: list[str], cuts: list[int]) -> None:
    text = " ".join(words)
    points = sorted({min(cut, len(text)) for cut in cuts} | {0, len(text)})
    tokens = [text[a:b] for a, b in zip(points, points[1:], strict=False)]

    assert split_streamed(tokens) == split_all(text)
    assert "".join(split_all(text)).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")
