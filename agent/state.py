"""The graph's state. `messages` and the verified identity persist across turns (checkpointer); the `turn_*`
fields are reset by every new turn's input."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages


class AgentState(TypedDict, total=False):
    messages: Annotated[list[AnyMessage], add_messages]
    language: Literal["en", "es"]
    verified_customer_id: int | None
    """Set by a trusted caller or a successful verify_customer; tools read it, the model never writes it."""
    verification_failures: int
    model_steps: int
    turn_tool_calls: list[dict[str, Any]]
    """[{name, args, result}] for this turn, in call order; `result` is what the model saw."""
    turn_timings_ms: dict[str, float]
    response: str
