"""What a run records: per turn, per case run, and the run as a whole. This is the JSON a run writes."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

CheckName = Literal[
    "tools", "arguments", "no_tool", "forbidden_tool", "fact", "must_not_say", "clarifies", "latency", "leak", "error",
]


class CheckResult(BaseModel):
    name: CheckName
    passed: bool
    detail: str


class TurnOutcome(BaseModel):
    index: int
    said: str = Field(description="The caller's words (placeholders resolved).")
    heard: str | None = Field(None, description="Voice mode: what speech-to-text made of them.")
    response: str = ""
    tool_calls: list[dict[str, Any]] = Field(default_factory=list)
    data: list[dict[str, Any]] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    checks: list[CheckResult] = Field(default_factory=list)
    # counters the metrics aggregate
    expects_tools: bool = False
    tools_correct: bool = False
    expected_tool_names: list[str] = Field(default_factory=list)
    tool_hits: dict[str, bool] = Field(default_factory=dict, description="Per expected tool: was it called?")
    arguments_checked: int = 0
    arguments_correct: int = 0
    expects_abstention: bool = False
    abstained: bool = False
    facts_expected: int = 0
    facts_found: int = 0
    leak_count: int = 0

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failures(self) -> list[CheckResult]:
        return [check for check in self.checks if not check.passed]


class CaseRun(BaseModel):
    case_id: str
    repeat: int
    language: str
    tags: list[str]
    caller: str
    customer_id: int | None = None
    session_id: str
    turns: list[TurnOutcome] = Field(default_factory=list)
    error: str | None = Field(None, description="Why the case could not run to the end (agent error, bad data).")
    passed: bool = False


class RunResult(BaseModel):
    started_at: str
    mode: Literal["text", "voice"]
    provider: str
    repeat: int
    cases_source: list[str]
    summary: dict[str, Any] = Field(default_factory=dict)
    runs: list[CaseRun] = Field(default_factory=list)
