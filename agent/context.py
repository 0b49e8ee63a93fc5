"""What a graph run needs that is not conversation state: the model, the tools, the DB. Passed per invocation as
LangGraph runtime context, never stored in checkpoints."""

from __future__ import annotations

from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel
from sqlalchemy.engine import Engine

from tools.registry import Tool


@dataclass(frozen=True)
class AgentContext:
    chat_model: BaseChatModel
    tools: tuple[Tool, ...]
    db: Engine
    max_tool_steps: int = 4
    max_history_messages: int = 12
    max_verification_failures: int = 3
    tools_by_name: dict[str, Tool] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tools_by_name", {t.name: t for t in self.tools})
