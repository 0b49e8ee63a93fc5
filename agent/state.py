"""The graph's state. `messages` and the verified identity persist across turns (checkpointer); the `turn_*`
fields are reset by every new turn's input."""

from __future__ import annotations

from typing import Annotated, Any, TypedDict

from langchain_core.messages import AIMessage, AnyMessage
from langgraph.graph.message import add_messages

from core.i18n import Language


class AgentState(TypedDict, total=False):
    messages: Annotated[list[AnyMessage], add_messages]
    language: Language
    verified_customer_id: int | None
    """Set by a trusted caller or a successful identity verification; tools read it, the model never writes it."""
    verification_failures: int
    model_steps: int
    turn_tool_calls: list[dict[str, Any]]
    """[{name, args, result}] for this turn, in call order; `result` is what the model saw."""
    turn_timings_ms: dict[str, float]
    response: str
    turn_facts: dict[str, Any]
    """Worked out once per turn by `understand`: what was said, the router's ranking, the shortlist offered."""
    proposal: AIMessage | None
    """The model's call while `check_call` looks at it; only a call that passes goes into `messages`."""
    offered: list[str]
    """The tool names the model was offered for the proposal (its call must name one of them)."""
    problem: str | None
    """Why the proposal cannot run, said to the model when it is asked again."""
    unheard_in: str | None
    """The tool whose call named an identifier nobody said: the re-ask fills it by a key the caller can have said."""
    unheard_key: str | None
    """That identifier's argument: the re-ask opens with another of the tool's keys."""
    reasks: int
    refused: bool
    """The model declined words the router ranked a tool first for: it is asked once more among the tools only."""
    refusal_asked: bool
    listed_for_one: bool
    """The caller asked about one record without naming it and their list answered: the answer asks which one."""
