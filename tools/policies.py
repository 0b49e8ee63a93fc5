"""Store policies (returns, shipping, warranty, payment, …) from the help FAQ, in the caller's language."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import select

from tools._queries import fetch_all
from tools.context import ToolContext
from tools.db.schema import dbuser
from tools.errors import ToolError, not_found
from tools.registry import tool

faq = dbuser.tbl_help_faq

# The topics in dbuser.tbl_help_faq; tests/tools check the two agree.
PolicyTopic = Literal["returns", "shipping", "warranty", "payment", "orders", "membership", "account"]
MAX_ANSWERS = 3


class FaqAnswer(BaseModel):
    question: str
    answer: str


class Policy(BaseModel):
    topic: str
    language: str = Field(description="Language of the answers.")
    answers: list[FaqAnswer]


@tool(intent="policy", requires_customer=False)
def get_policy(ctx: ToolContext, topic: PolicyTopic, language: Literal["en", "es"]) -> Policy | ToolError:
    """Get the shop's rules on a topic from the FAQ: days to return, shipping times and costs, warranty,
    accepted payments, cancelling, memberships, account changes."""
    rows = fetch_all(ctx, select(faq.c.question, faq.c.answer)
                     .where((faq.c.topic == topic) & (faq.c.language_code == language) & faq.c.is_active)
                     .order_by(faq.c.sort_order, faq.c.help_faq_id)
                     .limit(MAX_ANSWERS))
    if not rows:
        return not_found(f"No {topic} policy in the FAQ.")
    return Policy(topic=topic, language=language,
                  answers=[FaqAnswer(question=row.question, answer=row.answer) for row in rows])
