"""The output contract of one conversational turn, shared by the API, the evals and external checks."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Language = Literal["en", "es"]

Intent = Literal[
    "order_status", "order_details", "order_history", "tracking", "returns", "product_info", "product_search",
    "stock", "customer_info", "payment_methods", "tickets", "policy", "verification", "general_inquiry",
]


class TurnRequest(BaseModel):
    text: str
    session_id: str | None = None
    customer_id: int | None = Field(None, description="Only set from a trusted caller; the model never fills it.")
    language: Language | None = None


class ToolCallRecord(BaseModel):
    name: str
    args: dict[str, Any]


class TurnResult(BaseModel):
    session_id: str
    language: Language
    text: str = Field(description="What the caller said.")
    intent: Intent
    entities: dict[str, Any] = Field(default_factory=dict)
    tool_calls: list[ToolCallRecord] = Field(default_factory=list)
    data: list[dict[str, Any]] = Field(default_factory=list, description="Tool results, in call order.")
    response: str
    timings_ms: dict[str, float] = Field(default_factory=dict)


# Events streamed while a turn runs (the WebSocket and the voice layer consume these).
class ToolCallEvent(BaseModel):
    type: Literal["tool_call"] = "tool_call"
    name: str
    args: dict[str, Any]


class TokenEvent(BaseModel):
    type: Literal["token"] = "token"
    text: str


class DoneEvent(BaseModel):
    type: Literal["done"] = "done"
    result: TurnResult


AgentEvent = ToolCallEvent | TokenEvent | DoneEvent
