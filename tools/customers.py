"""Who the caller is: verifying their identity, and their own profile (masked contact data)."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy import select

from tools import spoken
from tools._args import Email, PhoneLast4, PostalCode, RecordId
from tools._queries import fetch_all, fetch_one, mask_email, mask_phone
from tools.context import ToolContext
from tools.db.schema import dbitems, dbuser
from tools.errors import ToolError, invalid_argument, not_found
from tools.registry import tool
from tools.spoken import Record

user, email_t, phone_t, address = dbuser.tbl_user, dbuser.tbl_email, dbuser.tbl_phone, dbuser.tbl_address
city, state, country = dbuser.tbl_city, dbuser.tbl_state, dbuser.tbl_country
user_status = dbuser.tbl_user_status


class Verification(BaseModel):
    verified: bool
    first_name: str | None = Field(None, description="The verified customer's first name, to greet them.")
    message: str
    customer_id: int | None = Field(None, exclude=True)
    """The verified user id. Excluded from serialisation: the agent reads it from the object, the model never sees
    it."""


class CustomerProfile(BaseModel):
    first_name: str
    last_name: str
    email: str | None = Field(description="Masked, e.g. 'j***@example.com'.")
    phone: str | None = Field(description="Masked, e.g. '***-***-1234'.")
    city: str | None = Field(description="City of the default address.")
    country: str | None
    language: str
    member_since: datetime
    membership: str | None = Field(description="Active membership plan, if any.")
    membership_expires_at: datetime | None


def normalise_postal_code(value: str) -> str:
    return "".join(value.split()).upper()


COULD_NOT_VERIFY = "Could not verify the caller with those details."


def _say_verification(result: Record, args: Record, language: str, question: str) -> str | None:
    if "error" in result:
        return spoken.error_answer(result, args, language, ())
    if result.get("verified"):
        return spoken.say("answers.verified", language, name=result.get("first_name") or "")
    return spoken.say("answers.not_verified", language)


@tool(
    intent="verification", answer=_say_verification, requires_customer=False,
    identifiers={"email": "email", "postal_code": "token", "phone_last4": "token", "order_id": "token"},
    proof=(("email", "postal_code"), ("phone_last4", "order_id")),
    examples={
        "en": ["my email is jane.doe@example.com and my zip code is 10036",
               "I'm john.smith@example.com, postal code 90026",
               "the last four of my phone are 4821 and the order is 12",
               "you can verify me with maria@example.com and 06700",
               "email carlos at example dot es, zip 28009",
               "my phone ends in 5567, order number 40",
               "here are my details: emily.johnson@example.com, 90026",
               "verify me please, my e-mail is bob@example.com and the postcode is 33101"],
        "es": ["mi correo es maria.garcia@example.com y mi código postal es 06700",
               "soy carlos.rodriguez@example.es, código postal 28009",
               "los últimos cuatro dígitos de mi teléfono son 4821 y el pedido es el 12",
               "verifíqueme con valentina.gomez@example.co y el 110231",
               "mi email es juan arroba example punto com, cp 44100",
               "mi celular termina en 5567, pedido número 40",
               "le doy mis datos: ana@example.com, código postal 08001",
               "correo pedro@example.mx codigo postal 64000"],
    },
)
def verify_customer(
    ctx: ToolContext,
    email: Email | None = None,
    postal_code: PostalCode | None = None,
    phone_last4: PhoneLast4 | None = None,
    order_id: RecordId | None = None,
) -> Verification | ToolError:
    """Verify the caller's identity with email + postal_code, or phone_last4 + order_id.

    Args:
        phone_last4: last 4 digits of their phone.
    """
    active = user_status.c.name == "active"
    if email is not None and postal_code is not None:
        query = (
            select(user.c.user_id, user.c.first_name, address.c.postal_code)
            .join(email_t, email_t.c.user_id == user.c.user_id)
            .join(address, address.c.user_id == user.c.user_id)
            .join(user_status, user_status.c.user_status_id == user.c.user_status_id)
            .where((email_t.c.email == email.lower()) & active)
        )
        rows = fetch_all(ctx, query)
        match = next((r for r in rows if normalise_postal_code(r.postal_code) == normalise_postal_code(postal_code)),
                     None)
    elif phone_last4 is not None and order_id is not None:
        match = fetch_one(ctx, (
            select(user.c.user_id, user.c.first_name)
            .join(dbitems.tbl_order, dbitems.tbl_order.c.user_id == user.c.user_id)
            .join(phone_t, phone_t.c.user_id == user.c.user_id)
            .join(user_status, user_status.c.user_status_id == user.c.user_status_id)
            .where((dbitems.tbl_order.c.order_id == order_id) & phone_t.c.phone_number.like(f"%{phone_last4}")
                   & active)
            .limit(1)
        ))
    else:
        return invalid_argument("Give the e-mail and postal code, or the phone's last 4 digits and an order number.")
    if match is None:
        return Verification(verified=False, message=COULD_NOT_VERIFY)
    return Verification(verified=True, first_name=match.first_name, customer_id=match.user_id,
                        message=f"Verified: {match.first_name}.")


def _say_profile(result: Record, args: Record, language: str, question: str) -> str | None:
    if "error" in result:
        return spoken.error_answer(result, args, language, ())
    name = f"{result['first_name']} {result['last_name']}"
    sentences = [spoken.say("answers.profile_name", language, name=name)]
    if result.get("email"):
        # Masked as `j***@example.com`; asterisks are not speakable.
        first, _, domain = result["email"].partition("***@")
        sentences.append(spoken.say("answers.profile_email", language, domain=domain, first=first))
    if phone_digits := re.sub(r"\D", "", result.get("phone") or "")[-4:]:
        sentences.append(spoken.say("answers.profile_phone", language, digits=phone_digits))
    if place := ", ".join(p for p in (result.get("city"), result.get("country")) if p):
        sentences.append(spoken.say("answers.profile_address", language, place=place))
    sentences.append(spoken.say("answers.profile_since", language, since=spoken.spoken_date(result.get("member_since"), language)))
    if result.get("membership"):
        sentences.append(spoken.say("answers.profile_membership", language, membership=result["membership"],
                             until=spoken.spoken_date(result.get("membership_expires_at"), language)))
    return " ".join(sentences)


@tool(
    intent="customer_info", answer=_say_profile, requires_customer=True,
    examples={
        "en": ["what address do you have for me", "what name is my account under", "what email do you have on file",
               "what phone number is on my account", "since when am I a customer", "do I have a membership",
               "when does my membership expire", "show me my profile", "which city is my account registered in",
               "what are my account details"],
        "es": ["qué dirección tienen registrada", "a nombre de quién está mi cuenta", "qué correo tienen de mí",
               "qué teléfono tengo registrado", "desde cuándo soy cliente", "tengo alguna membresía",
               "cuándo vence mi membresía", "muéstrame mi perfil", "en qué ciudad está registrada mi cuenta",
               "cuales son los datos de mi cuenta"],
    },
)
def get_customer_profile(ctx: ToolContext) -> CustomerProfile | ToolError:
    """Get the customer's profile: name, masked email and phone, city, membership."""
    membership, clipped = dbitems.tbl_membership, dbitems.tbl_clippedmembership
    primary_email = (
        select(email_t.c.email).where(email_t.c.user_id == user.c.user_id)
        .order_by(email_t.c.is_primary.desc(), email_t.c.email_id).limit(1).scalar_subquery()
    )
    primary_phone = (
        select(phone_t.c.phone_number).where(phone_t.c.user_id == user.c.user_id)
        .order_by(phone_t.c.is_primary.desc(), phone_t.c.phone_id).limit(1).scalar_subquery()
    )
    # Aliases inside the subqueries: the outer query joins the same tables and must not be correlated to them.
    any_address, any_clipped = address.alias("any_address"), clipped.alias("any_clipped")
    default_address = (
        select(any_address.c.address_id).where(any_address.c.user_id == user.c.user_id)
        .order_by(any_address.c.is_default.desc(), any_address.c.address_id).limit(1).scalar_subquery()
    )
    active_membership = (
        select(any_clipped.c.clippedmembership_id)
        .where((any_clipped.c.user_id == user.c.user_id) & (any_clipped.c.status == "active"))
        .order_by(any_clipped.c.expires_at.desc()).limit(1).scalar_subquery()
    )
    row = fetch_one(ctx, select(
        user.c.first_name, user.c.last_name, user.c.language_code, user.c.created_at,
        primary_email.label("email"), primary_phone.label("phone"),
        city.c.name.label("city"), country.c.name.label("country"),
        membership.c.name.label("membership"), clipped.c.expires_at,
    ).select_from(
        user.outerjoin(address, (address.c.user_id == user.c.user_id) & (address.c.address_id == default_address))
        .outerjoin(city, city.c.city_id == address.c.city_id)
        .outerjoin(state, state.c.state_id == city.c.state_id)
        .outerjoin(country, country.c.country_id == state.c.country_id)
        .outerjoin(clipped, (clipped.c.user_id == user.c.user_id)
                   & (clipped.c.clippedmembership_id == active_membership))
        .outerjoin(membership, membership.c.membership_id == clipped.c.membership_id)
    ).where(user.c.user_id == ctx.customer_id))
    if row is None:
        # The verified id no longer exists (account removed mid-conversation).
        return not_found("This account no longer exists.")
    return CustomerProfile(
        first_name=row.first_name, last_name=row.last_name, email=mask_email(row.email),
        phone=mask_phone(row.phone), city=row.city, country=row.country, language=row.language_code,
        member_since=row.created_at, membership=row.membership, membership_expires_at=row.expires_at,
    )
