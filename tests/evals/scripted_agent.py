"""A test double for the harness tests only: an agent whose turns are scripted, not produced by a model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from agent.contract import ToolCallRecord, TurnRequest, TurnResult


@dataclass
class Reply:
    response: str
    tool_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    data: list[dict[str, Any]] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=lambda: {"llm_first_token": 300.0, "total": 900.0})


Script = Reply | Callable[[TurnRequest], Reply] | Exception


class ScriptedTurnAgent:
    """Answers each `run_turn` with the next scripted reply (or raises it); records every request it got."""

    def __init__(self, *script: Script):
        self.script = list(script)
        self.requests: list[TurnRequest] = []

    async def run_turn(self, request: TurnRequest) -> TurnResult:
        self.requests.append(request)
        if not self.script:
            raise AssertionError(f"the script has no reply left for {request.text!r}")
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        reply = step(request) if callable(step) else step
        return TurnResult(
            session_id=request.session_id or "scripted",
            language=request.language or "en",
            text=request.text,
            intent="general_inquiry",
            tool_calls=[ToolCallRecord(name=name, args=args) for name, args in reply.tool_calls],
            data=reply.data,
            response=reply.response,
            timings_ms=dict(reply.timings_ms),
        )
