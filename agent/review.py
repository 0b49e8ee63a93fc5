"""Conversation review: every turn, redacted, in the service's own store, with the flags an operator filters on.

The store is a small SQLAlchemy database of its own (SQLite under DATA_DIR by default, a shared Postgres when
several replicas serve), never the shop's database, which stays read-only. A turn is kept as the logs would keep
it: the caller's words, the answer and the tool arguments with e-mail addresses, phone and card numbers redacted
(`core.logging`); tool results as the tools return them, already masked at the source, with any secret-named field
masked again. Rows older than REVIEW_RETENTION_DAYS are swept (hourly while turns are recorded, and by
`apitap review sweep`).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from agent import handoff as handoffs
from agent.contract import Channel, Handoff, TurnRequest, TurnResult
from core.i18n import every, say
from core.logging import redact, redact_fields, without_secrets
from core.settings import Settings

log = logging.getLogger(__name__)

Flag = Literal[
    "verification_failed", "verification_locked", "llm_outage", "db_outage", "leak_guard", "tool_error",
    "could_not_answer", "ask_back", "handoff",
]
FLAGS: tuple[str, ...] = Flag.__args__  # type: ignore[attr-defined]
HandoffStatus = Literal["open", "taken", "closed"]
Identity = Literal["anonymous", "trusted", "verified"]

_SWEEP_EVERY_S = 3600.0

metadata = MetaData()
turns_table = Table(
    "review_turn", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(128), nullable=False, index=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("language", String(8), nullable=False),
    Column("identity", String(16), nullable=False),
    Column("customer_id", Integer, nullable=True),
    Column("heard", Text, nullable=False),
    Column("response", Text, nullable=False),
    Column("intent", String(32), nullable=False),
    Column("tools", JSON, nullable=False),
    Column("timings_ms", JSON, nullable=False),
    # ",flag,flag," so one LIKE finds a flag on SQLite and Postgres alike.
    Column("flags", String(400), nullable=False),
    Column("handoff_id", Integer, nullable=True),
)
handoffs_table = Table(
    "review_handoff", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(128), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False, index=True),
    Column("updated_at", DateTime, nullable=False),
    Column("reason", String(32), nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("language", String(8), nullable=False),
    Column("customer_id", Integer, nullable=True),
    Column("summary", Text, nullable=False),
)


# --- records ---------------------------------------------------------------------------------------------------


class ReviewedToolCall(BaseModel):
    name: str
    args: dict[str, Any] = Field(description="As the model called it, personal data redacted.")
    result: dict[str, Any] = Field(description="What the tool returned (masked at the source).")


class ReviewedTurn(BaseModel):
    id: int | None = None
    session_id: str
    at: datetime = Field(description="When the turn ended (UTC).")
    channel: Channel
    language: str
    identity: Identity = Field(description="anonymous, trusted (customer id from the integrator) or verified "
                                           "(proved in the conversation).")
    customer_id: int | None
    heard: str = Field(description="What the caller said (as transcribed), redacted.")
    response: str = Field(description="The answer, redacted.")
    intent: str
    tool_calls: list[ReviewedToolCall] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    flags: list[str] = Field(default_factory=list)
    handoff_id: int | None = None


class HandoffRecord(BaseModel):
    id: int
    session_id: str
    created_at: datetime
    updated_at: datetime
    reason: Literal["asked_for_person", "repeated_failure", "verification_locked"]
    status: HandoffStatus
    channel: Channel
    language: str
    customer_id: int | None
    summary: str = Field(description="Built from the recorded (redacted) turns; no model wrote it.")


class ConversationSummary(BaseModel):
    session_id: str
    started_at: datetime
    last_at: datetime
    turns: int
    languages: list[str]
    channels: list[str]
    identity: Identity
    customer_id: int | None
    flags: list[str] = Field(description="Every flag raised in any of its turns.")
    first_said: str
    last_response: str
    handoff: HandoffRecord | None = Field(None, description="Its latest handoff, if any.")


class Conversation(BaseModel):
    session_id: str
    turns: list[ReviewedTurn]
    handoffs: list[HandoffRecord]


@dataclass(frozen=True)
class ConversationFilter:
    flag: str | None = None
    language: str | None = None
    channel: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None


@dataclass(frozen=True)
class TurnFacts:
    """What the service knows about a turn beyond its TurnResult."""

    channel: Channel = "text"
    trusted_customer_id: int | None = None
    verified_customer_id: int | None = None
    verification_locked: bool = False
    llm_unavailable: bool = False
    asked_for_person: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    """Flags the graph raised itself (state `turn_flags`, when it keeps one)."""


# --- flags ------------------------------------------------------------------------------------------------------


def _fixed_sentences(name: str) -> set[str]:
    """Every language's wording of one of the agent's fixed replies (catalogue `fixed.<name>`, or the older
    `agent.prompts.<NAME>` table)."""
    found = {text for text in every(f"fixed.{name}").values() if isinstance(text, str)}
    from agent import prompts

    table = getattr(prompts, name.upper(), None)
    if isinstance(table, dict):
        found |= {text for text in table.values() if isinstance(text, str)}
    return {text.strip() for text in found}


def turn_flags(result: TurnResult, facts: TurnFacts) -> list[str]:
    """The flags of one turn, from its tool results, its answer and what the service saw."""
    results = result.data
    flags: list[str] = []
    if any(r.get("verified") is False for r in results):
        flags.append("verification_failed")
    if facts.verification_locked:
        flags.append("verification_locked")
    if facts.llm_unavailable or getattr(result, "error", None) == "llm_unavailable":
        flags.append("llm_outage")
    if any(r.get("error") == "unavailable" for r in results):
        flags.append("db_outage")
    if any(r.get("error") == "invalid_argument" for r in results) and not facts.verification_locked:
        flags.append("tool_error")
    answer = result.response.strip()
    if answer and answer in _fixed_sentences("not_shareable"):
        flags.append("leak_guard")
    helped = any("error" not in r and r.get("verified") is not False for r in results)
    if answer and answer in _fixed_sentences("could_not_answer"):
        flags.append("could_not_answer")
    elif not helped and "?" in answer and not facts.llm_unavailable and "leak_guard" not in flags:
        flags.append("ask_back")
    flags.extend(note for note in facts.notes if note in FLAGS and note not in flags)
    return flags


FAILED_TURN_FLAGS = frozenset({"could_not_answer", "ask_back"})
"""A turn with any of these did not move the caller forward (a greeting answered with a question counts too). An
outage does not count: the caller is told to try again in a moment, and the turn after it is the agent's first
chance (measured: two outages and then "¿En qué puedo ayudarle?" handed a recovered conversation to a person)."""


def turn_facts(
    request: TurnRequest, before: dict[str, Any], after: dict[str, Any], *, asked_for_person: bool, error: str | None,
    max_verification_failures: int, verify_tools: frozenset[str],
) -> TurnFacts:
    """What the graph's state before and after a turn says about it. Verification is locked on the turn that
    reaches the limit of failures, and on every later turn that tries again."""
    failures_before = before.get("verification_failures", 0) or 0
    failures_after = after.get("verification_failures", 0) or 0
    tried = any(call.get("name") in verify_tools for call in after.get("turn_tool_calls", []))
    locked = failures_after >= max_verification_failures and (failures_before < max_verification_failures or tried)
    return TurnFacts(
        channel=request.channel, trusted_customer_id=request.customer_id,
        verified_customer_id=after.get("verified_customer_id"), verification_locked=locked,
        llm_unavailable=error == "llm_unavailable", asked_for_person=asked_for_person,
        notes=tuple(after.get("turn_flags", ()) or ()),
    )


def identity_of(facts: TurnFacts) -> tuple[Identity, int | None]:
    if facts.trusted_customer_id is not None:
        return "trusted", facts.trusted_customer_id
    if facts.verified_customer_id is not None:
        return "verified", facts.verified_customer_id
    return "anonymous", None


def reviewed_turn(result: TurnResult, facts: TurnFacts, flags: list[str], at: datetime | None = None) -> ReviewedTurn:
    """The turn as the store keeps it: personal data redacted as in the logs, secrets never."""
    identity, customer_id = identity_of(facts)
    calls = []
    for call, data in zip(result.tool_calls, result.data, strict=False):
        outcome = {k: v for k, v in data.items() if k != "tool"}
        calls.append(ReviewedToolCall(
            name=call.name, args=redact_fields(call.args),  # type: ignore[arg-type]
            result=without_secrets(outcome),  # type: ignore[arg-type]
        ))
    return ReviewedTurn(
        session_id=result.session_id, at=at or _now(), channel=facts.channel, language=result.language,
        identity=identity, customer_id=customer_id, heard=redact(result.text), response=redact(result.response),
        intent=result.intent, tool_calls=calls, timings_ms=dict(result.timings_ms), flags=flags,
    )


def _now() -> datetime:
    # Stored naive in UTC: SQLite keeps no zone, and both stores must compare alike.
    return datetime.now(UTC).replace(tzinfo=None)


# --- the store ---------------------------------------------------------------------------------------------------


class ReviewStoreError(RuntimeError):
    """The review store cannot be reached or written."""


class ReviewStore:
    """Turns and handoffs in the service's own database. Every method blocks: call it from a worker thread."""

    def __init__(self, url: str, retention_days: int = 30):
        self.url = url
        self.retention_days = retention_days
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self._last_sweep = 0.0

    @classmethod
    def from_settings(cls, settings: Settings) -> ReviewStore:
        url = settings.review_db_url or f"sqlite:///{settings.data_dir / 'review.sqlite'}"
        return cls(url, settings.review_retention_days)

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = self._open()
            return self._engine

    def _open(self) -> Engine:
        url = make_url(self.url)
        options: dict[str, Any] = {"pool_pre_ping": True}
        if url.get_backend_name() == "sqlite":
            database = url.database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            else:
                # One in-memory database shared by every thread (evals, tests), not one per connection.
                options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        try:
            engine = create_engine(url, **options)
            metadata.create_all(engine)
        except SQLAlchemyError as exc:
            raise ReviewStoreError(f"the review store {url.render_as_string(hide_password=True)} cannot be "
                                   f"opened: {type(exc).__name__}") from exc
        return engine

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

    def describe(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    # --- writing ---------------------------------------------------------------------------------------------

    def record_turn(self, turn: ReviewedTurn) -> int:
        self.sweep_if_due()
        row = {
            "session_id": turn.session_id, "at": turn.at.replace(tzinfo=None), "channel": turn.channel,
            "language": turn.language, "identity": turn.identity, "customer_id": turn.customer_id,
            "heard": turn.heard, "response": turn.response, "intent": turn.intent,
            "tools": [call.model_dump(mode="json") for call in turn.tool_calls], "timings_ms": turn.timings_ms,
            "flags": "," + ",".join(turn.flags) + ",", "handoff_id": turn.handoff_id,
        }
        with self.engine.begin() as conn:
            return int(conn.execute(insert(turns_table).values(**row)).inserted_primary_key[0])

    def create_handoff(
        self, session_id: str, reason: str, channel: str, language: str, customer_id: int | None, summary: str,
    ) -> HandoffRecord:
        now = _now()
        row = {"session_id": session_id, "created_at": now, "updated_at": now, "reason": reason, "status": "open",
               "channel": channel, "language": language, "customer_id": customer_id, "summary": summary}
        with self.engine.begin() as conn:
            new_id = conn.execute(insert(handoffs_table).values(**row)).inserted_primary_key[0]
        return HandoffRecord(id=int(new_id), **row)

    def set_handoff_status(self, handoff_id: int, status: HandoffStatus) -> HandoffRecord | None:
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(handoffs_table).where(handoffs_table.c.id == handoff_id)
                .values(status=status, updated_at=_now())
            ).rowcount
        return self.handoff(handoff_id) if changed else None

    def sweep_if_due(self) -> None:
        if time.monotonic() - self._last_sweep >= _SWEEP_EVERY_S:
            self.sweep()

    def sweep(self, now: datetime | None = None) -> dict[str, int]:
        """Delete turns and handoffs older than the retention limit. Returns how many of each went."""
        self._last_sweep = time.monotonic()
        cutoff = (now or _now()).replace(tzinfo=None) - timedelta(days=self.retention_days)
        with self.engine.begin() as conn:
            turns = conn.execute(delete(turns_table).where(turns_table.c.at < cutoff)).rowcount
            handoff_rows = conn.execute(
                delete(handoffs_table).where(handoffs_table.c.updated_at < cutoff)
            ).rowcount
        return {"turns": turns, "handoffs": handoff_rows}

    # --- reading ---------------------------------------------------------------------------------------------

    def session_turns(self, session_id: str) -> list[ReviewedTurn]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(turns_table).where(turns_table.c.session_id == session_id).order_by(turns_table.c.id)
            ).all()
        return [_turn(row) for row in rows]

    def conversation(self, session_id: str) -> Conversation | None:
        turns = self.session_turns(session_id)
        found = self.handoffs(session_id=session_id, limit=100)
        if not turns and not found:
            return None
        return Conversation(session_id=session_id, turns=turns, handoffs=found)

    def handoff(self, handoff_id: int) -> HandoffRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(handoffs_table).where(handoffs_table.c.id == handoff_id)).first()
        return None if row is None else HandoffRecord.model_validate(dict(row._mapping))

    def open_handoff(self, session_id: str) -> HandoffRecord | None:
        """The session's handoff that nobody has closed yet, if any."""
        found = self.handoffs(session_id=session_id, status=("open", "taken"), limit=1)
        return found[0] if found else None

    def handoffs(
        self, *, status: str | tuple[str, ...] | None = None, session_id: str | None = None, limit: int = 100,
    ) -> list[HandoffRecord]:
        query = select(handoffs_table).order_by(handoffs_table.c.id.desc()).limit(limit)
        if status is not None:
            query = query.where(handoffs_table.c.status.in_([status] if isinstance(status, str) else status))
        if session_id is not None:
            query = query.where(handoffs_table.c.session_id == session_id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [HandoffRecord.model_validate(dict(row._mapping)) for row in rows]

    def conversations(
        self, where: ConversationFilter = ConversationFilter(), limit: int = 50, offset: int = 0,
    ) -> tuple[list[ConversationSummary], int]:
        """The conversations matching `where`, latest first, and how many match in all. A conversation matches
        when some turn has the flag, some turn is in the language, some turn says the text, and so on."""
        t = turns_table
        conditions = []
        for condition in _turn_conditions(where):
            conditions.append(t.c.session_id.in_(select(t.c.session_id).where(condition)))
        grouped = select(t.c.session_id, func.max(t.c.at).label("last_at")).where(*conditions).group_by(t.c.session_id)
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(grouped.subquery())).scalar_one()
            page = conn.execute(
                grouped.order_by(func.max(t.c.at).desc(), t.c.session_id).limit(limit).offset(offset)
            ).all()
            ids = [row.session_id for row in page]
            rows = conn.execute(select(t).where(t.c.session_id.in_(ids)).order_by(t.c.id)).all() if ids else []
        by_session: dict[str, list[ReviewedTurn]] = {}
        for row in rows:
            by_session.setdefault(row.session_id, []).append(_turn(row))
        latest_handoff = {h.session_id: h for h in reversed(self._handoffs_of(ids))}
        return [_summary(by_session[sid], latest_handoff.get(sid)) for sid in ids if sid in by_session], total

    def _handoffs_of(self, session_ids: list[str]) -> list[HandoffRecord]:
        if not session_ids:
            return []
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(handoffs_table).where(handoffs_table.c.session_id.in_(session_ids))
                .order_by(handoffs_table.c.id.desc())
            ).all()
        return [HandoffRecord.model_validate(dict(row._mapping)) for row in rows]


def _turn_conditions(where: ConversationFilter) -> list[Any]:
    t = turns_table
    conditions: list[Any] = []
    if where.flag:
        conditions.append(t.c.flags.contains(f",{where.flag},", autoescape=True))
    if where.language:
        conditions.append(t.c.language == where.language)
    if where.channel:
        conditions.append(t.c.channel == where.channel)
    if where.since:
        conditions.append(t.c.at >= datetime.combine(where.since, datetime.min.time()))
    if where.until:
        conditions.append(t.c.at < datetime.combine(where.until + timedelta(days=1), datetime.min.time()))
    if where.text:
        needle = where.text.lower()
        conditions.append(or_(func.lower(t.c.heard).contains(needle, autoescape=True),
                              func.lower(t.c.response).contains(needle, autoescape=True)))
    return conditions


def _turn(row: Any) -> ReviewedTurn:
    values = dict(row._mapping)
    return ReviewedTurn(
        id=values["id"], session_id=values["session_id"], at=values["at"], channel=values["channel"],
        language=values["language"], identity=values["identity"], customer_id=values["customer_id"],
        heard=values["heard"], response=values["response"], intent=values["intent"],
        tool_calls=[ReviewedToolCall.model_validate(call) for call in values["tools"] or []],
        timings_ms=values["timings_ms"] or {}, flags=[f for f in values["flags"].split(",") if f],
        handoff_id=values["handoff_id"],
    )


def _summary(turns: list[ReviewedTurn], latest: HandoffRecord | None) -> ConversationSummary:
    flags: list[str] = []
    for turn in turns:
        flags.extend(flag for flag in turn.flags if flag not in flags)
    known = next((t for t in reversed(turns) if t.identity != "anonymous"), turns[-1])
    return ConversationSummary(
        session_id=turns[0].session_id, started_at=turns[0].at, last_at=turns[-1].at, turns=len(turns),
        languages=sorted({t.language for t in turns}), channels=sorted({t.channel for t in turns}),
        identity=known.identity, customer_id=known.customer_id, flags=flags, first_said=turns[0].heard,
        last_response=turns[-1].response, handoff=latest,
    )


# --- after each turn -------------------------------------------------------------------------------------------


class Review:
    """What the service does after each turn: flag it, decide on a handoff, and record both."""

    def __init__(self, store: ReviewStore, settings: Settings):
        self.store = store
        self.settings = settings

    @classmethod
    def from_settings(cls, settings: Settings) -> Review:
        return cls(ReviewStore.from_settings(settings), settings)

    def asks_for_person(self, said: str) -> bool:
        return handoffs.asks_for_person(said)

    async def after_turn(self, result: TurnResult, facts: TurnFacts) -> TurnResult:
        """Record the turn; with a handoff made, the turn as the caller gets it: its answer says what happens next."""
        try:
            return await asyncio.to_thread(self._after_turn, result, facts)
        except (SQLAlchemyError, ReviewStoreError, OSError):
            # The caller's answer matters more than its record; the operator sees the failure in the log.
            log.exception("the review store failed; the turn is not recorded")
            if facts.asked_for_person:
                added = say("handoff.not_recorded", result.language)
                return result.model_copy(update={"response": _joined(result.response, added)})
            return result

    def _after_turn(self, result: TurnResult, facts: TurnFacts) -> TurnResult:
        flags = turn_flags(result, facts)
        turn = reviewed_turn(result, facts, flags)
        earlier = self.store.session_turns(result.session_id)
        already = self.store.open_handoff(result.session_id)
        reason = handoffs.decide(
            asked=facts.asked_for_person, flags=flags, earlier=[t.flags for t in earlier],
            failed_turn_flags=FAILED_TURN_FLAGS, after_failed_turns=self.settings.handoff_after_failed_turns,
            already_open=already is not None,
        )
        record: HandoffRecord | None = None
        added = ""
        if reason is not None:
            if already is not None:
                record = already
                added = say("handoff.already", result.language, reference=already.id)
            else:
                identity, customer_id = identity_of(facts)
                summary = handoffs.summarize([*earlier, turn], reason, identity, customer_id)
                record = self.store.create_handoff(
                    result.session_id, reason, facts.channel, result.language, customer_id, summary
                )
                added = say(self._sentence(reason, facts.channel), result.language, reference=record.id)
            turn.flags.append("handoff")
            turn.handoff_id = record.id
            turn.response = redact(_joined(result.response, added))
        if self.settings.review_enabled:
            self.store.record_turn(turn)
        if record is None:
            return result
        handoff = Handoff(id=record.id, reason=reason, transfer_to=self._transfer_to(facts.channel))  # type: ignore[arg-type]
        return result.model_copy(update={"response": _joined(result.response, added), "handoff": handoff})

    def _transfer_to(self, channel: str) -> str | None:
        return self.settings.handoff_phone_number if channel == "phone" else None

    def _sentence(self, reason: str, channel: str) -> str:
        if self._transfer_to(channel):
            return "handoff.transferring"
        return f"handoff.{reason}"


def _joined(answer: str, added: str) -> str:
    return f"{answer} {added}".strip() if added else answer
