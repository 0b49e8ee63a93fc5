"""Numbers the caller said, as whole tokens (agent/numbers.py): what grounding compares identifiers against."""

from __future__ import annotations

import pytest

from agent.numbers import number_tokens, spelled_codes, spoken_numbers_as_digits, without_quantities


@pytest.mark.parametrize(("said", "language", "expected"), [
    ("Where is order twenty five?", "en", "Where is order 25?"),
    ("my order is forty-two", "en", "my order is 42"),
    ("one hundred and ten dollars", "en", "110 dollars"),
    ("¿Dónde está el pedido veinticinco?", "es", "¿Dónde está el pedido 25?"),
    ("número cuarenta y dos", "es", "número 42"),
    ("o pedido vinte e cinco", "pt", "o pedido 25"),
    ("la commande quarante-deux", "fr", "la commande 42"),
])
def test_spoken_numbers_become_digits_in_the_callers_language(said, language, expected):
    assert spoken_numbers_as_digits(said, language) == expected


def test_a_language_text2num_does_not_read_leaves_the_text_alone():
    assert spoken_numbers_as_digits("order twenty five", "xx") == "order twenty five"


@pytest.mark.parametrize(("said", "language", "expected"), [
    ("order 25", "en", {"25"}),
    ("Where is order twenty five?", "en", {"25"}),
    ("order #42, please", "en", {"42"}),
    ("(42)", "en", {"42"}),
    ("Where is my order 42.", "en", {"42"}),
    ("orders 12, 13 and 14.", "en", {"12", "13", "14"}),
    ("¿Dónde está mi pedido veinticinco?", "es", {"25"}),
    ("donde esta mi pedido cuarenta y dos", "es", {"42"}),
    ("o pedido vinte e cinco", "pt", {"25"}),
])
def test_whole_numbers_said_with_digits_or_words(said, language, expected):
    assert number_tokens(said, language) == expected


@pytest.mark.parametrize(("said", "language", "spelled"), [
    ("one two three", "en", "123"),
    ("my order is four five six", "en", "456"),
    ("uno dos tres", "es", "123"),
    ("it is 4 5 6", "en", "456"),
    ("twelve thirty four", "en", "1234"),
    ("call 555 123 4567", "en", "5551234567"),
])
def test_digits_said_one_by_one_also_count_as_the_number_they_spell(said, language, spelled):
    assert spelled in number_tokens(said, language)


@pytest.mark.parametrize(("said", "language"), [
    ("which one is it?", "en"),
    ("I'll take one", "en"),
    ("one of them", "en"),
    ("un pedido, por favor", "es"),
    ("una pregunta", "es"),
    ("I only ordered once", "en"),
])
def test_words_that_only_look_like_numbers_are_not_numbers(said, language):
    assert number_tokens(said, language) == set()


def test_the_spanish_once_is_eleven_only_in_spanish():
    assert number_tokens("I ordered it once", "en") == set()
    assert number_tokens("el pedido once", "es") == {"11"}


@pytest.mark.parametrize(("said", "not_said"), [
    ("How much is the Nova Blender B2?", "2"),
    ("it costs 110.99 dollars", "110"),
    ("it costs 110.99 dollars", "99"),
    ("it costs 110.99 dollars", "9"),
    ("it arrived on 2026-03-03", "3"),
    ("it arrived on 2026-03-03", "2026"),
    ("at 12:30", "12"),
    ("the 1st one", "1"),
    ("order 5x", "5"),
    ("the 1,299 model", "299"),
])
def test_a_number_inside_a_name_a_price_or_a_date_is_not_said(said, not_said):
    assert not_said not in number_tokens(said, "en")


def test_a_price_or_a_date_is_one_token_as_written():
    assert number_tokens("it costs 110.99 dollars", "en") == {"110.99"}
    assert number_tokens("on 2026-03-03", "en") == {"2026-03-03"}


def test_leading_zeros_also_count_without_them():
    assert {"045", "45"} <= number_tokens("order zero four five", "en")
    assert {"007", "7"} <= number_tokens("ticket 007", "en")


@pytest.mark.parametrize(("said", "spelled"), [
    ("the postcode is nine oh oh two six", "90026"),
    ("order one oh five please", "105"),
    ("my zip is oh six seven oh oh", "06700"),
])
def test_the_letter_o_read_for_a_zero_inside_a_number_is_a_zero(said, spelled):
    assert spelled in number_tokens(said, "en")


@pytest.mark.parametrize(("said", "language"), [
    ("oh I see, and order twelve", "en"),
    ("twelve, oh and one more thing", "en"),
    ("the Ohio store", "en"),
    ("el pedido cinco o seis", "es"),  # Spanish "o" is "or"
])
def test_an_oh_that_is_not_inside_a_number_stays_a_word(said, language):
    assert "0" not in "".join(number_tokens(said, language))


@pytest.mark.parametrize(("said", "language", "left"), [
    ("Can I still buy the Zentek Smartphone Z8 128 GB?", "en", "Can I still buy the Zentek Smartphone Z8  ?"),
    ("the 128GB one", "en", "the   one"),
    ("it was $40, order 9", "en", "it was  , order 9"),
    ("one hundred twenty eight gigs, order twelve", "en", " , order 12"),
    ("20 % off order 7", "en", "  off order 7"),
    ("la tele de 55 pulgadas, pedido 12", "es", "la tele de  , pedido 12"),
    ("me costó veinte dólares", "es", "me costó  "),
])
def test_quantities_are_left_out_of_what_can_be_an_identifier(said, language, left):
    assert without_quantities(said, language) == left


def test_a_number_beside_a_word_that_is_no_unit_stays():
    assert without_quantities("order 12 in Madrid", "en") == "order 12 in Madrid"
    assert without_quantities("12 wireless earbuds", "en") == "12 wireless earbuds"


@pytest.mark.parametrize(("said", "language", "written"), [
    ("Kumo Smartphone eme 96", "es", "Kumo Smartphone M96"),
    ("la freidora Aurora, la e 34", "es", "la freidora Aurora, la E34"),
    ("equis ele 5", "es", "XL5"),
    ("the Kumo em 96", "en", "the Kumo M96"),
])
def test_letter_names_before_a_number_spell_one_code(said, language, written):
    assert spelled_codes(said, language) == written


@pytest.mark.parametrize(("said", "language"), [
    ("el pedido 12 o 13", "es"), ("de 10 a 20", "es"), ("pedido 12 y 13", "es"), ("why 12", "en"),
])
def test_letters_that_are_also_words_join_no_code(said, language):
    assert spelled_codes(said, language) == said
