"""What a graph run needs that is not conversation state: the model, the tools, the DB. Passed per invocation as
LangGraph runtime context, never stored in checkpoints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel
from sqlalchemy.engine import Engine

from agent.prompts import DIRECT_REPLY_SCHEMA, confidential_rules, system_prompt
from tools.registry import Tool


@dataclass(frozen=True)
class AgentContext:
    chat_model: BaseChatModel
    tools: tuple[Tool, ...]
    db: Engine
    max_tool_steps: int = 4
    max_history_messages: int = 12
    max_verification_failures: int = 3
    shortlist_size: int = 4
    shortlist_mass: float = 0.9
    """The router offers the model the fewest tools whose probabilities add up to `shortlist_mass`, at most
    `shortlist_size` (beside `reply`, always offered, and the previous turn's lookups, for a follow-up)."""
    confident: float = 0.7
    """A tool the router ranks this sure is confirmed by the model, which only fills its arguments. Calibrated on
    the dev cases (`evals/cases/`, a run's turns ranked again by the router): at ≥ 0.7 the router's best tool was
    right on 120 of 121 turns, where the model choosing among a shortlist was right on 43 of 50 of those between 0.7
    and 0.9 (it answered without a tool instead)."""
    confident_reply: float = 0.8
    """Words the router ranks this sure as needing no tool are offered `reply` and only a follow-up's tools.
    Calibrated on the dev cases like `confident`: at ≥ 0.8 the router's `reply` was right on 26 of 26 turns, the
    model on 25 (`python -m evals.router_calibration RUN.json`)."""
    follow_up_below: float = 0.6
    """Words that ask for no tool this clearly may be a follow-up: every tool keyed like the previous turn's lookup
    is offered too."""
    answers_from_templates: bool = True
    """Read the built-in tools' results out from fixed sentences (agent/answers.py) instead of having the model
    word them."""
    tools_by_name: dict[str, Tool] = field(init=False)
    model_tool_schemas: list[dict[str, Any]] = field(init=False)
    """What the model is offered, in a fixed order: the same list on every call keeps the prompt prefix stable."""
    system_prompt: str = field(init=False)
    """Built once from the tools' declarations: byte-stable, so llama.cpp keeps it in its KV cache."""
    rules: str = field(init=False)
    """The system prompt's rules without its examples: what the last guard refuses to let an answer quote."""
    identifier_names: frozenset[str] = field(init=False)
    """Every argument some tool declares an identifier: a tool result's field of such a name counts as heard."""
    identity_verifier: Tool | None = field(init=False)
    """The tool that verifies who the caller is (it declares `proof`), if any."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tools_by_name", {t.name: t for t in self.tools})
        object.__setattr__(self, "model_tool_schemas", [*(t.model_schema() for t in self.tools), DIRECT_REPLY_SCHEMA])
        object.__setattr__(self, "system_prompt", system_prompt(self.tools))
        object.__setattr__(self, "rules", confidential_rules(self.tools))
        object.__setattr__(self, "identifier_names",
                           frozenset(name for t in self.tools for name in t.identifiers))
        object.__setattr__(self, "identity_verifier", next((t for t in self.tools if t.verifies_identity), None))
