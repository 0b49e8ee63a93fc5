"""An example Apitap tool plugin: the opening hours of the stores, from a fixed table."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from tools.context import ToolContext
from tools.errors import ToolError, not_found
from tools.registry import tool

OPENING_HOURS = {
    "madrid": "Mon-Sat 10:00-21:00, Sun 11:00-19:00",
    "new york": "Mon-Sun 09:00-22:00",
}


class StoreHours(BaseModel):
    city: str = Field(description="The city the hours are for.")
    hours: str = Field(description="Opening hours, local time.")


@tool(intent="general_inquiry", requires_customer=False)
def store_hours(ctx: ToolContext, city: Annotated[str, Field(min_length=1, max_length=80)]) -> StoreHours | ToolError:
    """Get the opening hours of our store in a city.

    Args:
        city: the city name.
    """
    hours = OPENING_HOURS.get(city.casefold())
    if hours is None:
        return not_found(f"We have no store in {city}.")
    return StoreHours(city=city, hours=hours)
