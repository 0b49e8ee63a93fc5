"""Store policies (returns, shipping, warranty, payment, …) from the help FAQ, in the caller's language."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field
from sqlalchemy import select

from core.i18n import DEFAULT_LANGUAGE
from tools import spoken
from tools._queries import fetch_all
from tools.context import ToolContext
from tools.db.schema import dbuser
from tools.errors import ToolError, not_found
from tools.registry import tool
from tools.spoken import Record

faq = dbuser.tbl_help_faq

# The topics in dbuser.tbl_help_faq; tests/tools check the two agree.
PolicyTopic = Literal["returns", "shipping", "warranty", "payment", "orders", "membership", "account"]
# What each topic covers, for the model choosing one: measured, the bare names sent "can I cancel my order" to
# `returns` and "how do I change my e-mail" to `membership`.
TopicArgument = Annotated[PolicyTopic, Field(description=(
    "returns: sending an item back, refunds; shipping: delivery times and costs, free shipping; warranty: "
    "defects and guarantees; payment: accepted cards and ways to pay, card safety; orders: cancelling or changing "
    "an order; membership: Plus and Premium plans and their perks; account: changing the e-mail, password or "
    "contact details"))]
MAX_ANSWERS = 3
READ_WHEN_UNSURE = 2


class FaqAnswer(BaseModel):
    question: str
    answer: str


class Policy(BaseModel):
    topic: str
    language: str = Field(description="Language of the answers.")
    answers: list[FaqAnswer]


def _say_policy(result: Record, args: Record, language: str, question: str) -> str | None:
    if "error" in result:
        return spoken.error_answer(result, args, language, ('topic',), own_sentence="answers.not_found.policy")
    answers = result.get("answers", [])
    return " ".join(answer["answer"] for answer in _answers_asked_for(answers, spoken.stems(question)))


def _answers_asked_for(answers: list[Record], wanted: set[str]) -> list[Record]:
    """The FAQ answers the caller's words point to. Only words that tell one answer from the topic's others count
    (in a question about "delivery charges on a small order", "order" is in every shipping answer and says nothing);
    a match on the FAQ's own question counts double. When no answer stands out, the topic's answers are read in
    their order, at most `READ_WHEN_UNSURE`: measured, a caller who asked about costs was read tracking instead."""
    words = [(spoken.stems(a["question"]), spoken.stems(a["question"] + " " + a["answer"])) for a in answers]
    scores = []
    for index, (in_question, in_entry) in enumerate(words):
        elsewhere = set().union(*(entry for other, (_, entry) in enumerate(words) if other != index))
        telling = wanted - elsewhere
        scores.append(2 * len(telling & in_question) + len(telling & in_entry))
    best = max(scores, default=0)
    if best > 0 and scores.count(best) == 1:
        return [answers[scores.index(best)]]
    return [a for a, score in zip(answers, scores, strict=True) if score == best][:READ_WHEN_UNSURE]


@tool(
    intent="policy", answer=_say_policy, requires_customer=False,
    examples={
        "en": ["how many days do I have to return something", "how long does shipping take",
               "do you offer free shipping", "what does the warranty cover", "which payment methods do you accept",
               "can I pay cash on delivery", "how do I cancel an order", "what are the benefits of the membership",
               "how do I reset my password", "how do I change my address", "do you take PayPal",
               "what's your refund policy", "can I pay in installments", "is there a warranty on electronics"],
        "es": ["cuántos días tengo para devolver algo", "cuánto tarda el envío", "tienen envío gratis",
               "qué cubre la garantía", "qué formas de pago aceptan", "puedo pagar contra entrega",
               "cómo cancelo un pedido", "qué beneficios tiene la membresía", "cómo cambio mi contraseña",
               "cómo actualizo mi dirección", "aceptan transferencia", "cuál es la política de reembolsos",
               "puedo pagar a meses sin intereses", "los electrónicos tienen garantía"],
    },
)
def get_policy(ctx: ToolContext, topic: TopicArgument) -> Policy | ToolError:
    """Get the shop's rules on a topic from the FAQ: days to return, shipping times and costs, warranty,
    accepted payments, cancelling, memberships, account changes."""
    # The caller's language comes from the trusted context; a language the FAQ is not written in gets English.
    for language in dict.fromkeys((ctx.language, DEFAULT_LANGUAGE)):
        rows = fetch_all(ctx, select(faq.c.question, faq.c.answer)
                         .where((faq.c.topic == topic) & (faq.c.language_code == language) & faq.c.is_active)
                         .order_by(faq.c.sort_order, faq.c.help_faq_id)
                         .limit(MAX_ANSWERS))
        if rows:
            return Policy(topic=topic, language=language,
                          answers=[FaqAnswer(question=row.question, answer=row.answer) for row in rows])
    return not_found(f"No {topic} policy in the FAQ.")
