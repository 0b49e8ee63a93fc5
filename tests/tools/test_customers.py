"""Verification and the customer's profile, on SQLite and on MariaDB's read-only account."""

from __future__ import annotations

import re

import pytest

from tools.customers import CustomerProfile, Verification
from tools.errors import ToolError


def login_of(db, customer: int):
    return db.one(
        "SELECT u.first_name, e.email, a.postal_code FROM dbuser.tbl_user u "
        "JOIN dbuser.tbl_email e ON e.user_id = u.user_id JOIN dbuser.tbl_address a ON a.user_id = u.user_id "
        "WHERE u.user_id = :c ORDER BY e.is_primary DESC, a.is_default DESC LIMIT 1", c=customer,
    )


def test_email_and_postal_code_verify_the_customer(db):
    customer = db.busiest_customer()
    login = login_of(db, customer)

    result = db.call("verify_customer", {"email": f"  {login.email.upper()} ", "postal_code": login.postal_code})

    assert isinstance(result, Verification)
    assert (result.verified, result.first_name, result.customer_id) == (True, login.first_name, customer)


def test_the_verified_id_never_reaches_the_model(db):
    login = login_of(db, db.busiest_customer())
    result = db.call("verify_customer", {"email": login.email, "postal_code": login.postal_code})
    assert "customer_id" not in result.model_dump() and "customer_id" not in result.model_dump_json()


def test_phone_last4_and_order_verify_the_customer(db):
    customer = db.busiest_customer()
    phone = db.scalar("SELECT phone_number FROM dbuser.tbl_phone WHERE user_id = :c LIMIT 1", c=customer)
    order_id = db.scalar("SELECT MIN(order_id) FROM dbitems.tbl_order WHERE user_id = :c", c=customer)

    result = db.call("verify_customer", {"phone_last4": phone[-4:], "order_id": order_id})

    assert result.verified and result.customer_id == customer


def test_every_wrong_detail_gets_the_same_answer(db):
    customer = db.busiest_customer()
    login = login_of(db, customer)
    someone_elses_postal_code = db.scalar(
        "SELECT postal_code FROM dbuser.tbl_address WHERE postal_code NOT IN "
        "(SELECT postal_code FROM dbuser.tbl_address WHERE user_id = :c) ORDER BY address_id LIMIT 1", c=customer,
    )
    attempts = [
        {"email": login.email, "postal_code": "00000"},
        {"email": "nobody@example.invalid", "postal_code": login.postal_code},
        {"email": login.email, "postal_code": someone_elses_postal_code},
        {"phone_last4": "0000", "order_id": db.order_of_someone_else(customer)},
    ]
    answers = [db.call("verify_customer", args) for args in attempts]
    assert all(isinstance(a, Verification) and not a.verified and a.customer_id is None for a in answers)
    assert len({a.model_dump_json() for a in answers}) == 1


@pytest.mark.parametrize("args", [{}, {"email": "a@b.co"}, {"postal_code": "10036"}, {"phone_last4": "1234"},
                                  {"email": "a@b.co", "order_id": 1}])
def test_an_incomplete_pair_asks_for_both_parts(db, args):
    result = db.call("verify_customer", args)
    assert isinstance(result, ToolError) and result.error == "invalid_argument"


def test_profile_matches_the_database_and_is_masked(db):
    customer = db.busiest_customer()
    user = db.one("SELECT first_name, last_name, created_at FROM dbuser.tbl_user WHERE user_id = :c", c=customer)
    emails = [r.email for r in db.rows("SELECT email FROM dbuser.tbl_email WHERE user_id = :c", c=customer)]
    phones = [r.phone_number for r in db.rows("SELECT phone_number FROM dbuser.tbl_phone WHERE user_id = :c",
                                              c=customer)]

    result = db.call("get_customer_profile", {}, customer=customer)

    assert isinstance(result, CustomerProfile)
    assert (result.first_name, result.last_name, result.member_since) == (user.first_name, user.last_name,
                                                                          db.dt(user.created_at))
    assert re.fullmatch(r".\*\*\*@[^@]+", result.email)
    assert any(result.email == f"{e[0]}***@{e.split('@')[1]}" for e in emails)
    assert re.fullmatch(r"\*\*\*-\*\*\*-\d{4}", result.phone)
    assert any(p.endswith(result.phone[-4:]) for p in phones)
    dumped = result.model_dump_json()
    assert not any(e in dumped for e in emails) and not any(p in dumped for p in phones)


def test_profile_membership_is_the_active_one(db):
    row = db.one(
        "SELECT c.user_id, m.name FROM dbitems.tbl_clippedmembership c JOIN dbitems.tbl_membership m "
        "ON m.membership_id = c.membership_id WHERE c.status = 'active' ORDER BY c.user_id LIMIT 1"
    )
    assert db.call("get_customer_profile", {}, customer=row.user_id).membership == row.name
