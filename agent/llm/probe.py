"""A small, fixed tool-calling probe for the LLM providers: four shop tools, eight EN/ES requests.

Independent of the real tools and prompts so that a provider can be judged (and timed) on its own; the integration
tests and `python -m agent.llm.measure` use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PROBE_SYSTEM_PROMPT = (
    "You are the voice assistant of an online shop. Your answer will be spoken, so keep it short. "
    "For any question about orders, products, stock, store policies or shipments, call the matching tool; "
    "never answer those from memory. Reply in the customer's language."
)

PROBE_RESPOND_INSTRUCTION = (
    "Now answer the customer in one or two short spoken sentences, in their language, using only the tool result "
    "above."
)


def _function(name: str, description: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": description,
            "parameters": {"type": "object", "properties": properties, "required": required},
        },
    }


PROBE_TOOLS: list[dict[str, Any]] = [
    _function("lookup_order", "Look up the status of an order by its number.",
              {"order_id": {"type": "integer", "description": "The order number."}}, ["order_id"]),
    _function("find_products", "Search the catalogue for products the shop sells, with prices and stock.",
              {"query": {"type": "string", "description": "What to look for."}}, ["query"]),
    _function("shop_policy", "Get the store policy on a topic.",
              {"topic": {"type": "string", "enum": ["returns", "shipping", "warranty", "payments"]},
               "language": {"type": "string", "enum": ["en", "es"],
                            "description": "The language the customer writes in: es for Spanish, en for English."}},
              ["topic", "language"]),
    _function("track_parcel", "Track a shipment by its carrier tracking number.",
              {"tracking_number": {"type": "string"}}, ["tracking_number"]),
]

PROBE_TOOL_NAMES = [tool["function"]["name"] for tool in PROBE_TOOLS]


@dataclass(frozen=True)
class ProbeCase:
    text: str
    tool: str | None
    """The tool that must be called first; None: no tool (chit-chat)."""
    args: dict[str, Any] | None = None
    """Arguments that must be among those given, with these values; None: any."""

    def judge(self, calls: list[dict[str, Any]]) -> bool:
        if self.tool is None:
            return not calls
        if not calls or calls[0]["name"] != self.tool:
            return False
        given = calls[0]["args"]
        return self.args is None or all(given.get(key) == value for key, value in self.args.items())


PROBE_CASES = [
    ProbeCase("What's the status of order 12345?", "lookup_order", {"order_id": 12345}),
    ProbeCase("¿Dónde está mi pedido 5501?", "lookup_order", {"order_id": 5501}),
    ProbeCase("Do you have wireless headphones?", "find_products"),
    ProbeCase("Busco zapatillas de running", "find_products"),
    ProbeCase("What is your return policy?", "shop_policy", {"topic": "returns", "language": "en"}),
    ProbeCase("¿Cuál es la política de envíos?", "shop_policy", {"topic": "shipping"}),
    ProbeCase("Track my package 1Z999AA10123456784", "track_parcel", {"tracking_number": "1Z999AA10123456784"}),
    ProbeCase("Hello, how are you today?", None),
]
