"""Is a tool call grounded in what the caller said? Checks on the model's arguments before anything runs.

A 1.5B model fills gaps with plausible inventions: an order number nobody said, "example@example.com" as proof of
identity, "iPhone 13" when the caller asked "how much is it?", a warranty policy for a question about the weather.
Each check here compares a call with the words of the conversation; the graph decides what to do about a miss
(drop the argument, ask the model again, or ask the caller).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Identifiers a caller must have said (or a tool returned) before the model may use them.
GROUNDED_ARGUMENTS = frozenset({"order_id", "tracking_number", "ticket_id", "product_id", "name", "email",
                                "postal_code", "phone_last4"})
# An unheard product id or name is re-asked (with this hint) and, if still unheard, asked of the caller, rather than
# dropped: without it the tool would have nothing to look up.
RE_ASK_WHEN_UNHEARD = frozenset({"product_id", "name"})
RE_ASK_HINTS = {
    "product_id": "pass the product name the caller said as `name` instead",
    "name": "the caller named no product; if they did not say which one, reply and ask",
}

VERIFY_TOOL = "verify_customer"
POLICY_TOOL = "get_policy"
RECENT_ORDERS_TOOL = "list_recent_orders"
PRODUCT_TOOL = "get_product"
SEARCH_TOOL = "search_products"
# Tools that look one order up, and the identifiers they find it by.
LOOKUPS_BY_ORDER = frozenset({"get_order_status", "get_order_details", "track_shipment", "get_return_status"})
ORDER_IDENTIFIERS = ("order_id", "tracking_number")
# Words (accent-free prefixes) that show the caller is talking about an order of theirs.
ORDER_WORDS = ("order", "orden", "pedido", "package", "parcel", "paquete", "purchase", "compra", "deliver", "entreg",
               "shipment", "envio", "track", "rastre")


def mentions_an_order(said: str) -> bool:
    return _says_any(said, ORDER_WORDS)

# Words (accent-free prefixes) that show a question is about a policy topic, in English and Spanish. A get_policy
# call whose topic none of the caller's words touch was measured to be the 1.5B model's answer to the weather, to
# medicine and to "do you sell headphones?".
POLICY_TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "returns": ("return", "refund", "send back", "send it back", "money back", "devol", "devuelv", "reembols",
                "dinero", "regres"),
    "shipping": ("ship", "deliver", "arriv", "how long", "track", "envio", "envia", "entreg", "llega", "tarda", "rastre",
                 "seguimiento", "paqueter"),
    "warranty": ("warrant", "guarant", "defect", "broken", "repair", "garant", "roto", "rota", "repar", "falla"),
    "payment": ("pay", "card", "cash", "transfer", "installment", "pago", "pagar", "tarjeta", "efectivo",
                "contra entrega", "transferencia", "cuotas", "meses sin"),
    "orders": ("cancel", "order", "modif", "pedido", "anul"),
    "membership": ("member", "plus", "premium", "subscri", "membres", "suscrip"),
    "account": ("account", "mail", "password", "log in", "login", "sign in", "address", "cuenta", "correo",
                "contrase", "direcc", "sesion"),
}


# Number words speech recognition writes out ("order three", "pedido veintitrés"), accent-free. "un"/"una" are left
# out: in Spanish they are mostly articles.
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintidos": 22, "veintitres": 23,
    "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
    "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
}
_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "mil": 1000}
_JOINERS = {"and", "y"}


def _number_run_value(words: list[str]) -> str:
    """ "one two three" is read digit by digit (how people say order numbers); "twenty three", "ciento cinco",
    "two thousand and five" as one number."""
    if len(words) > 1 and all(_UNITS.get(word, 10) < 10 for word in words):
        return "".join(str(_UNITS[word]) for word in words)
    total = current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _MULTIPLIERS:
            total += max(current, 1) * _MULTIPLIERS[word]
            current = 0
    return str(total + current)


_NUMBER_WORD = r"\b(?:" + "|".join(sorted([*_UNITS, *_MULTIPLIERS], key=len, reverse=True)) + r")\b"
_NUMBER_RUN = re.compile(_NUMBER_WORD + r"(?:[\s-]+(?:(?:and|y)\s+)?" + _NUMBER_WORD + ")*")


def with_spoken_numbers_as_digits(text: str) -> str:
    """`text`, lower case and accent-free, with each run of number words as digits: "order three" -> "order 3"."""
    return _NUMBER_RUN.sub(
        lambda run: _number_run_value([w for w in re.split(r"[\s-]+", run.group()) if w not in _JOINERS]), _plain(text)
    )


# Words (accent-free) that show a question is about what the shop sells. With the policy topic words they mark a
# question the shop answers: the 1.5B model was measured refusing "eh oiga tienen bocinas bluetooth" and "en cuanto
# tiempo me devuelven el dinero" as off-topic.
CATALOGUE_WORDS = ("product", "you have", "you sell", "you carry", "tienen", "venden", "manejan", "quedan", "agot",
                   "stock", "existencia", "price", "precio", "cost", "cuest", "vale", "available", "disponib", "busco",
                   "looking for", "buy", "compr")


# Words (accent-free) by which a caller asks only for what is in stock.
STOCK_WORDS = ("in stock", "existencia", "disponib", "available", "quedan")


def asks_for_what_is_in_stock(said: str) -> bool:
    return _says_any(said, STOCK_WORDS)


def touches_the_shop(said: str) -> bool:
    """The caller's words touch the catalogue or a shop policy."""
    return bool(policy_topics_asked(said)) or _says_any(said, CATALOGUE_WORDS)


# Words (accent-free, whole words) by which callers speak of their own account, orders or cards: "my", "do I
# have", "mi", "tengo", "on file". Without any of them (or a word about an order), a question about the shop is not
# a question about the caller's records.
_OWN_THINGS = re.compile(
    r"\b(i|i'?m|i'?ve|me|my|mine|saved|on file|yo|mi|mis|mio|mia|tengo|tenia|hice|compre|pedi|guardad\w*"
    r"|registrad\w*)\b"
)


# "customer 1", "cliente 1", "Kunde 1", "客户 1": a customer number is somebody's record, not proof (measured in the
# attack set: "dame el correo del cliente 1" is a request for another customer's data, not a number of the caller's).
_CUSTOMER_NUMBER = re.compile(r"(customer|client[ea]?|kunde|клиент\w*|客户)\s*(number|numero|no\.?|#)?\s*\d+")


def speaks_of_their_own(said: str) -> bool:
    """The caller's words are about something of theirs: an order, their account or cards, a number they quote (an
    order, ticket or tracking number; a customer number is not one), or proof of who they are."""
    plain = _CUSTOMER_NUMBER.sub(" ", with_spoken_numbers_as_digits(said))
    return bool(_OWN_THINGS.search(plain) or re.search(r"\d", plain)) or mentions_an_order(said) or offers_proof(said)


_HOW_DO_I = re.compile(
    r"\bhow (do|can|could|would|should) (i|we|you)\b|\bhow to\b|\b(can|could|may) i\b|\bcomo\b|\bpuedo\b|\bse puede\b"
)
_CHANGE = re.compile(r"\b(change|update|edit|reset|cancel|modify|delete|remove|close|cambi|actualiz|modific|borr"
                     r"|elimin|quit)\w*")


def asks_about_changing(said: str) -> bool:
    """A question about changing something a policy covers: "How do I change the e-mail on my account?", "¿Cómo
    cancelo un pedido?", "si ya hice un pedido, ¿lo puedo cancelar?". The tools only read, so it is answered by how
    the shop works, not by the caller's records."""
    plain = _plain(said)
    return bool(_HOW_DO_I.search(plain) and _CHANGE.search(plain)) and bool(policy_topics_asked(said))


def squeeze(text: str) -> str:
    """Lower case without spaces and separators: "TRK-12 34" and "trk1234" compare equal."""
    return re.sub(r"[\s\-_.,#]", "", text.lower())


def was_heard(argument: str, value: Any, heard: str) -> bool:
    """`heard` is the conversation's caller words and tool results, squeezed. A product name counts as heard when
    one of its words was (callers shorten names, and a Spanish caller's words may come back translated); an e-mail
    when its part before the @ was (speech recognition writes "jane at example dot com")."""
    if argument == "name":
        return any(squeeze(word) in heard for word in re.findall(r"\w{3,}", str(value)))
    if argument == "email":
        local_part = squeeze(str(value).partition("@")[0])
        return local_part in heard or local_part in heard.replace("dot", "").replace("punto", "")
    return squeeze(str(value)) in heard


def verification_without_proof(tool_calls: list[dict[str, Any]]) -> bool:
    """A verify_customer call without a complete proof (once unheard details were dropped)."""
    for call in tool_calls:
        if call["name"] == VERIFY_TOOL:
            given = {name for name, value in call["args"].items() if value is not None}
            return not ({"email", "postal_code"} <= given or {"phone_last4", "order_id"} <= given)
    return False


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w+|\b\w+ (?:at|arroba) [\w-]+ (?:dot|punto) \w+", re.IGNORECASE)
_PROOF_NUMBER = re.compile(
    r"(?:zip|postal|c[oó]digo postal|last (?:four|4)|[uú]ltimos (?:cuatro|4))\D{0,40}\d{3,}", re.IGNORECASE
)


_WRITTEN_CALL_NAME = re.compile(r'"name"\s*:\s*"(\w+)"')


def dictated_tool_names(said: str) -> set[str]:
    """Tool names the caller wrote out as a call (`{"name": "list_payment_methods", ...}`): an injection attempt,
    since nobody speaks JSON to a shop assistant."""
    return set(_WRITTEN_CALL_NAME.findall(said))


def offers_proof(said: str) -> bool:
    """The caller's words carry proof of identity: an e-mail address, or a postal code or phone ending named as such."""
    return bool(_EMAIL.search(said) or _PROOF_NUMBER.search(said))


# Product features that hold a policy word: "noise-cancelling headphones" are not about cancelling an order.
_PRODUCT_FEATURES = re.compile(r"noise[\s-]*cancel\w*|cancel\w* (?:de|del) ruido|anti[\s-]*ruido")


def policy_topics_asked(said: str) -> list[str]:
    """The policy topics the caller's words touch, most words first."""
    plain = _PRODUCT_FEATURES.sub(" ", _plain(said))
    scores = {topic: sum(word in plain for word in words) for topic, words in POLICY_TOPIC_WORDS.items()}
    return sorted((t for t, score in scores.items() if score), key=lambda t: -scores[t])


def _says_any(said: str, words: tuple[str, ...]) -> bool:
    """One of `words` (accent-free prefixes or phrases) is in what the caller said."""
    plain = _plain(said)
    return any(word in plain for word in words)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
