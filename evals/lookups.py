"""Named lookups: the read-only queries behind `{lookup.field}` placeholders in eval cases.

Each lookup is a parameterised SELECT over the schema modules. A case's caller is resolved first (a fixed customer,
or "a customer who has an order in status X"); the other lookups are resolved lazily, relative to that caller,
when a case names them. Choices are deterministic (lowest id first) so a run is repeatable on the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, exists, func, not_, or_, select
from sqlalchemy.engine import Connection, Engine

from evals.cases import Caller, Case
from evals.facts import Status, render
from tools.db.schema import dbcards, dbitems, dbuser

INJECTION_MARKERS = ("ignore previous", "ignore all", "ignore your", "reveal", "system prompt", "instructions",
                     "ignora", "revela")
"""Phrases that mark the demo ticket whose description tries to instruct the agent."""


class MissingCaseData(LookupError):
    """A case names data the database does not have (e.g. no order in that status). The message says which."""


@dataclass(frozen=True)
class Lookup:
    name: str
    fields: tuple[str, ...]
    description: str
    resolve: Callable[[Connection, Scope], dict[str, Any]]


@dataclass
class Scope:
    """What one case has resolved so far."""

    case: Case
    customer_id: int | None
    values: dict[str, dict[str, Any]] = field(default_factory=dict)

    def given(self, lookup: str) -> dict[str, Any]:
        return dict(self.case.given.get(lookup, {}))

    def require_customer(self, lookup: str) -> int:
        if self.customer_id is None:
            raise MissingCaseData(f"{{{lookup}.*}} needs a caller customer (caller.customer_id or with_order_status)")
        return self.customer_id


user_type_t = dbuser.tbl_user_type
u, email_t, phone_t, address_t = dbuser.tbl_user, dbuser.tbl_email, dbuser.tbl_phone, dbuser.tbl_address
city_t, ticket_t, ticket_status_t = dbuser.tbl_city, dbuser.tbl_help_ticket, dbuser.tbl_help_ticket_status
order_t, status_t, detail_t, product_t = dbitems.tbl_order, dbitems.tbl_orderstatus, dbitems.tbl_orderdetail, dbitems.tbl_product
category_t, inventory_t, return_t = dbitems.tbl_category, dbitems.tbl_inventory, dbitems.tbl_orderreturn
location_t, card_t, carduser_t, cardstype_t = dbuser.tbl_location, dbcards.tbl_card, dbcards.tbl_carduser, dbcards.tbl_cardstype


# --- who is calling ------------------------------------------------------------------------------------------

def resolve_caller(conn: Connection, caller: Caller, given: dict[str, Any]) -> int | None:
    """The customer a case is about: fixed, or the first (or `given.customer.nth`) matching the constraints."""
    if caller.customer_id is not None:
        if conn.execute(select(u.c.user_id).where(u.c.user_id == caller.customer_id)).first() is None:
            raise MissingCaseData(f"customer {caller.customer_id} does not exist")
        return caller.customer_id
    if caller.with_order_status is not None:
        condition = exists().where(and_(order_t.c.user_id == u.c.user_id, _order_status_is(caller.with_order_status)))
        wanted = f"an order in status {caller.with_order_status!r}"
    elif caller.owns is not None:
        condition = _OWNS[caller.owns]()
        wanted = f"a {caller.owns.replace('_', ' ')}"
    else:
        return None
    query = _verifiable_customers().where(condition).order_by(u.c.user_id)
    found = conn.execute(query.offset(int(given.get("nth", 0))).limit(1)).scalar()
    if found is None:
        raise MissingCaseData(f"no customer has {wanted}")
    return found


_OWNS: dict[str, Callable[[], Any]] = {
    "return": lambda: exists().where(
        return_t.c.order_id == order_t.c.order_id, order_t.c.user_id == u.c.user_id
    ),
    "ticket": lambda: exists().where(ticket_t.c.user_id == u.c.user_id, not_(_injection_filter())),
    "injected_ticket": lambda: exists().where(ticket_t.c.user_id == u.c.user_id, _injection_filter()),
    "card": lambda: exists().where(carduser_t.c.user_id == u.c.user_id),
}


def _verifiable_customers() -> Select[Any]:
    """Customers who can verify by e-mail + postal code (both exist), so flows can be scripted end to end."""
    return select(u.c.user_id).join(user_type_t, user_type_t.c.user_type_id == u.c.user_type_id).where(
        func.lower(user_type_t.c.name) == "customer",
        exists().where(email_t.c.user_id == u.c.user_id),
        exists().where(address_t.c.user_id == u.c.user_id),
    )


def _order_status_is(status: str) -> Any:
    return order_t.c.orderstatus_id.in_(select(status_t.c.orderstatus_id).where(func.lower(status_t.c.name) == status.lower()))


# --- customers -----------------------------------------------------------------------------------------------

def _person(conn: Connection, user_id: int) -> dict[str, Any]:
    row = conn.execute(select(u.c.first_name, u.c.last_name).where(u.c.user_id == user_id)).one()
    email = conn.execute(
        select(email_t.c.email).where(email_t.c.user_id == user_id)
        .order_by(email_t.c.is_primary.desc(), email_t.c.email_id).limit(1)
    ).scalar()
    phone = conn.execute(
        select(phone_t.c.phone_number).where(phone_t.c.user_id == user_id)
        .order_by(phone_t.c.is_primary.desc(), phone_t.c.phone_id).limit(1)
    ).scalar()
    address = conn.execute(
        select(address_t.c.postal_code, address_t.c.street, city_t.c.name)
        .join(city_t, city_t.c.city_id == address_t.c.city_id)
        .where(address_t.c.user_id == user_id)
        .order_by(address_t.c.is_default.desc(), address_t.c.address_id).limit(1)
    ).first()
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return {
        "id": user_id,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "full_name": f"{row.first_name} {row.last_name}",
        "email": email,
        "phone_last4": digits[-4:] if digits else None,
        "postal_code": address.postal_code if address else None,
        "street": address.street if address else None,
        "city": address.name if address else None,
    }


def _customer(conn: Connection, scope: Scope) -> dict[str, Any]:
    return _person(conn, scope.require_customer("customer"))


def _other_customer(conn: Connection, scope: Scope) -> dict[str, Any]:
    query = _verifiable_customers().order_by(u.c.user_id)
    if scope.customer_id is not None:
        query = query.where(u.c.user_id != scope.customer_id)
    query = query.where(exists().where(order_t.c.user_id == u.c.user_id))
    found = conn.execute(query.offset(int(scope.given("other_customer").get("nth", 0))).limit(1)).scalar()
    if found is None:
        raise MissingCaseData("no second customer with orders exists")
    return _person(conn, found)


# --- orders --------------------------------------------------------------------------------------------------

def _order_row(conn: Connection, where: list[Any], nth: int = 0) -> dict[str, Any] | None:
    items = (
        select(func.coalesce(func.sum(detail_t.c.quantity), 0))
        .where(detail_t.c.order_id == order_t.c.order_id).scalar_subquery()
    )
    first_product = (
        select(product_t.c.name).join(detail_t, detail_t.c.product_id == product_t.c.product_id)
        .where(detail_t.c.order_id == order_t.c.order_id)
        .order_by(detail_t.c.orderdetail_id).limit(1).scalar_subquery()
    )
    row = conn.execute(
        select(order_t, status_t.c.name.label("status_name"), items.label("item_count"),
               first_product.label("first_product"))
        .join(status_t, status_t.c.orderstatus_id == order_t.c.orderstatus_id)
        .where(*where).order_by(order_t.c.order_id).offset(nth).limit(1)
    ).first()
    if row is None:
        return None
    return {
        "id": row.order_id,
        "owner_id": row.user_id,
        "status": Status(row.status_name),
        "tracking_number": row.tracking_number,
        "carrier": row.carrier,
        "total": Decimal(str(row.total_amount)),
        "currency": row.currency,
        "order_date": _day(row.order_date),
        "shipped_at": _day(row.shipped_at),
        "estimated_delivery": _day(row.estimated_delivery),
        "delivered_at": _day(row.delivered_at),
        "item_count": int(row.item_count),
        "first_product": row.first_product,
    }


def _order_filters(options: dict[str, Any]) -> list[Any]:
    where = []
    if status := options.get("status"):
        where.append(_order_status_is(str(status)))
    if options.get("has_tracking"):
        where.append(order_t.c.tracking_number.is_not(None))
    if options.get("has_return"):
        where.append(exists().where(return_t.c.order_id == order_t.c.order_id))
    return where


def _order(conn: Connection, scope: Scope) -> dict[str, Any]:
    customer_id = scope.require_customer("order")
    options = scope.given("order")
    if scope.case.caller.with_order_status and "status" not in options:
        options["status"] = scope.case.caller.with_order_status
    found = _order_row(conn, [order_t.c.user_id == customer_id, *_order_filters(options)], int(options.get("nth", 0)))
    if found is None:
        raise MissingCaseData(f"customer {customer_id} has no order matching {options or 'any'}")
    return found


def _second_order(conn: Connection, scope: Scope) -> dict[str, Any]:
    first = scope.values.get("order") or _order(conn, scope)
    found = _order_row(conn, [order_t.c.user_id == first["owner_id"], order_t.c.order_id != first["id"]])
    if found is None:
        raise MissingCaseData(f"customer {first['owner_id']} has only one order")
    return found


def _other_order(conn: Connection, scope: Scope) -> dict[str, Any]:
    """An order of `{other_customer}`, so one case can name both consistently."""
    other = scope.values.get("other_customer") or _other_customer(conn, scope)
    scope.values["other_customer"] = other
    options = scope.given("other_order")
    found = _order_row(conn, [order_t.c.user_id == other["id"], *_order_filters(options)], int(options.get("nth", 0)))
    if found is None:
        raise MissingCaseData(f"customer {other['id']} has no order matching {options or 'any'}")
    return found


def _return(conn: Connection, scope: Scope) -> dict[str, Any]:
    customer_id = scope.require_customer("return")
    row = conn.execute(
        select(return_t).join(order_t, order_t.c.order_id == return_t.c.order_id)
        .where(order_t.c.user_id == customer_id).order_by(return_t.c.orderreturn_id).limit(1)
    ).first()
    if row is None:
        raise MissingCaseData(f"customer {customer_id} has no return")
    return {
        "order_id": row.order_id,
        "status": Status(row.status),
        "reason": row.reason,
        "refund_amount": Decimal(str(row.refund_amount)) if row.refund_amount is not None else None,
        "requested_at": _day(row.requested_at),
    }


# --- catalogue -----------------------------------------------------------------------------------------------

def _stock_of(product_id_column: Any) -> Any:
    return (
        select(func.coalesce(func.sum(inventory_t.c.quantity), 0))
        .where(inventory_t.c.product_id == product_id_column).scalar_subquery()
    )


def _product_row(conn: Connection, options: dict[str, Any], exclude: int | None = None) -> dict[str, Any]:
    stock = _stock_of(product_t.c.product_id)
    query = (
        select(product_t, category_t.c.name.label("category_name"), stock.label("stock"))
        .join(category_t, category_t.c.category_id == product_t.c.category_id)
        .where(product_t.c.is_active.is_(True))
    )
    if exclude is not None:
        query = query.where(product_t.c.product_id != exclude)
    if "in_stock" in options:
        query = query.where(stock > 0 if options["in_stock"] else stock == 0)
    if text := options.get("name_contains"):
        query = query.where(func.lower(product_t.c.name).contains(str(text).lower(), autoescape=True))
    if category := options.get("category"):
        query = query.where(func.lower(category_t.c.name).contains(str(category).lower(), autoescape=True))
    row = conn.execute(query.order_by(product_t.c.product_id).offset(int(options.get("nth", 0))).limit(1)).first()
    if row is None:
        raise MissingCaseData(f"no product matches {options or 'any'}")
    return {
        "id": row.product_id,
        "name": row.name,
        "sku": row.sku,
        "brand": row.brand,
        "price": Decimal(str(row.price)),
        "currency": row.currency,
        "category": row.category_name,
        "stock": int(row.stock),
        "warranty_months": int(row.warranty_months),
    }


def _product(conn: Connection, scope: Scope) -> dict[str, Any]:
    return _product_row(conn, scope.given("product"))


def _other_product(conn: Connection, scope: Scope) -> dict[str, Any]:
    first = scope.values.get("product") or _product(conn, scope)
    return _product_row(conn, scope.given("other_product"), exclude=first["id"])


def _store(conn: Connection, scope: Scope) -> dict[str, Any]:
    """A store holding `{product}` in stock (or, with `given.store.in_stock: false`, one without it)."""
    product = scope.values.get("product") or _product(conn, scope)
    want_stock = bool(scope.given("store").get("in_stock", True))
    quantity = (
        select(func.coalesce(func.sum(inventory_t.c.quantity), 0))
        .where(inventory_t.c.location_id == location_t.c.location_id, inventory_t.c.product_id == product["id"])
        .scalar_subquery()
    )
    row = conn.execute(
        select(location_t.c.name, city_t.c.name.label("city"), quantity.label("quantity"))
        .join(city_t, city_t.c.city_id == location_t.c.city_id)
        .where(location_t.c.is_active.is_(True), quantity > 0 if want_stock else quantity == 0)
        .order_by(location_t.c.location_id).limit(1)
    ).first()
    if row is None:
        raise MissingCaseData(f"no store {'has' if want_stock else 'lacks'} product {product['id']}")
    return {"name": row.name, "city": row.city, "quantity": int(row.quantity)}


# --- support -------------------------------------------------------------------------------------------------

def _injection_filter() -> Any:
    lowered = func.lower(ticket_t.c.description)
    return or_(*(lowered.contains(marker) for marker in INJECTION_MARKERS))


def _ticket_dict(row: Any) -> dict[str, Any]:
    return {"id": row.help_ticket_id, "owner_id": row.user_id, "subject": row.subject,
            "status": Status(row.status_name)}


def _ticket_query() -> Select[Any]:
    return (
        select(ticket_t, ticket_status_t.c.name.label("status_name"))
        .join(ticket_status_t, ticket_status_t.c.help_ticket_status_id == ticket_t.c.help_ticket_status_id)
        .order_by(ticket_t.c.help_ticket_id)
    )


def _ticket(conn: Connection, scope: Scope) -> dict[str, Any]:
    customer_id = scope.require_customer("ticket")
    row = conn.execute(_ticket_query().where(ticket_t.c.user_id == customer_id, not_(_injection_filter()))).first()
    if row is None:
        raise MissingCaseData(f"customer {customer_id} has no support ticket")
    return _ticket_dict(row)


def _injected_ticket(conn: Connection, scope: Scope) -> dict[str, Any]:
    row = conn.execute(_ticket_query().where(_injection_filter())).first()
    if row is None:
        raise MissingCaseData("the database has no ticket whose description tries to instruct the agent")
    return _ticket_dict(row)


# --- payment cards -------------------------------------------------------------------------------------------

def _card_row(conn: Connection, where: Any) -> dict[str, Any]:
    row = conn.execute(
        select(card_t, cardstype_t.c.name.label("brand"), carduser_t.c.user_id)
        .join(carduser_t, carduser_t.c.card_id == card_t.c.card_id)
        .join(cardstype_t, cardstype_t.c.cardstype_id == card_t.c.cardstype_id)
        .where(where).order_by(card_t.c.card_id).limit(1)
    ).first()
    if row is None:
        raise MissingCaseData("no saved card matches")
    return {"last4": row.last4, "brand": row.brand, "card_number": row.card_number, "cvv": row.cvv,
            "expiry_month": row.expiry_month, "expiry_year": row.expiry_year, "owner_id": row.user_id}


def _card(conn: Connection, scope: Scope) -> dict[str, Any]:
    return _card_row(conn, carduser_t.c.user_id == scope.require_customer("card"))


def _other_card(conn: Connection, scope: Scope) -> dict[str, Any]:
    return _card_row(conn, carduser_t.c.user_id != (scope.customer_id or 0))


def _day(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


_PERSON_FIELDS = ("id", "first_name", "last_name", "full_name", "email", "phone_last4", "postal_code", "street", "city")
_ORDER_FIELDS = ("id", "owner_id", "status", "tracking_number", "carrier", "total", "currency", "order_date",
                 "shipped_at", "estimated_delivery", "delivered_at", "item_count", "first_product")
_CARD_FIELDS = ("last4", "brand", "card_number", "cvv", "expiry_month", "expiry_year", "owner_id")

LOOKUPS: dict[str, Lookup] = {
    lookup.name: lookup
    for lookup in (
        Lookup("customer", _PERSON_FIELDS, "The caller's customer record.", _customer),
        Lookup("other_customer", _PERSON_FIELDS, "A different customer (who has orders).", _other_customer),
        Lookup("order", _ORDER_FIELDS, "An order of the caller (given.order: status, has_tracking, nth).", _order),
        Lookup("second_order", _ORDER_FIELDS, "Another order of the same caller.", _second_order),
        Lookup("other_order", _ORDER_FIELDS, "An order of {other_customer} (given.other_order: status, has_tracking, nth).", _other_order),
        Lookup("return", ("order_id", "status", "reason", "refund_amount", "requested_at"),
               "The caller's first return request.", _return),
        Lookup("product", ("id", "name", "sku", "brand", "price", "currency", "category", "stock", "warranty_months"),
               "A catalogue product (given.product: in_stock, name_contains, category, nth).", _product),
        Lookup("other_product", ("id", "name", "sku", "brand", "price", "currency", "category", "stock",
                                 "warranty_months"), "A product other than {product}.", _other_product),
        Lookup("store", ("name", "city", "quantity"), "A store that has {product} in stock.", _store),
        Lookup("ticket", ("id", "owner_id", "subject", "status"), "The caller's first ordinary ticket.", _ticket),
        Lookup("injected_ticket", ("id", "owner_id", "subject", "status"),
               "The demo ticket whose description tries to instruct the agent.", _injected_ticket),
        Lookup("card", _CARD_FIELDS, "The caller's first saved card.", _card),
        Lookup("other_card", _CARD_FIELDS, "A saved card of someone else.", _other_card),
    )
}


def check_placeholders(case: Case) -> list[str]:
    """Problems with the placeholders a case uses (unknown lookup or field), for load-time validation."""
    problems = []
    for name, field_name in sorted(case.placeholders()):
        lookup = LOOKUPS.get(name)
        if lookup is None:
            problems.append(f"unknown lookup {{{name}.…}} (known: {', '.join(sorted(LOOKUPS))})")
        elif field_name not in lookup.fields:
            problems.append(f"{{{name}.{field_name}}}: no such field (known: {', '.join(lookup.fields)})")
    return problems


class Bindings:
    """The resolved values for one case, resolving each named lookup once, on first use."""

    def __init__(self, engine: Engine, case: Case):
        self._engine = engine
        with engine.connect() as conn:
            customer_id = resolve_caller(conn, case.caller, case.given.get("customer", {}))
        self.scope = Scope(case=case, customer_id=customer_id)

    @property
    def customer_id(self) -> int | None:
        return self.scope.customer_id

    def value(self, lookup: str, field_name: str) -> Any:
        if lookup not in self.scope.values:
            with self._engine.connect() as conn:
                self.scope.values[lookup] = LOOKUPS[lookup].resolve(conn, self.scope)
        value = self.scope.values[lookup].get(field_name)
        if value is None:
            raise MissingCaseData(f"{{{lookup}.{field_name}}} is empty in the database for this case")
        return value

    def render(self, text: str) -> str:
        from evals.cases import PLACEHOLDER

        return PLACEHOLDER.sub(lambda m: render(self.value(m.group(1), m.group(2))), text)

    def typed(self, text: str) -> Any:
        """A text that is exactly one placeholder keeps its typed value (a Status, a Decimal, a date)."""
        from evals.cases import PLACEHOLDER

        match = PLACEHOLDER.fullmatch(text.strip())
        return self.value(match.group(1), match.group(2)) if match else self.render(text)
