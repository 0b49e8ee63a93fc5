"""The output contract of one conversational turn, shared by the API, the evals and external checks."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from core.i18n import Language

__all__ = ["Language", "Intent", "GENERAL_INQUIRY", "TurnRequest", "TurnResult", "ToolCallRecord", "ToolCallEvent",
           "TokenEvent", "DoneEvent", "AgentEvent", "Channel", "Handoff"]

Intent = str
"""What the turn was about: the `intent` its tool declares (`@tool(intent=...)`, a plugin's own included), or
GENERAL_INQUIRY when no tool answered. A free string on purpose: a plugin's intent must never fail a turn."""

GENERAL_INQUIRY = "general_inquiry"


Channel = Literal["text", "voice", "ws", "phone", "cli"]


class Handoff(BaseModel):
    """The conversation was passed to a person; the answer told the caller what happens next."""

    id: int = Field(description="The handoff's reference, also said to the caller.")
    reason: Literal["asked_for_person", "repeated_failure", "verification_locked"]
    transfer_to: str | None = Field(None, description="Phone path only: the number to transfer the call to.")


class TurnRequest(BaseModel):
    text: str
    session_id: str | None = None
    customer_id: int | None = Field(None, description="Only set from a trusted caller; the model never fills it.")
    language: Language | None = None
    channel: Channel = Field("text", description="How the caller reached the agent (for the review page).")


class ToolCallRecord(BaseModel):
    name: str
    args: dict[str, Any]


class TurnResult(BaseModel):
    session_id: str
    language: Language
    text: str = Field(description="What the caller said.")
    intent: Intent = Field(description="The intent of the tool that answered (see `apitap tools`), or "
                           "'general_inquiry' when no tool did.", examples=["order_status", GENERAL_INQUIRY])
    entities: dict[str, Any] = Field(default_factory=dict)
    tool_calls: list[ToolCallRecord] = Field(default_factory=list)
    data: list[dict[str, Any]] = Field(default_factory=list, description="Tool results, in call order.")
    response: str
    timings_ms: dict[str, float] = Field(default_factory=dict)
    handoff: Handoff | None = Field(None, description="Set when this turn handed the conversation to a person.")
    error: Literal["llm_unavailable"] | None = Field(
        None, description="Set when the turn could not be answered: llm_unavailable — the language model is "
        "overloaded, timed out or unreachable; `response` is then a fixed apology (show it as an error).",
    )


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
