"""An example Apitap tool plugin: the shop's physical stores, from a fixed table.

It declares its own intents and examples, and `find_store` takes an argument called `name` (a store's name, not a
product's): the agent treats it exactly as it treats the built-in tools, from these declarations alone.
"""

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
STORES = {
    "gran via": ("Gran Vía 32, Madrid", "Mon-Sat 10:00-21:00, Sun 11:00-19:00"),
    "times square": ("1500 Broadway, New York", "Mon-Sun 09:00-22:00"),
}

Text = Annotated[str, Field(min_length=1, max_length=80)]


class StoreHours(BaseModel):
    city: str = Field(description="The city the hours are for.")
    hours: str = Field(description="Opening hours, local time.")


class Store(BaseModel):
    name: str = Field(description="The store's name.")
    address: str
    hours: str = Field(description="Opening hours, local time.")


def _say_hours(result: dict, args: dict, language: str, question: str) -> str | None:
    """The hours as stored (the same in every language); a not-found is left to the model to word."""
    return None if "error" in result else f"{result['city']}: {result['hours']}."


@tool(
    intent="store_hours", requires_customer=False, answer=_say_hours,
    examples={
        "en": ["what are your opening hours in Madrid", "when does the New York store open",
               "is the Madrid shop open on Sunday", "until what time are you open in New York"],
        "es": ["a qué hora abre la tienda de Madrid", "cuál es el horario de la tienda de Nueva York",
               "abren los domingos en Madrid", "hasta qué hora está abierta la tienda de Madrid"],
    },
)
def store_hours(ctx: ToolContext, city: Text) -> StoreHours | ToolError:
    """Get the opening hours of our store in a city.

    Args:
        city: the city name.
    """
    hours = OPENING_HOURS.get(city.casefold())
    if hours is None:
        return not_found(f"We have no store in {city}.")
    return StoreHours(city=city, hours=hours)


@tool(
    intent="store_locator", requires_customer=False,
    examples={
        "en": ["where is your Gran Via store", "what's the address of the Times Square shop",
               "how do I get to the store called Gran Via", "give me the address of your Times Square store"],
        "es": ["dónde está la tienda Gran Vía", "cuál es la dirección de la tienda de Times Square",
               "cómo llego a la tienda que se llama Gran Vía", "dame la dirección de la tienda Gran Vía"],
    },
)
def find_store(ctx: ToolContext, name: Text) -> Store | ToolError:
    """Find one of our physical stores by its name: its address and opening hours.

    Args:
        name: the store's name, e.g. "Gran Via".
    """
    key = name.casefold().replace("í", "i").removesuffix(" store").removeprefix("the ").strip()
    found = STORES.get(key)
    if found is None:
        return not_found(f"We have no store called {name}.")
    return Store(name=name, address=found[0], hours=found[1])


TOOLS = [store_hours, find_store]
