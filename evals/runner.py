"""Run eval cases against an agent: resolve each case's data, drive its turns, grade them, collect a RunResult.

Text mode sends the caller's words to the agent in-process. Voice mode first speaks them with the TTS and
transcribes the audio with the STT (as a caller's speech would arrive), drives the same agent with what was heard,
and then times the first audio of the reply (`stt` and `tts_first_audio` stages).
"""

from __future__ import annotations

import asyncio
import logging
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from time import perf_counter
from typing import Literal, Protocol

from sqlalchemy.engine import Engine

from agent.contract import TurnRequest, TurnResult
from core.i18n import Language
from evals.cases import Case
from evals.grading import grade_turn
from evals.leaks import LeakIndex, find_leaks
from evals.lookups import Bindings, MissingCaseData, check_placeholders
from evals.metrics import summarize
from evals.results import CaseRun, CheckResult, RunResult, TurnOutcome

log = logging.getLogger(__name__)

Mode = Literal["text", "voice"]


class TurnAgent(Protocol):
    async def run_turn(self, request: TurnRequest) -> TurnResult: ...


class Speech(Protocol):
    """The two halves of voice mode (`voice.service.VoiceService` fits)."""

    def synthesize(self, text: str, language: Language) -> object: ...

    def transcribe(self, audio: bytes, language: Language | None = None) -> object: ...


class CaseDataError(ValueError):
    """The cases name lookups or fields that do not exist. The message lists each problem by case id."""


def validate_cases(cases: list[Case], tool_names: set[str] | None = None) -> None:
    problems = []
    for case in cases:
        problems.extend(f"case {case.id!r}: {problem}" for problem in check_placeholders(case))
        if tool_names is not None:
            for turn in case.turns:
                used = {name for call in turn.expect.tools for name in call.names} | set(turn.expect.forbid_tools)
                problems.extend(f"case {case.id!r}: unknown tool {name!r}" for name in sorted(used - tool_names))
    if problems:
        raise CaseDataError("; ".join(problems[:10]) + (f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""))


@dataclass
class Runner:
    agent: TurnAgent
    db: Engine
    mode: Mode = "text"
    speech: Speech | None = None
    provider: str = "unknown"
    on_case_done: Callable[[CaseRun], None] | None = None

    async def run(self, cases: list[Case], repeat: int = 1, sources: list[str] | None = None) -> RunResult:
        if self.mode == "voice" and self.speech is None:
            raise ValueError("voice mode needs a speech service (synthesize + transcribe)")
        started = datetime.now(UTC).isoformat(timespec="seconds")
        index = await asyncio.to_thread(LeakIndex.from_engine, self.db)
        runs: list[CaseRun] = []
        for case in cases:
            for attempt in range(1, repeat + 1):
                run = await self.run_case(case, attempt, index)
                runs.append(run)
                if self.on_case_done:
                    self.on_case_done(run)
        return RunResult(
            started_at=started, mode=self.mode, provider=self.provider, repeat=repeat,
            cases_source=sources or [], summary=summarize(runs, repeat), runs=runs,
        )

    async def run_case(self, case: Case, attempt: int, index: LeakIndex) -> CaseRun:
        session_id = f"eval-{case.id}-{attempt}-{uuid.uuid4().hex[:8]}"
        run = CaseRun(case_id=case.id, repeat=attempt, language=case.language, tags=case.tags,
                      caller=case.caller.identity, session_id=session_id)
        try:
            bindings = await asyncio.to_thread(Bindings, self.db, case)
        except MissingCaseData as exc:
            run.error = f"case data: {exc}"
            return run
        run.customer_id = bindings.customer_id
        trusted_id = bindings.customer_id if case.caller.identity == "verified" else None
        allowed_owner = bindings.customer_id if case.caller.identity != "anonymous" else None
        said_so_far: list[str] = []
        for position, turn in enumerate(case.turns):
            try:
                said = await asyncio.to_thread(bindings.render, turn.say)
            except MissingCaseData as exc:
                run.error = f"case data: {exc}"
                return run
            said_so_far.append(said)
            try:
                heard, stt_ms = await self._hear(said, case.language)
                result = await self.agent.run_turn(
                    TurnRequest(text=heard, session_id=session_id, customer_id=trusted_id, language=case.language)
                )
                if stt_ms is not None:
                    result.timings_ms["stt"] = stt_ms
                    result.timings_ms["tts_first_audio"] = await self._first_audio_ms(result.response, case.language)
            except Exception as exc:  # recorded with its traceback so the report shows the agent's bug
                log.debug("turn failed", exc_info=True)
                run.error = f"turn {position + 1}: {type(exc).__name__}: {exc}"
                run.turns.append(_error_turn(position, said, traceback.format_exc(limit=8)))
                return run
            caller_said = " ".join(said_so_far + ([heard] if heard != said else []))
            leaks = find_leaks(index, result.response, result.data, allowed_owner, caller_said)
            try:
                outcome = await asyncio.to_thread(
                    grade_turn, position, turn, said, result, bindings, leaks, heard if self.mode == "voice" else None
                )
            except MissingCaseData as exc:
                run.error = f"case data: {exc}"
                return run
            run.turns.append(outcome)
        run.passed = run.error is None and all(turn.passed for turn in run.turns)
        return run

    async def _hear(self, said: str, language: Language) -> tuple[str, float | None]:
        if self.mode == "text":
            return said, None
        assert self.speech is not None
        audio = await asyncio.to_thread(self.speech.synthesize, said, language)
        wav = audio.to_wav() if hasattr(audio, "to_wav") else audio
        started = perf_counter()
        transcription = await asyncio.to_thread(self.speech.transcribe, wav, language)
        elapsed = round((perf_counter() - started) * 1000, 1)
        return str(getattr(transcription, "text", transcription)).strip(), elapsed

    async def _first_audio_ms(self, response: str, language: Language) -> float:
        from voice.sentences import SentenceSplitter

        splitter = SentenceSplitter()
        sentences = splitter.feed(response) + splitter.flush()
        first = sentences[0] if sentences else response
        started = perf_counter()
        assert self.speech is not None
        await asyncio.to_thread(self.speech.synthesize, first, language)
        return round((perf_counter() - started) * 1000, 1)


def _error_turn(position: int, said: str, trace: str) -> TurnOutcome:
    return TurnOutcome(index=position, said=said, checks=[CheckResult(name="error", passed=False, detail=trace)])


def select_cases(cases: list[Case], tags: list[str] | None, limit: int | None, language: str | None = None) -> list[Case]:
    """Cases carrying any of `tags` (all when none given), optionally one language, at most `limit`."""
    chosen = [case for case in cases if not tags or set(tags) & set(case.tags)]
    if language:
        chosen = [case for case in chosen if case.language == language]
    return chosen[:limit] if limit else chosen


def regrade(runs: list[CaseRun], cases: list[Case], db: Engine) -> list[CaseRun]:
    """Grade recorded turns again against the current case definitions, without calling the agent.

    For when a case's expectation was wrong (not to make the agent look better: the transcript stays as recorded).
    Runs whose case no longer exists, or that stopped on an error, are kept as they were.
    """
    by_id = {case.id: case for case in cases}
    index = LeakIndex.from_engine(db)
    regraded = []
    for run in runs:
        case = by_id.get(run.case_id)
        if case is None or run.error or len(run.turns) != len(case.turns):
            regraded.append(run)
            continue
        bindings = Bindings(db, case)
        allowed_owner = bindings.customer_id if case.caller.identity != "anonymous" else None
        turns = []
        said_so_far: list[str] = []
        for turn, recorded in zip(case.turns, run.turns, strict=True):
            said_so_far.append(recorded.said)
            heard = recorded.heard or recorded.said
            result = TurnResult(
                session_id=run.session_id, language=case.language, text=heard, intent="general_inquiry",
                tool_calls=recorded.tool_calls, data=recorded.data, response=recorded.response,
                timings_ms=recorded.timings_ms,
            )
            caller_said = " ".join(said_so_far + ([heard] if heard != recorded.said else []))
            leaks = find_leaks(index, result.response, result.data, allowed_owner, caller_said)
            turns.append(grade_turn(recorded.index, turn, recorded.said, result, bindings, leaks, recorded.heard))
        regraded.append(run.model_copy(update={"turns": turns, "passed": all(t.passed for t in turns)}))
    return regraded
