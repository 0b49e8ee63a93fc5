"""The verified customer's saved payment cards, masked: brand, last 4 digits, expiry and status only."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy import select

from tools import spoken
from tools._queries import fetch_all
from tools.context import ToolContext
from tools.db.schema import dbcards
from tools.errors import ToolError
from tools.registry import tool
from tools.spoken import Record

card, card_user = dbcards.tbl_card, dbcards.tbl_carduser
card_type, card_status = dbcards.tbl_cardstype, dbcards.tbl_cardstatus


class PaymentMethod(BaseModel):
    brand: str = Field(description="e.g. 'Visa'.")
    last4: str
    expiry_month: int
    expiry_year: int
    status: str
    is_default: bool
    nickname: str | None


class PaymentMethods(BaseModel):
    cards: list[PaymentMethod]


def _say_payment_methods(result: Record, args: Record, language: str, question: str) -> str | None:
    if "error" in result:
        return spoken.error_answer(result, args, language, ())
    cards = result.get("cards", [])
    if not cards:
        return spoken.say("answers.no_cards", language)
    listed = [
        spoken.say("answers.card_default" if card.get("is_default") else "answers.card", language,
            brand=card["brand"].title(),  # stored as "VISA", which a voice would spell out
            last4=card["last4"], expiry=f"{card['expiry_month']:02d}/{card['expiry_year']}",
            status=spoken.status_word("card_word", card["status"], language))
        for card in cards
    ]
    return spoken.spoken_list(listed, language, "answers.cards_one", "answers.cards_many")


@tool(
    intent="payment_methods", answer=_say_payment_methods, requires_customer=True,
    examples={
        "en": ["which cards do I have saved", "do I have a Mastercard on file", "is my Visa still active",
               "when does my saved card expire", "which card is my default", "list my payment methods",
               "what's the last four of my saved card", "is my card expired", "how many cards are on my account",
               "do I have any blocked cards"],
        "es": ["qué tarjetas tengo guardadas", "tengo una Mastercard registrada", "mi Visa sigue activa",
               "cuándo vence mi tarjeta guardada", "cuál es mi tarjeta predeterminada", "mis métodos de pago",
               "cuáles son los últimos cuatro de mi tarjeta", "mi tarjeta está vencida",
               "cuántas tarjetas tengo en mi cuenta", "tengo alguna tarjeta bloqueada"],
    },
)
def list_payment_methods(ctx: ToolContext) -> PaymentMethods | ToolError:
    """List the customer's saved cards: brand, last 4 digits, expiry and status."""
    # Explicit columns only: the card number and CVV are never read (tests/tools/test_masking.py checks the SQL).
    rows = fetch_all(ctx, select(
        card_type.c.name.label("brand"), card.c.last4, card.c.expiry_month, card.c.expiry_year,
        card_status.c.name.label("status"), card_user.c.is_default, card_user.c.nickname,
    ).join(card, card.c.card_id == card_user.c.card_id)
     .join(card_type, card_type.c.cardstype_id == card.c.cardstype_id)
     .join(card_status, card_status.c.cardstatus_id == card.c.cardstatus_id)
     .where((card_user.c.user_id == ctx.customer_id) & card_user.c.is_active)
     .order_by(card_user.c.is_default.desc(), card_user.c.carduser_id))
    return PaymentMethods(cards=[
        PaymentMethod(brand=row.brand, last4=row.last4, expiry_month=row.expiry_month,
                      expiry_year=row.expiry_year, status=row.status, is_default=bool(row.is_default),
                      nickname=row.nickname)
        for row in rows
    ])
