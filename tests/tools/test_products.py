"""Catalogue tools against the demo data, on SQLite and on MariaDB's read-only account."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tools.errors import ToolError
from tools.products import LOW_STOCK, ProductInfo, ProductList, StockReport

STOCK_SQL = (
    "SELECT COALESCE(SUM(i.quantity), 0) FROM dbitems.tbl_inventory i JOIN dbuser.tbl_location l "
    "ON l.location_id = i.location_id WHERE i.product_id = :p AND l.is_active = 1"
)


def a_product(db):
    return db.one(
        "SELECT p.product_id, p.name, p.brand, p.price, p.currency, p.description FROM dbitems.tbl_product p "
        "WHERE p.is_active = 1 AND EXISTS (SELECT 1 FROM dbitems.tbl_inventory i WHERE i.product_id = p.product_id "
        "AND i.quantity > 0) ORDER BY p.product_id LIMIT 1"
    )


def test_get_product_by_id_matches_the_database(db):
    product = a_product(db)
    stock = db.scalar(STOCK_SQL, p=product.product_id)

    result = db.call("get_product", {"product_id": product.product_id})

    assert isinstance(result, ProductInfo)
    assert (result.name, result.brand, result.description) == (product.name, product.brand, product.description)
    assert result.price == f"{Decimal(str(product.price)):.2f} {product.currency}"
    assert result.stock_total == stock
    assert result.availability == ("in_stock" if stock > LOW_STOCK else "low_stock" if stock > 0 else "out_of_stock")


def test_get_product_by_exact_name_finds_the_same_product(db):
    product = a_product(db)
    result = db.call("get_product", {"name": product.name.upper()})
    assert isinstance(result, ProductInfo) and result.product_id == product.product_id


def test_category_is_given_in_the_callers_language(db):
    product = a_product(db)
    spanish = db.scalar(
        "SELECT d.name FROM dbitems.tbl_categorydescription d JOIN dbitems.tbl_product p "
        "ON p.category_id = d.category_id WHERE p.product_id = :p AND d.language_code = 'es'", p=product.product_id,
    )
    result = db.call("get_product", {"product_id": product.product_id}, language="es")
    assert result.category == spanish


def test_get_product_needs_an_id_or_a_name(db):
    result = db.call("get_product", {})
    assert isinstance(result, ToolError) and result.error == "invalid_argument"


def test_unknown_product_is_not_found(db):
    missing = db.missing_id("dbitems.tbl_product", "product_id")
    for args in ({"product_id": missing}, {"name": "Quantum flux capacitor 9000"}):
        result = db.call("get_product", args)
        assert isinstance(result, ToolError) and result.error == "not_found"


def test_search_finds_products_by_brand_and_respects_the_filters(db):
    product = a_product(db)
    ceiling = Decimal(str(product.price))
    expected = [r.product_id for r in db.rows(
        "SELECT product_id FROM dbitems.tbl_product WHERE is_active = 1 AND (LOWER(name) LIKE :w OR LOWER(brand) LIKE :w) "
        "AND price <= :m ORDER BY name, product_id", w=f"%{product.brand.lower()}%", m=float(ceiling),
    )]

    result = db.call("search_products", {"query": product.brand, "max_price": float(ceiling), "limit": 20})

    assert isinstance(result, ProductList)
    assert [p.product_id for p in result.products] == expected[:20]
    assert product.product_id in expected
    assert all(Decimal(p.price.split()[0]) <= ceiling for p in result.products)


def test_search_in_stock_only_excludes_empty_shelves(db):
    result = db.call("search_products", {"query": "a", "in_stock_only": True, "limit": 20})
    assert result.products
    for item in result.products:
        assert item.in_stock and db.scalar(STOCK_SQL, p=item.product_id) > 0


def test_search_by_category_name_in_either_language(db):
    category = db.one(
        "SELECT d.name, d.category_id FROM dbitems.tbl_categorydescription d WHERE d.language_code = 'es' "
        "AND EXISTS (SELECT 1 FROM dbitems.tbl_product p WHERE p.category_id = d.category_id AND p.is_active = 1) "
        "ORDER BY d.category_id LIMIT 1"
    )
    sample = db.one(
        "SELECT name FROM dbitems.tbl_product WHERE category_id = :c AND is_active = 1 ORDER BY product_id LIMIT 1",
        c=category.category_id,
    )
    result = db.call("search_products", {"query": sample.name.split()[0], "category": category.name, "limit": 20})
    assert sample.name in {p.name for p in result.products}


def test_search_treats_like_wildcards_literally(db):
    result = db.call("search_products", {"query": "%_%"})
    assert isinstance(result, ProductList) and result.products == []


def test_stock_per_location_matches_the_database(db):
    product = a_product(db)
    expected = db.rows(
        "SELECT l.name, i.quantity FROM dbitems.tbl_inventory i JOIN dbuser.tbl_location l "
        "ON l.location_id = i.location_id WHERE i.product_id = :p AND l.is_active = 1", p=product.product_id,
    )

    result = db.call("check_stock", {"product_id": product.product_id})

    assert isinstance(result, StockReport)
    assert sorted((p.location, p.quantity) for p in result.locations) == sorted((r.name, r.quantity) for r in expected)
    assert result.total == sum(r.quantity for r in expected)


def test_stock_in_one_city(db):
    row = db.one(
        "SELECT i.product_id, c.name AS city FROM dbitems.tbl_inventory i JOIN dbuser.tbl_location l "
        "ON l.location_id = i.location_id JOIN dbuser.tbl_city c ON c.city_id = l.city_id "
        "WHERE l.is_active = 1 ORDER BY i.inventory_id LIMIT 1"
    )
    result = db.call("check_stock", {"product_id": row.product_id, "city": row.city})
    assert result.locations and {p.city for p in result.locations} == {row.city}


def test_stock_in_a_store_named_by_its_own_name(db):
    row = db.one(
        "SELECT i.product_id, l.name AS location FROM dbitems.tbl_inventory i JOIN dbuser.tbl_location l "
        "ON l.location_id = i.location_id WHERE l.is_active = 1 ORDER BY i.inventory_id LIMIT 1"
    )
    place = row.location.split()[-1]  # "Tienda Apitap Polanco" → "Polanco": callers name the store, not the city
    result = db.call("check_stock", {"product_id": row.product_id, "city": place})
    assert result.place_found and row.location in {p.location for p in result.locations}


def test_stock_in_a_place_with_no_store_says_so(db):
    product = a_product(db)
    result = db.call("check_stock", {"product_id": product.product_id, "city": "Atlantis"})
    assert isinstance(result, StockReport) and not result.place_found and result.locations == []


def _a_product_word(db):
    """A word of 4+ letters from an active product's name, and the products whose name has a word starting with it."""
    names = [r.name for r in db.rows("SELECT name FROM dbitems.tbl_product WHERE is_active = 1 ORDER BY product_id")]
    word = next(w for name in names for w in name.split() if w.isalpha() and len(w) >= 5 and not w.endswith("s"))
    having = {name for name in names if any(part.casefold().startswith(word.casefold())
                                            for part in name.replace("-", " ").split())}
    return word, having


def test_a_search_no_product_matches_in_full_lists_the_closest(db):
    word, having = _a_product_word(db)
    result = db.call("search_products", {"query": f"{word} qwxyzzy", "limit": 20})
    assert isinstance(result, ProductList) and result.close_matches is True
    names = [p.name for p in result.products]
    assert names[: len(having)] == sorted(having)[:20], "products named with the word come before category matches"


def test_a_search_that_matches_in_full_is_not_relaxed(db):
    word, having = _a_product_word(db)
    result = db.call("search_products", {"query": word, "limit": 20})
    assert result.close_matches is None and {p.name for p in result.products} == having


def test_a_search_nothing_resembles_finds_nothing(db):
    result = db.call("search_products", {"query": "qwxyzzy plorkish"})
    assert isinstance(result, ProductList) and result.products == [] and result.close_matches is None


def test_stock_can_be_asked_by_a_products_name(db):
    row = db.one("SELECT product_id, name FROM dbitems.tbl_product WHERE is_active = 1 ORDER BY product_id LIMIT 1")
    by_id = db.call("check_stock", {"product_id": row.product_id})
    by_name = db.call("check_stock", {"name": row.name})
    assert by_name == by_id
    assert db.call("check_stock", {"name": "no such thing at all"}).error == "not_found"
    assert db.call("check_stock", {}).error == "invalid_argument"


@pytest.mark.parametrize(("said", "words"), [
    ("Nordal Yoga Mat, N 59", ["Nordal", "Yoga", "Mat", "N59"]),
    ("Kumo Smartphone M96 256 GB", ["Kumo", "Smartphone", "M96", "256", "GB"]),
    ("a 5 pack", ["a", "5", "pack"]),
])
def test_a_product_name_as_a_caller_gives_it(said, words):
    from tools.products import name_words

    assert name_words(said) == words


def test_a_category_in_which_nothing_resembles_the_words_gives_what_they_find_elsewhere(db):
    product = db.one("SELECT name FROM dbitems.tbl_product WHERE is_active = 1 ORDER BY product_id LIMIT 1")
    result = db.call("search_products", {"query": product.name, "category": "qwxyzzy", "limit": 20})
    assert isinstance(result, ProductList) and result.close_matches is True
    assert product.name in {p.name for p in result.products}
    nothing = db.call("search_products", {"query": "qwxyzzy plorkish", "category": "qwxyzzy"})
    assert nothing.products == [] and nothing.close_matches is None


def test_a_category_that_holds_what_the_words_find_still_filters(db):
    product = db.one(
        "SELECT p.name, c.name AS category FROM dbitems.tbl_product p "
        "JOIN dbitems.tbl_category c ON c.category_id = p.category_id WHERE p.is_active = 1 ORDER BY p.product_id LIMIT 1")
    result = db.call("search_products", {"query": product.name, "category": product.category, "limit": 20})
    assert result.close_matches is None and product.name in {p.name for p in result.products}
