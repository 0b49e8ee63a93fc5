"""`dbcards`: saved payment cards and the payment-provider lookups around them.

`card_number` and `cvv` exist only so tests can prove they never leak: the demo stores public test numbers.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, SmallInteger, String, UniqueConstraint

from tools.db.schema.base import Money, created_at, fk, flag, lookup, name_col, pk, table, updated_at

S = "dbcards"

tbl_cardstype = table(
    "tbl_cardstype", S,
    pk("cardstype_id"),
    name_col(32, unique=True),
    Column("code", String(8), nullable=False),
    flag("is_active", True),
)
tbl_cardstatus = lookup("tbl_cardstatus", S, "cardstatus_id")
tbl_accounttype = lookup("tbl_accounttype", S, "accounttype_id")
tbl_bankaccounttype = lookup("tbl_bankaccounttype", S, "bankaccounttype_id")
tbl_debitaccounttype = lookup("tbl_debitaccounttype", S, "debitaccounttype_id")

tbl_card = table(
    "tbl_card", S,
    pk("card_id"),
    Column("token", String(64), nullable=False, unique=True),
    Column("card_number", String(19), nullable=False),
    Column("cvv", String(4), nullable=False),
    Column("expiry_month", SmallInteger, nullable=False),
    Column("expiry_year", SmallInteger, nullable=False),
    Column("last4", String(4), nullable=False),
    Column("cardholder_name", String(120), nullable=False),
    fk("cardstype_id", "dbcards.tbl_cardstype.cardstype_id"),
    fk("cardstatus_id", "dbcards.tbl_cardstatus.cardstatus_id"),
    fk("accounttype_id", "dbcards.tbl_accounttype.accounttype_id", nullable=True),
    fk("bankaccounttype_id", "dbcards.tbl_bankaccounttype.bankaccounttype_id", nullable=True),
    fk("debitaccounttype_id", "dbcards.tbl_debitaccounttype.debitaccounttype_id", nullable=True),
    fk("billing_address_id", "dbuser.tbl_address.address_id", nullable=True),
    Column("issuer_country", String(2)),
    flag("is_credit", True),
    created_at(),
    updated_at(),
)

tbl_carduser = table(
    "tbl_carduser", S,
    pk("carduser_id"),
    fk("card_id", "dbcards.tbl_card.card_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("nickname", String(40)),
    flag("is_default", False),
    flag("is_active", True),
    created_at(),
    UniqueConstraint("card_id", "user_id"),
)

tbl_card_log = table(
    "tbl_card_log", S,
    pk("card_log_id"),
    fk("card_id", "dbcards.tbl_card.card_id"),
    fk("user_id", "dbuser.tbl_user.user_id", nullable=True),
    Column("action", String(32), nullable=False),
    Column("old_status", String(32)),
    Column("new_status", String(32)),
    Column("ip_address", String(45)),
    Column("detail", String(255)),
    created_at(),
)

tbl_cardpaypal = table(
    "tbl_cardpaypal", S,
    pk("cardpaypal_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("paypal_email", String(254), nullable=False),
    Column("payer_id", String(32), nullable=False),
    Column("billing_agreement_id", String(64)),
    flag("is_active", True),
    created_at(),
)

tbl_cardtypeaccepted = table(
    "tbl_cardtypeaccepted", S,
    pk("cardtypeaccepted_id"),
    fk("user_id", "dbuser.tbl_user.user_id", index=False),
    fk("cardstype_id", "dbcards.tbl_cardstype.cardstype_id"),
    flag("is_active", True),
    UniqueConstraint("user_id", "cardstype_id"),
)

tbl_paymentserviceprovidertype = lookup("tbl_paymentserviceprovidertype", S, "paymentserviceprovidertype_id")
tbl_paymentnaturetype = lookup("tbl_paymentnaturetype", S, "paymentnaturetype_id")
tbl_paymenttype = lookup("tbl_paymenttype", S, "paymenttype_id")

tbl_paymentserviceprovider = table(
    "tbl_paymentserviceprovider", S,
    pk("paymentserviceprovider_id"),
    name_col(80, unique=True),
    fk("paymentserviceprovidertype_id", "dbcards.tbl_paymentserviceprovidertype.paymentserviceprovidertype_id"),
    Column("api_base_url", String(255)),
    Column("country_iso2", String(2)),
    flag("is_active", True),
)

tbl_paymentserviceaccount = table(
    "tbl_paymentserviceaccount", S,
    pk("paymentserviceaccount_id"),
    fk("paymentserviceprovider_id", "dbcards.tbl_paymentserviceprovider.paymentserviceprovider_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    fk("accounttype_id", "dbcards.tbl_accounttype.accounttype_id", nullable=True),
    Column("external_account_ref", String(64), nullable=False),
    Column("currency", String(3), nullable=False, server_default="USD"),
    flag("is_active", True),
    created_at(),
)

tbl_paymentserviceprovider_unsupported = table(
    "tbl_paymentserviceprovider_unsupported", S,
    pk("paymentserviceprovider_unsupported_id"),
    fk("paymentserviceprovider_id", "dbcards.tbl_paymentserviceprovider.paymentserviceprovider_id"),
    fk("paymenttype_id", "dbcards.tbl_paymenttype.paymenttype_id", nullable=True),
    fk("cardstype_id", "dbcards.tbl_cardstype.cardstype_id", nullable=True),
    Column("country_iso2", String(2)),
    Column("reason", String(255)),
    flag("is_active", True),
    created_at(),
)

tbl_cardtypeaccepted_account = table(
    "tbl_cardtypeaccepted_account", S,
    pk("cardtypeaccepted_account_id"),
    fk("paymentserviceaccount_id", "dbcards.tbl_paymentserviceaccount.paymentserviceaccount_id"),
    fk("cardstype_id", "dbcards.tbl_cardstype.cardstype_id"),
    fk("paymentnaturetype_id", "dbcards.tbl_paymentnaturetype.paymentnaturetype_id", nullable=True),
    Column("min_amount", Money),
    Column("max_amount", Money),
    flag("is_active", True),
    created_at(),
)

tbl_data_elements = table(
    "tbl_data_elements", S,
    pk("data_elements_id"),
    Column("element_number", SmallInteger, nullable=False, unique=True, comment="ISO 8583 data element"),
    name_col(120),
    Column("data_format", String(16), nullable=False),
    Column("length_type", String(16), nullable=False, comment="fixed | llvar | lllvar"),
    Column("max_length", SmallInteger, nullable=False),
    Column("description", String(255)),
    flag("is_sensitive", False),
    flag("is_active", True),
)

tbl_driverlicense = table(
    "tbl_driverlicense", S,
    pk("driverlicense_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("license_number", String(32), nullable=False),
    Column("issuing_state", String(64)),
    Column("issuing_country", String(2), nullable=False),
    Column("expires_on", Date),
    created_at(),
)

tbl_securityquestions = table(
    "tbl_securityquestions", S,
    pk("securityquestions_id"),
    Column("language_code", String(5), nullable=False),
    Column("question", String(255), nullable=False),
    flag("is_active", True),
)

tbl_securityquestionsanswer = table(
    "tbl_securityquestionsanswer", S,
    pk("securityquestionsanswer_id"),
    fk("securityquestions_id", "dbcards.tbl_securityquestions.securityquestions_id"),
    fk("user_id", "dbuser.tbl_user.user_id"),
    Column("answer_hash", String(128), nullable=False),
)
