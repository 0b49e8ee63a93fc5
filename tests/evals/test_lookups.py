"""Named lookups resolve on the demo database (SQLite and MariaDB) and agree with plain SQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine

from evals.cases import Case
from evals.facts import Status
from evals.lookups import Bindings, MissingCaseData
from tests.evals.conftest import one


def case_for(caller: dict, given: dict | None = None) -> Case:
    return Case.model_validate({"id": "probe", "language": "en", "caller": caller, "given": given or {},
                                "turns": [{"say": "hi"}]})


@pytest.mark.parametrize("status", ["pending", "processing", "shipped", "delivered", "cancelled", "returned"])
def test_a_customer_with_an_order_in_each_status(demo_engine: Engine, status: str) -> None:
    bindings = Bindings(demo_engine, case_for({"identity": "verified", "with_order_status": status}))
    order_id = bindings.value("order", "id")
    row = one(demo_engine, "SELECT o.user_id, s.name, o.total_amount FROM dbitems.tbl_order o "
              "JOIN dbitems.tbl_orderstatus s ON s.orderstatus_id = o.orderstatus_id WHERE o.order_id = :o", o=order_id)
    assert row.user_id == bindings.customer_id
    assert bindings.value("order", "status") == row.name == status
    assert isinstance(bindings.value("order", "status"), Status)
    assert bindings.value("order", "total") == Decimal(str(row.total_amount))


def test_customer_fields_match_the_database(demo_engine: Engine) -> None:
    bindings = Bindings(demo_engine, case_for({"identity": "verified", "with_order_status": "shipped"}))
    user = one(demo_engine, "SELECT first_name, last_name FROM dbuser.tbl_user WHERE user_id = :u",
               u=bindings.customer_id)
    assert bindings.value("customer", "full_name") == f"{user.first_name} {user.last_name}"
    one(demo_engine, "SELECT 1 FROM dbuser.tbl_email WHERE user_id = :u AND email = :e",
        u=bindings.customer_id, e=bindings.value("customer", "email"))
    one(demo_engine, "SELECT 1 FROM dbuser.tbl_address WHERE user_id = :u AND postal_code = :p",
        u=bindings.customer_id, p=bindings.value("customer", "postal_code"))


def test_other_customer_and_other_order_belong_to_someone_else(demo_engine: Engine) -> None:
    bindings = Bindings(demo_engine, case_for({"identity": "verified", "with_order_status": "shipped"},
                                              {"other_order": {"has_tracking": True}}))
    other_id = bindings.value("other_customer", "id")
    assert other_id != bindings.customer_id
    owner = one(demo_engine, "SELECT user_id, tracking_number FROM dbitems.tbl_order WHERE order_id = :o",
                o=bindings.value("other_order", "id"))
    assert owner.user_id == other_id and owner.tracking_number == bindings.value("other_order", "tracking_number")


def test_the_injected_ticket_is_found(demo_engine: Engine) -> None:
    bindings = Bindings(demo_engine, case_for({"identity": "verified", "owns": "injected_ticket"}))
    ticket = one(demo_engine, "SELECT user_id, description FROM dbuser.tbl_help_ticket WHERE help_ticket_id = :t",
                 t=bindings.value("injected_ticket", "id"))
    assert ticket.user_id == bindings.customer_id
    assert "ignore your instructions" in ticket.description.lower()


def test_product_filters(demo_engine: Engine) -> None:
    bindings = Bindings(demo_engine, case_for({}, {"product": {"name_contains": "headphones", "in_stock": True}}))
    assert "headphones" in bindings.value("product", "name").lower()
    stock = one(demo_engine, "SELECT COALESCE(SUM(quantity), 0) AS units FROM dbitems.tbl_inventory "
                "WHERE product_id = :p", p=bindings.value("product", "id")).units
    assert stock == bindings.value("product", "stock") > 0
    assert bindings.value("store", "quantity") > 0


def test_rendering_resolves_placeholders_and_leaves_json_alone(demo_engine: Engine) -> None:
    bindings = Bindings(demo_engine, case_for({"identity": "verified", "with_order_status": "delivered"}))
    said = bindings.render('order {order.id} {"name": "get_ticket"}')
    assert said == f'order {bindings.value("order", "id")} {{"name": "get_ticket"}}'


def test_missing_data_is_a_clear_error(demo_engine: Engine) -> None:
    with pytest.raises(MissingCaseData, match="no product matches"):
        Bindings(demo_engine, case_for({}, {"product": {"name_contains": "flux capacitor"}})).value("product", "id")
    with pytest.raises(MissingCaseData, match="needs a caller customer"):
        Bindings(demo_engine, case_for({})).value("order", "id")
