"""Saved cards: the right ones, masked, on SQLite and on MariaDB's read-only account."""

from __future__ import annotations

from tools.payments import PaymentMethods


def test_cards_match_the_database_and_show_only_brand_last4_expiry(db):
    customer = db.scalar(
        "SELECT user_id FROM dbcards.tbl_carduser WHERE is_active = 1 ORDER BY carduser_id LIMIT 1"
    )
    expected = db.rows(
        "SELECT t.name, c.last4, c.expiry_month, c.expiry_year, c.card_number, c.cvv FROM dbcards.tbl_carduser u "
        "JOIN dbcards.tbl_card c ON c.card_id = u.card_id JOIN dbcards.tbl_cardstype t ON t.cardstype_id = c.cardstype_id "
        "WHERE u.user_id = :c AND u.is_active = 1", c=customer,
    )

    result = db.call("list_payment_methods", {}, customer=customer)

    assert isinstance(result, PaymentMethods)
    assert sorted((c.brand, c.last4, c.expiry_month, c.expiry_year) for c in result.cards) == sorted(
        (r.name, r.last4, r.expiry_month, r.expiry_year) for r in expected)
    dumped = result.model_dump_json()
    assert not any(r.card_number in dumped for r in expected)
