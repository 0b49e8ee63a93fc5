from datetime import date
from decimal import Decimal

import pytest

from evals.facts import Status, fact_said, numbers_in


@pytest.mark.parametrize(("status", "reply"), [
    ("shipped", "Your order has shipped."),
    ("shipped", "Tu pedido ya fue enviado."),
    ("shipped", "Su pedido está en camino."),
    ("delivered", "El pedido fue entregado el lunes."),
    ("cancelled", "That order was canceled."),
    ("processing", "Estamos preparando tu pedido."),
    ("waiting_customer", "The ticket is waiting for your reply."),
])
def test_statuses_count_in_either_language(status: str, reply: str) -> None:
    assert fact_said(Status(status), reply)


@pytest.mark.parametrize(("status", "reply"), [
    ("shipped", "Your order is still pending."),
    ("delivered", "It has not been delivered yet? No: it is processing."),  # the word is there: see next test
    ("sent", "We need your consent first."),
])
def test_status_matching_is_by_whole_phrase(status: str, reply: str) -> None:
    said = fact_said(Status(status), reply)
    assert said is (status == "delivered")


@pytest.mark.parametrize("reply", [
    "It costs 1299.99 dollars.", "It costs $1,299.99.", "Cuesta 1.299,99 USD.", "Cuesta 1 299,99 dólares.",
    "Cuesta 1299,99.",
])
def test_numbers_with_or_without_separators(reply: str) -> None:
    assert fact_said(Decimal("1299.99"), reply)


def test_a_different_number_is_not_the_fact() -> None:
    assert not fact_said(Decimal("1299.99"), "It costs 1,399.99 dollars.")
    assert not fact_said(Decimal("12"), "Order 123 is on its way.")
    assert Decimal("49.9") in numbers_in("49.90 USD")


@pytest.mark.parametrize("reply", [
    "It should arrive on November 20.", "It should arrive on the 20th of November.", "Llegará el 20 de noviembre.",
    "Expected 2026-11-20.", "ETA 11/20/2026.", "Llega el 20/11/2026.", "Arrives Nov 20th.",
])
def test_dates_in_spoken_forms(reply: str) -> None:
    assert fact_said(date(2026, 11, 20), reply)


def test_a_different_date_is_not_the_fact() -> None:
    assert not fact_said(date(2026, 11, 20), "It should arrive on November 21.")
    assert not fact_said(date(2026, 11, 20), "It should arrive on December 20.")


def test_identifiers_match_when_spelled_out_or_without_dashes() -> None:
    assert fact_said("1Z00000000336", "The tracking number is 1Z 0000 0000 336.")
    assert fact_said("TRK-4471", "tracking trk 4471")
    assert not fact_said("1Z00000000336", "The tracking number is 1Z00000000337.")


def test_names_match_without_accents_or_case() -> None:
    assert fact_said("María", "Hola maria, ¿en qué puedo ayudarte?")
    assert not fact_said("Mar", "Hola maria")
