"""What a graph run needs that is not conversation state: the model, the tools, the DB. Passed per invocation as
LangGraph runtime context, never stored in checkpoints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel
from sqlalchemy.engine import Engine

from agent.prompts import DIRECT_REPLY_SCHEMA
from tools.registry import Tool


@dataclass(frozen=True)
class AgentContext:
    chat_model: BaseChatModel
    tools: tuple[Tool, ...]
    db: Engine
    max_tool_steps: int = 4
    max_history_messages: int = 12
    max_verification_failures: int = 3
    answers_from_templates: bool = True
    """Read the built-in tools' results out from fixed sentences (agent/answers.py) instead of having the model
    word them."""
    tools_by_name: dict[str, Tool] = field(init=False)
    model_tool_schemas: list[dict[str, Any]] = field(init=False)
    """What the model is offered, in a fixed order: the same list on every call keeps the prompt prefix stable."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tools_by_name", {t.name: t for t in self.tools})
        object.__setattr__(self, "model_tool_schemas", [*(t.model_schema() for t in self.tools), DIRECT_REPLY_SCHEMA])
