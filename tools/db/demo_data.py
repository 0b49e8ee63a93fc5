"""A deterministic, bilingual demo dataset, generated as a stream of multi-row batches.

`generate(plan)` yields `Batch`es (one table, column names, row tuples) in foreign-key order; every value comes
from `random.Random(plan.seed)` and a fixed anchor date, so the same plan always yields the same rows. Primary
keys are assigned here (1..n), so child rows can reference parents without reading them back, and the loader can
stream straight into multi-row INSERTs.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import count
from typing import Literal

from tools.db import demo_reference as ref

GENERATOR_VERSION = 1
ANCHOR = datetime(2026, 11, 20, 10, 0, 0)
"""'Now' for the demo: order ages and delivery estimates are relative to it, so the data never depends on the clock."""

Scale = Literal["small", "medium", "large"]
SCALE_ORDERS: dict[str, int] = {"small": 300, "medium": 50_000, "large": 1_000_000}
ORDERS_PER_CHUNK = 5_000
FINGERPRINT_CODE = "apitap.demo"


@dataclass(frozen=True)
class DemoPlan:
    scale: str
    orders: int
    customers: int
    products: int
    seed: int

    def fingerprint(self) -> dict[str, int | str]:
        return {"scale": self.scale, "orders": self.orders, "customers": self.customers,
                "products": self.products, "seed": self.seed, "generator_version": GENERATOR_VERSION}

    def estimated_rows(self) -> int:
        """Roughly how many rows `generate` yields (for progress bars)."""
        per_customer = 1 + 1.1 + 1.3 + 1.2 + 1.5 * 2 + 0.4 + 0.4 + 0.3
        per_order = 1 + 1.9 + 4.2 + 1 + 0.13
        return int(500 + self.products * 13 + self.customers * per_customer + self.orders * per_order)


def make_plan(scale: str | None = "small", orders: int | None = None, seed: int = 42) -> DemoPlan:
    """A plan from a scale name or an explicit order count (`orders` wins when both are given)."""
    if orders is None:
        if scale not in SCALE_ORDERS:
            raise ValueError(f"unknown scale {scale!r}; use one of {', '.join(SCALE_ORDERS)}")
        orders = SCALE_ORDERS[scale]
    else:
        scale = "custom" if orders not in SCALE_ORDERS.values() else next(k for k, v in SCALE_ORDERS.items() if v == orders)
    if orders < 50:
        raise ValueError("the demo needs at least 50 orders (the personas alone have 30)")
    customers = 50 if orders <= 300 else max(50, orders // 6)
    products = 60 if orders <= 300 else 400
    return DemoPlan(scale=scale, orders=orders, customers=customers, products=products, seed=seed)


@dataclass
class Batch:
    table: str
    """Schema-qualified table name, e.g. "dbitems.tbl_order"."""
    columns: tuple[str, ...]
    rows: list[tuple]


def _ts(moment: datetime) -> str:
    # SQLAlchemy's own SQLite DATETIME text format, which MySQL also accepts: bound parameters compare correctly.
    return moment.strftime("%Y-%m-%d %H:%M:%S.000000")


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


@dataclass
class _Customer:
    user_id: int
    first: str
    last: str
    language: str
    country: str
    city: str
    address_id: int
    card_ids: list[int]
    last_order_by_status: dict[str, int]


class _Generator:
    def __init__(self, plan: DemoPlan) -> None:
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.customers: list[_Customer] = []
        self.country_ids = {iso2: i for i, (_, iso2, *_rest) in enumerate(ref.COUNTRIES, 1)}
        self.city_ids: dict[str, int] = {}
        self.city_country: dict[str, str] = {}
        self.product_prices: list[int] = []
        self.status_ids = {name: i for i, name in enumerate(ref.ORDER_STATUSES, 1)}

    # --- reference data ------------------------------------------------------------------------------------
    def reference(self) -> Iterator[Batch]:
        yield Batch("dbuser.tbl_language", ("language_id", "language_code", "name", "native_name"),
                    [(i, code, name, native) for i, (code, name, native) in enumerate(ref.LANGUAGES, 1)])
        tz_ids = {name: i for i, (name, _) in enumerate(ref.TIMEZONES, 1)}
        yield Batch("dbuser.tbl_timezone", ("timezone_id", "name", "utc_offset_minutes"),
                    [(tz_ids[name], name, offset) for name, offset in ref.TIMEZONES])
        yield Batch("dbuser.tbl_country", ("country_id", "name", "iso2", "iso3", "phone_code", "currency"),
                    [(i, *row) for i, row in enumerate(ref.COUNTRIES, 1)])
        state_ids = {code: i for i, (_, code, _c) in enumerate(ref.STATES, 1)}
        yield Batch("dbuser.tbl_state", ("state_id", "name", "code", "country_id"),
                    [(state_ids[code], name, code, self.country_ids[iso2]) for name, code, iso2 in ref.STATES])
        state_country = {code: iso2 for _, code, iso2 in ref.STATES}
        city_rows = []
        for i, (city, state, tz, *_rest) in enumerate(ref.CITIES, 1):
            self.city_ids[city] = i
            self.city_country[city] = state_country[state]
            city_rows.append((i, city, state_ids[state], tz_ids[tz]))
        yield Batch("dbuser.tbl_city", ("city_id", "name", "state_id", "timezone_id"), city_rows)

        def lookup(table: str, id_column: str, names: tuple[str, ...]) -> Batch:
            return Batch(table, (id_column, "name"), [(i, name) for i, name in enumerate(names, 1)])

        yield lookup("dbuser.tbl_user_type", "user_type_id", ref.USER_TYPES)
        yield lookup("dbuser.tbl_user_status", "user_status_id", ref.USER_STATUSES)
        yield lookup("dbuser.tbl_help_ticket_type", "help_ticket_type_id", ref.HELP_TICKET_TYPES)
        yield lookup("dbuser.tbl_help_ticket_status", "help_ticket_status_id", ref.HELP_TICKET_STATUSES)
        type_ids = {name: i for i, name in enumerate(ref.HELP_TICKET_TYPES, 1)}
        yield Batch("dbuser.tbl_help_ticket_reason", ("help_ticket_reason_id", "name", "help_ticket_type_id"),
                    [(i, name, type_ids[kind]) for i, (name, kind) in enumerate(ref.HELP_TICKET_REASONS, 1)])
        yield lookup("dbitems.tbl_orderstatus", "orderstatus_id", ref.ORDER_STATUSES)
        yield lookup("dbitems.tbl_ordertype", "ordertype_id", ref.ORDER_TYPES)
        yield lookup("dbitems.tbl_inventory_status", "inventory_status_id", ref.INVENTORY_STATUSES)
        yield lookup("dbcards.tbl_cardstatus", "cardstatus_id", ref.CARD_STATUSES)
        yield Batch("dbcards.tbl_cardstype", ("cardstype_id", "name", "code"),
                    [(i, name, code) for i, (name, code, _) in enumerate(ref.CARD_TYPES, 1)])
        for table, names in ref.OTHER_LOOKUPS.items():
            id_column = table.split(".tbl_", 1)[1] + "_id"
            yield lookup(table, id_column, names)
        yield Batch("dbuser.tbl_location",
                    ("location_id", "name", "location_type", "street", "city_id", "postal_code", "phone_number",
                     "latitude", "longitude", "opening_hours"),
                    [(i, name, kind, street, self.city_ids[city], postal, phone, f"{lat:.6f}", f"{lon:.6f}",
                      ref.OPENING_HOURS[kind])
                     for i, (name, kind, city, street, postal, phone, lat, lon) in enumerate(ref.LOCATIONS, 1)])
        yield Batch("dbitems.tbl_coupon",
                    ("coupon_id", "code", "description", "discount_type", "discount_value", "min_order_amount",
                     "valid_from", "valid_until", "is_active"),
                    [(i, code, text, kind, value, minimum, _ts(ANCHOR - timedelta(days=180)),
                      _ts(ANCHOR + timedelta(days=30 * (i % 4))), int(i % 4 != 0))
                     for i, (code, text, kind, value, minimum) in enumerate(ref.COUPONS, 1)])
        yield Batch("dbitems.tbl_membership",
                    ("membership_id", "name", "description", "monthly_fee", "free_shipping", "discount_percent"),
                    [(i, name, text, fee, int(free), pct)
                     for i, (name, text, fee, free, pct) in enumerate(ref.MEMBERSHIPS, 1)])
        yield self._faqs()

    def _faqs(self) -> Batch:
        rows = []
        for topic, q_en, a_en, q_es, a_es in ref.FAQS:
            rows.append((len(rows) + 1, "en", topic, q_en, a_en, len(rows)))
            rows.append((len(rows) + 1, "es", topic, q_es, a_es, len(rows)))
        return Batch("dbuser.tbl_help_faq",
                     ("help_faq_id", "language_code", "topic", "question", "answer", "sort_order"), rows)

    # --- catalogue ---------------------------------------------------------------------------------------------
    def catalogue(self) -> Iterator[Batch]:
        rng = self.rng
        category_ids = {code: i for i, (code, *_rest) in enumerate(ref.CATEGORIES, 1)}
        levels: dict[str, int] = {}
        category_rows, description_rows = [], []
        for i, (code, parent, en, es, return_days, warranty, tax) in enumerate(ref.CATEGORIES, 1):
            levels[code] = 0 if parent is None else levels[parent] + 1
            category_rows.append((i, category_ids[parent] if parent else None, code, en, levels[code], tax,
                                  return_days, warranty, i, _ts(ANCHOR - timedelta(days=900))))
            description_rows.append((2 * i - 1, i, "en", en, f"{en} at Apitap"))
            description_rows.append((2 * i, i, "es", es, f"{es} en Apitap"))
        yield Batch("dbitems.tbl_category",
                    ("category_id", "parent_category_id", "code", "name", "level", "tax_rate", "return_days",
                     "warranty_months", "sort_order", "created_at"), category_rows)
        yield Batch("dbitems.tbl_categorydescription",
                    ("categorydescription_id", "category_id", "language_code", "name", "description"),
                    description_rows)
        warranty_of = {code: warranty for code, _, _, _, _, warranty, _ in ref.CATEGORIES}
        leaves = list(ref.PRODUCT_KINDS)
        product_rows, names_seen = [], set()
        for product_id in range(1, self.plan.products + 1):
            leaf = leaves[(product_id - 1) % len(leaves)]
            while True:
                pattern, low, high, description = rng.choice(ref.PRODUCT_KINDS[leaf])
                brand = rng.choice(ref.BRANDS)
                model = f"{rng.choice('AEKMNRSTVXZ')}{rng.randint(1, 99)}"
                name = f"{brand} {pattern.format(model=model)}"
                if name not in names_seen:
                    names_seen.add(name)
                    break
            price_cents = rng.randint(low, high) * 100 - 1
            self.product_prices.append(price_cents)
            product_rows.append((
                product_id, f"{leaf[:3].upper()}-{product_id:05d}", name, f"{description} By {brand}.", brand,
                category_ids[leaf], _money(price_cents), f"{rng.uniform(0.1, 25):.3f}", warranty_of[leaf],
                int(rng.random() > 0.05), _ts(ANCHOR - timedelta(days=rng.randint(30, 700))),
            ))
        yield Batch("dbitems.tbl_product",
                    ("product_id", "sku", "name", "description", "brand", "category_id", "price", "weight_kg",
                     "warranty_months", "is_active", "created_at"), product_rows)
        inventory_rows = []
        for product_id in range(1, self.plan.products + 1):
            for location_id in range(1, len(ref.LOCATIONS) + 1):
                quantity = 0 if rng.random() < 0.15 else rng.randint(1, 120)
                status = 3 if quantity == 0 else 2 if quantity < 5 else 1
                inventory_rows.append((len(inventory_rows) + 1, product_id, location_id, quantity, status,
                                       _ts(ANCHOR - timedelta(hours=rng.randint(1, 72)))))
        yield Batch("dbitems.tbl_inventory",
                    ("inventory_id", "product_id", "location_id", "quantity", "inventory_status_id", "updated_at"),
                    inventory_rows)

    # --- customers -----------------------------------------------------------------------------------------------
    def customers_batches(self) -> Iterator[Batch]:
        rng = self.rng
        users, emails, phones, addresses, cards, carduser = [], [], [], [], [], []
        next_email, next_phone, next_address, next_card = count(1), count(1), count(1), count(1)
        cities_by_country: dict[str, list[str]] = {}
        for city, *_rest in ref.CITIES:
            cities_by_country.setdefault(self.city_country[city], []).append(city)
        city_info = {city: (prefix, digits, streets) for city, _s, _t, prefix, digits, streets in ref.CITIES}
        countries = [iso2 for _, iso2, *_rest in ref.COUNTRIES]

        def flush() -> Iterator[Batch]:
            yield Batch("dbuser.tbl_user", ("user_id", "first_name", "last_name", "user_type_id", "user_status_id",
                                            "language_code", "date_of_birth", "created_at", "last_login_at"), users)
            yield Batch("dbuser.tbl_email", ("email_id", "user_id", "email", "is_primary", "is_verified",
                                             "created_at"), emails)
            yield Batch("dbuser.tbl_phone", ("phone_id", "user_id", "phone_number", "phone_type", "is_primary",
                                             "created_at"), phones)
            yield Batch("dbuser.tbl_address", ("address_id", "user_id", "street", "street2", "city_id",
                                               "postal_code", "address_type", "is_default", "created_at"), addresses)
            yield Batch("dbcards.tbl_card", ("card_id", "token", "card_number", "cvv", "expiry_month", "expiry_year",
                                             "last4", "cardholder_name", "cardstype_id", "cardstatus_id",
                                             "accounttype_id", "billing_address_id", "issuer_country", "created_at"),
                        cards)
            yield Batch("dbcards.tbl_carduser", ("carduser_id", "card_id", "user_id", "nickname", "is_default",
                                                 "created_at"), carduser)

        for user_id in range(1, self.plan.customers + 1):
            if user_id <= len(ref.PERSONAS):
                first, last, language, city, street, postal, email, phone = ref.PERSONAS[user_id - 1]
                country = self.city_country[city]
                status = 1
            else:
                country = rng.choices(countries, cum_weights=_cumulative(ref.COUNTRY_WEIGHTS))[0]
                language = ("en" if rng.random() < 0.9 else "es") if country == "US" else \
                    ("es" if rng.random() < 0.9 else "en")
                first = rng.choice(ref.NAMES[language][0])
                last = rng.choice(ref.NAMES[language][1])
                city = rng.choice(cities_by_country[country])
                prefix, digits, streets = city_info[city]
                street = f"{rng.choice(streets)} {rng.randint(1, 2999)}" if country != "US" else \
                    f"{rng.randint(1, 2999)} {rng.choice(streets)}"
                postal = prefix + "".join(rng.choice("0123456789") for _ in range(digits))
                domain = {"US": "example.com", "MX": "example.mx", "ES": "example.es", "CO": "example.co"}[country]
                email = f"{_ascii(first)}.{_ascii(last)}.{user_id}@{domain}"
                phone = _phone(rng, country)
                status = rng.choices((1, 2, 3, 4), weights=(92, 3, 3, 2))[0]
            created = ANCHOR - timedelta(days=rng.randint(400, 1500), minutes=rng.randint(0, 1440))
            birth = datetime(rng.randint(1955, 2004), rng.randint(1, 12), rng.randint(1, 28)).date().isoformat()
            users.append((user_id, first, last, 1, status, language, birth, _ts(created),
                          _ts(ANCHOR - timedelta(hours=rng.randint(1, 2000)))))
            emails.append((next(next_email), user_id, email, 1, 1, _ts(created)))
            if rng.random() < 0.1:
                emails.append((next(next_email), user_id, f"{_ascii(first)}{user_id}@work.example.org", 0, 0,
                               _ts(created + timedelta(days=30))))
            phones.append((next(next_phone), user_id, phone, "mobile", 1, _ts(created)))
            if rng.random() < 0.3:
                phones.append((next(next_phone), user_id, _phone(rng, country), "home", 0, _ts(created)))
            address_id = next(next_address)
            addresses.append((address_id, user_id, street, None, self.city_ids[city], postal, "shipping", 1,
                              _ts(created)))
            if rng.random() < 0.2:
                other = rng.choice(cities_by_country[country])
                prefix, digits, streets = city_info[other]
                addresses.append((next(next_address), user_id, f"{rng.choice(streets)} {rng.randint(1, 999)}",
                                  "Office", self.city_ids[other],
                                  prefix + "".join(rng.choice("0123456789") for _ in range(digits)), "billing", 0,
                                  _ts(created)))
            card_ids = []
            for n in range(1 if rng.random() < 0.6 else 2):
                card_id = next(next_card)
                type_index = rng.choices((0, 1, 2, 3), weights=(50, 30, 12, 8))[0]
                _, _, numbers = ref.CARD_TYPES[type_index]
                number = rng.choice(numbers)
                expired = rng.random() < 0.08
                year = rng.randint(2023, 2025) if expired else rng.randint(2027, 2031)
                cards.append((card_id, f"tok_{card_id:07d}{rng.getrandbits(40):010x}", number,
                              f"{rng.randint(0, 9999):04d}" if type_index == 2 else f"{rng.randint(0, 999):03d}",
                              rng.randint(1, 12), year, number[-4:], f"{first} {last}".upper(), type_index + 1,
                              3 if expired else 1, 1, address_id, country, _ts(created + timedelta(days=n))))
                carduser.append((card_id, card_id, user_id, None if n == 0 else "backup", int(n == 0),
                                 _ts(created + timedelta(days=n))))
                if not expired:
                    card_ids.append(card_id)
            self.customers.append(_Customer(user_id, first, last, language, country, city, address_id, card_ids, {}))
            if len(users) >= 5000:
                yield from flush()
                users, emails, phones, addresses, cards, carduser = [], [], [], [], [], []
        yield from flush()

    # --- orders ----------------------------------------------------------------------------------------------
    def _order_plan(self) -> Iterator[tuple[int, str]]:
        """(customer index, status) for every order: personas first with one order in each status, then one
        order for every other customer, then random customers and statuses."""
        rng = self.rng
        count = 0
        for index in range(min(len(ref.PERSONAS), len(self.customers))):
            for status in ref.ORDER_STATUSES:
                yield index, status
                count += 1
        for index in range(len(ref.PERSONAS), len(self.customers)):
            if count >= self.plan.orders:
                return
            yield index, _random_status(rng)
            count += 1
        while count < self.plan.orders:
            yield rng.randrange(len(self.customers)), _random_status(rng)
            count += 1

    def orders(self) -> Iterator[Batch]:
        rng = self.rng
        orders, details, history, returns, payments = [], [], [], [], []
        detail_id = history_id = return_id = payment_id = 0
        n_products = len(self.product_prices)
        coupon_count = len(ref.COUPONS)

        def flush() -> Iterator[Batch]:
            yield Batch("dbitems.tbl_order",
                        ("order_id", "user_id", "orderstatus_id", "ordertype_id", "order_date", "subtotal_amount",
                         "shipping_amount", "tax_amount", "discount_amount", "total_amount", "currency",
                         "shipping_address_id", "carrier", "tracking_number", "shipped_at", "estimated_delivery",
                         "delivered_at", "card_id", "coupon_id", "updated_at"), orders)
            yield Batch("dbitems.tbl_orderdetail",
                        ("orderdetail_id", "order_id", "product_id", "quantity", "unit_price", "discount_amount",
                         "line_total"), details)
            yield Batch("dbitems.tbl_orderhistory",
                        ("orderhistory_id", "order_id", "orderstatus_id", "changed_at", "location_text", "note"),
                        history)
            yield Batch("dbitems.tbl_orderreturn",
                        ("orderreturn_id", "order_id", "orderdetail_id", "status", "reason", "requested_at",
                         "resolved_at", "refund_amount"), returns)
            yield Batch("dbitems.tbl_orderpayment",
                        ("orderpayment_id", "order_id", "card_id", "amount", "payment_method", "status",
                         "authorization_code", "paid_at"), payments)

        for order_id, (customer_index, status) in enumerate(self._order_plan(), 1):
            customer = self.customers[customer_index]
            customer.last_order_by_status[status] = order_id
            notes = ref.HISTORY_NOTES[customer.language]
            age_days = {"pending": (0, 1), "processing": (0, 3), "shipped": (1, 5), "delivered": (8, 365),
                        "cancelled": (1, 365), "returned": (25, 365)}[status]
            ordered = ANCHOR - timedelta(days=rng.randint(*age_days), minutes=rng.randint(30, 1439))
            subtotal = 0
            first_detail = detail_id + 1
            for _ in range(rng.choices((1, 2, 3, 4), weights=(45, 32, 16, 7))[0]):
                product_index = rng.randrange(n_products)
                quantity = rng.choices((1, 2, 3), weights=(80, 15, 5))[0]
                price = self.product_prices[product_index]
                detail_id += 1
                details.append((detail_id, order_id, product_index + 1, quantity, _money(price), "0.00",
                                _money(price * quantity)))
                subtotal += price * quantity
            coupon_id = rng.randint(1, coupon_count) if rng.random() < 0.05 else None
            discount = subtotal // 10 if coupon_id else 0
            shipping = 0 if subtotal >= 5000 else 599
            tax = (subtotal - discount) * 8 // 100
            total = subtotal - discount + shipping + tax
            carrier, prefix = rng.choice(ref.CARRIERS[customer.country])
            warehouse, hub = ref.SHIPPING_ROUTES[customer.country]
            destination = f"{customer.city}, {customer.country}"
            paid = ordered + timedelta(minutes=rng.randint(1, 30))
            shipped = paid + timedelta(hours=rng.randint(12, 40))
            estimated = shipped + timedelta(days=rng.randint(3, 6))
            delivered = shipped + timedelta(days=rng.randint(2, 6), hours=rng.randint(0, 8))
            tracking = f"{prefix}{order_id:09d}{rng.randint(0, 99):02d}"
            events = [(1, ordered, "Online", notes["placed"])]
            paid_before_cancel = status == "cancelled" and rng.random() < 0.5
            if status not in ("pending", "cancelled") or paid_before_cancel:
                events.append((2, paid, warehouse, notes["paid"]))
            is_shipped = status in ("shipped", "delivered", "returned")
            if is_shipped:
                in_transit = shipped + timedelta(hours=rng.randint(10, 30))
                events.append((3, shipped, warehouse, notes["handed"].format(carrier=carrier)))
                if in_transit < ANCHOR:
                    events.append((3, in_transit, hub, notes["transit"]))
            if status in ("delivered", "returned"):
                events.append((3, delivered - timedelta(hours=rng.randint(2, 6)), destination, notes["out"]))
                events.append((4, delivered, destination, notes["delivered"]))
            if status == "cancelled":
                events.append((5, ordered + timedelta(hours=rng.randint(1, 20)), "Online",
                               rng.choice(ref.CANCEL_REASONS[customer.language])))
            reason = rng.choice(ref.RETURN_REASONS[customer.language])
            if status == "returned":
                requested = delivered + timedelta(days=rng.randint(1, 15))
                received = requested + timedelta(days=rng.randint(4, 9))
                events.append((6, requested, destination, notes["return_requested"]))
                events.append((6, received, warehouse, notes["return_received"]))
                return_id += 1
                returns.append((return_id, order_id, None, "refunded", reason, _ts(requested), _ts(received),
                                _money(total)))
            elif status == "delivered" and rng.random() < 0.06:
                requested = min(delivered + timedelta(days=rng.randint(1, 10)), ANCHOR - timedelta(hours=2))
                return_id += 1
                returns.append((return_id, order_id, first_detail, rng.choice(("requested", "approved")), reason,
                                _ts(requested), None, None))
            for status_id, moment, place, note in events:
                history_id += 1
                history.append((history_id, order_id, status_id, _ts(moment), place, note))
            method_roll = rng.random()
            card_id = rng.choice(customer.card_ids) if customer.card_ids and method_roll < 0.9 else None
            method = "card" if card_id else ("paypal" if method_roll < 0.97 or customer.country in ("US", "ES")
                                             else "cash_on_delivery")
            payment_status = {"pending": "authorized", "cancelled": "voided", "returned": "refunded"}.get(status,
                                                                                                       "captured")
            payment_id += 1
            payments.append((payment_id, order_id, card_id, _money(total), method, payment_status,
                             f"{rng.getrandbits(24):06X}" if method == "card" else None, _ts(paid)))
            last_event = max(moment for _, moment, _, _ in events)
            orders.append((
                order_id, customer.user_id, self.status_ids[status], 1 if rng.random() < 0.85 else 3, _ts(ordered),
                _money(subtotal), _money(shipping), _money(tax), _money(discount), _money(total), "USD",
                customer.address_id,
                carrier if is_shipped else None, tracking if is_shipped else None,
                _ts(shipped) if is_shipped else None, _ts(estimated) if is_shipped else None,
                _ts(delivered) if status in ("delivered", "returned") else None,
                card_id, coupon_id, _ts(last_event),
            ))
            if len(orders) >= ORDERS_PER_CHUNK:
                yield from flush()
                orders, details, history, returns, payments = [], [], [], [], []
        yield from flush()

    # --- after orders: tickets, coupons, memberships, fingerprint ------------------------------------------------
    def engagement(self) -> Iterator[Batch]:
        rng = self.rng
        type_ids = {name: i for i, name in enumerate(ref.HELP_TICKET_TYPES, 1)}
        status_ids = {name: i for i, name in enumerate(ref.HELP_TICKET_STATUSES, 1)}
        reason_ids = {name: i for i, (name, _) in enumerate(ref.HELP_TICKET_REASONS, 1)}
        tickets = []
        next_ticket, next_coupon, next_membership = count(1), count(1), count(1)
        for user_id, order_status, kind, status, reason, subject, description in ref.PERSONA_TICKETS:
            if user_id > len(self.customers):
                continue
            customer = self.customers[user_id - 1]
            order_id = customer.last_order_by_status.get(order_status) if order_status else None
            created = ANCHOR - timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 12))
            tickets.append((next(next_ticket), user_id, order_id, type_ids[kind], status_ids[status],
                            reason_ids[reason], subject, description, "normal", "web", customer.language,
                            _ts(created), _ts(created + timedelta(hours=3)),
                            _ts(created + timedelta(days=1)) if status in ("resolved", "closed") else None))
        clipped_coupons, clipped_memberships = [], []
        for customer in self.customers:
            if customer.user_id > len(ref.PERSONAS) and rng.random() < 0.3:
                kind, reason, subject, description = rng.choice(ref.TICKET_TEMPLATES[customer.language])
                orders = list(customer.last_order_by_status.values())
                created = ANCHOR - timedelta(days=rng.randint(0, 200), hours=rng.randint(0, 23))
                status = rng.choice(ref.HELP_TICKET_STATUSES)
                tickets.append((next(next_ticket), customer.user_id,
                                rng.choice(orders) if orders and kind in ("order_issue", "return") else None,
                                type_ids[kind], status_ids[status], reason_ids[reason], subject, description,
                                rng.choice(("low", "normal", "high")), rng.choice(("web", "email", "phone", "voice")),
                                customer.language, _ts(created), _ts(created + timedelta(hours=rng.randint(1, 48))),
                                _ts(created + timedelta(days=2)) if status in ("resolved", "closed") else None))
            if rng.random() < 0.4:
                for coupon_id in rng.sample(range(1, len(ref.COUPONS) + 1), rng.randint(1, 2)):
                    clipped = ANCHOR - timedelta(days=rng.randint(1, 120))
                    redeemed = rng.random() < 0.3
                    clipped_coupons.append((next(next_coupon), coupon_id, customer.user_id, _ts(clipped),
                                            _ts(clipped + timedelta(days=3)) if redeemed else None,
                                            rng.choice(("web", "app", "email")), int(not redeemed), _ts(clipped)))
            if customer.user_id <= 3 or rng.random() < 0.4:
                membership_id = rng.randint(1, len(ref.MEMBERSHIPS))
                started = ANCHOR - timedelta(days=rng.randint(10, 700))
                status = "active" if customer.user_id <= 3 else rng.choices(
                    ("active", "expired", "cancelled"), weights=(70, 20, 10))[0]
                expires = started + timedelta(days=365)
                if status == "active" and expires < ANCHOR:
                    expires = ANCHOR + timedelta(days=rng.randint(5, 300))
                clipped_memberships.append((
                    next(next_membership), membership_id, customer.user_id, status, _ts(started),
                    _ts(expires if status != "expired" else min(expires, ANCHOR - timedelta(days=1))),
                    _ts(started + timedelta(days=90)) if status == "cancelled" else None,
                    int(status == "active"), customer.card_ids[0] if customer.card_ids else None, _ts(started)))
            if len(tickets) >= 5000 or len(clipped_coupons) >= 5000 or len(clipped_memberships) >= 5000:
                yield from self._engagement_batches(tickets, clipped_coupons, clipped_memberships)
                tickets, clipped_coupons, clipped_memberships = [], [], []
        yield from self._engagement_batches(tickets, clipped_coupons, clipped_memberships)

    def _engagement_batches(self, tickets: list, coupons: list, memberships: list) -> Iterator[Batch]:
        yield Batch("dbuser.tbl_help_ticket",
                    ("help_ticket_id", "user_id", "order_id", "help_ticket_type_id", "help_ticket_status_id",
                     "help_ticket_reason_id", "subject", "description", "priority", "channel", "language_code",
                     "created_at", "updated_at", "closed_at"), tickets)
        yield Batch("dbitems.tbl_clippedcoupon",
                    ("clippedcoupon_id", "coupon_id", "user_id", "clipped_at", "redeemed_at", "channel", "is_active",
                     "created_at"), coupons)
        yield Batch("dbitems.tbl_clippedmembership",
                    ("clippedmembership_id", "membership_id", "user_id", "status", "started_at", "expires_at",
                     "cancelled_at", "auto_renew", "card_id", "created_at"), memberships)

    def fingerprint(self) -> Batch:
        return Batch("nmc.tbl_report", ("report_id", "code", "name", "description", "owner", "created_at"),
                     [(1, FINGERPRINT_CODE, "Apitap demo dataset", json.dumps(self.plan.fingerprint(), sort_keys=True),
                       "apitap db init", _ts(ANCHOR))])


def _cumulative(weights: tuple[int, ...]) -> list[int]:
    total, out = 0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


_STATUS_WEIGHTS = _cumulative((7, 8, 12, 55, 9, 9))


def _random_status(rng: random.Random) -> str:
    return rng.choices(ref.ORDER_STATUSES, cum_weights=_STATUS_WEIGHTS)[0]


def _phone(rng: random.Random, country: str) -> str:
    digits = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    if country == "US":
        return f"+1{rng.choice(('212', '312', '213', '415', '713'))}555{digits(4)}"
    if country == "MX":
        return f"+52{rng.choice(('55', '33', '81'))}{digits(8)}"
    if country == "ES":
        return f"+346{digits(8)}"
    return f"+573{digits(9)}"


def generate(plan: DemoPlan) -> Iterator[Batch]:
    """Every row of the demo, in foreign-key order, ending with the fingerprint row (its presence means complete)."""
    gen = _Generator(plan)
    yield from gen.reference()
    yield from gen.catalogue()
    yield from gen.customers_batches()
    yield from gen.orders()
    yield from gen.engagement()
    yield gen.fingerprint()
