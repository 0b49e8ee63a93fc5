"""Argument types shared by the tools. Their constraints are what the model's JSON schema says and what the
executor enforces, so a bad value becomes an `invalid_argument` error before any SQL runs."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field


def _encodable(value: str) -> str:
    # JSON can carry lone surrogates ("\ud800"); they cannot be sent to a database, so refuse them here.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode") from None
    return value


RecordId = Annotated[int, Field(ge=1, le=2**31 - 1)]
Limit = Annotated[int, Field(ge=1, le=20)]
Price = Annotated[float, Field(gt=0, le=1e9, allow_inf_nan=False)]
SearchText = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_encodable)]
PlaceName = Annotated[str, Field(min_length=1, max_length=80), AfterValidator(_encodable)]
Email = Annotated[str, Field(min_length=3, max_length=254), AfterValidator(_encodable)]
PostalCode = Annotated[str, Field(min_length=2, max_length=12), AfterValidator(_encodable)]
PhoneLast4 = Annotated[str, Field(pattern=r"^[0-9]{4}$")]
TrackingNumber = Annotated[str, Field(min_length=4, max_length=40, pattern=r"^[A-Za-z0-9-]+$")]
