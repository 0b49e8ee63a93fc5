"""The agent as a service: one loaded model, DB engine and checkpointer, turning requests into turns.

Used by the API (text, voice, WebSocket), the CLI (`apitap ask`) and the evals.
"""

from __future__ import annotations

import asyncio
import logging
import re
import unicodedata
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from time import perf_counter
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, RemoveMessage, SystemMessage, ToolMessage
from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from agent.checkpointer import open_checkpointer
from agent.context import AgentContext
from agent.contract import (
    AgentEvent,
    DoneEvent,
    Intent,
    Language,
    TokenEvent,
    ToolCallEvent,
    ToolCallRecord,
    TurnRequest,
    TurnResult,
)
from agent.graph import builder
from agent.language import detect_language
from agent.llm import LLMUnavailable, build_chat_model, check_llm
from agent.llm.deadline import turn_deadline
from agent.prompts import ASSISTANT_UNAVAILABLE
from agent.review import Review, turn_facts
from core import tracing
from core.settings import LLMProvider, Settings, get_settings
from tools import all_tools
from tools.db.engine import make_engine
from tools.registry import Tool

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SESSION_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
_LARGEST_ROW_ID = 2**63 - 1
_CUT_OFF = "…"
"""Ends an answer in the history that the caller heard only up to there."""


def _plain_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    blocks = [block for block in content if isinstance(block, dict) and block.get("type") == "text"]
    return "".join(str(block.get("text", "")) for block in blocks)


class _TurnDeadline(Exception):
    """The turn's one LLM deadline (LLM_TIMEOUT_S) passed before its graph run finished."""


async def _within(deadline: float, events: AsyncIterator[Any], turn_span: Any = None) -> AsyncIterator[Any]:
    """`events` until `deadline` (on the time.monotonic clock). Only the wait for the next event is bounded, never
    the consumer's work between events. With `turn_span`, it is the current span while the graph runs, so node
    and tool spans hang under it."""
    from time import monotonic

    loop = asyncio.get_running_loop()
    try:
        while True:
            limit = asyncio.timeout_at(loop.time() + max(0.0, deadline - monotonic()))
            token = None
            if turn_span is not None:
                from opentelemetry import context, trace

                token = context.attach(trace.set_span_in_context(turn_span))
            try:
                async with limit:
                    item = await anext(events)
            except StopAsyncIteration:
                return
            except TimeoutError:
                if limit.expired():
                    raise _TurnDeadline() from None
                raise
            finally:
                if token is not None:
                    from opentelemetry import context

                    context.detach(token)
            yield item
    finally:
        await events.aclose()


class InvalidTurn(ValueError):
    """The request cannot be a turn (empty, too long, bad session id). The message is safe to show the caller."""


class AgentService:
    def __init__(
        self, settings: Settings, chat_model: BaseChatModel, db: Engine, tools: list[Tool], review: Review | None = None
    ):
        self.settings = settings
        self.review = review
        self.db = db
        self.tools = tools
        self._context = AgentContext(
            chat_model=chat_model, tools=tuple(tools), db=db, max_tool_steps=settings.agent_max_tool_steps,
            answers_from_templates=settings.agent_answers == "templates",
        )
        self._intent_by_tool = {t.name: t.intent for t in tools}
        self._verifiers = {t.name for t in tools if t.verifies_identity}
        self._exit_stack: AsyncExitStack | None = None
        self._graph: Any = None
        self._graph_lock = asyncio.Lock()
        self._llm_error: str | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings | None = None,
        *,
        chat_model: BaseChatModel | None = None,
        db: Engine | None = None,
        tools: list[Tool] | None = None,
        review: Review | None = None,
    ) -> AgentService:
        settings = settings or get_settings()
        return cls(
            settings,
            chat_model or build_chat_model(settings),
            db or make_engine(settings.effective_database_url, read_only=True),
            tools if tools is not None else all_tools(),
            review if review is not None else Review.from_settings(settings),
        )

    async def _compiled_graph(self) -> Any:
        async with self._graph_lock:
            if self._graph is None:
                self._exit_stack = AsyncExitStack()
                saver = await self._exit_stack.enter_async_context(open_checkpointer(self.settings))
                self._graph = builder.compile(checkpointer=saver, name="apitap")
            return self._graph

    async def warm_up(self) -> None:
        """Load the model and read the static prompt prefix once, so the first caller does not pay for either
        (measured: the first tool decision takes ~4 s cold on 2 cores, ~1 s with the prefix cached). Only the
        embedded model keeps a cache in this process; remote servers manage their own. The router is trained and
        the language detector built here too, for every provider."""
        from agent.language import warm_up as build_language_detector
        from agent.routing import route

        await asyncio.to_thread(route, self._context.tools, "hello")
        await asyncio.to_thread(build_language_detector)
        if self.settings.llm_provider is not LLMProvider.llamacpp:
            return
        model = self._context.chat_model.bind_tools(self._context.model_tool_schemas, tool_choice="required")
        try:
            await model.ainvoke([SystemMessage(self._context.system_prompt), HumanMessage("Hello")])
        except LLMUnavailable as exc:
            # Not an outage: a busy machine can slow the warm-up past the limit, and then the first turn simply
            # reads the prompt itself. Health reports what real turns do.
            log.info("LLM warm-up did not finish; the first turn reads the prompt", extra={"error": str(exc)})

    @property
    def llm_error(self) -> str | None:
        """Why the last turn could not reach the LLM; None once a turn succeeds."""
        return self._llm_error

    def customer_exists(self, customer_id: int) -> bool:
        """Whether the platform has a user with this id. Blocking (a DB query): call from a worker thread."""
        from tools.db.schema import dbuser

        if not 1 <= customer_id <= _LARGEST_ROW_ID:
            return False  # no database row has it, and the drivers cannot even send it
        user = dbuser.tbl_user
        with self.db.connect() as conn:
            return conn.execute(select(user.c.user_id).where(user.c.user_id == customer_id)).first() is not None

    async def aclose(self) -> None:
        if self._exit_stack is not None:
            await self._exit_stack.aclose()
            self._exit_stack = None
            self._graph = None

    # --- turns ----------------------------------------------------------------------------------------------------

    async def run_turn(self, request: TurnRequest) -> TurnResult:
        result: TurnResult | None = None
        async for event in self.stream_turn(request):
            if isinstance(event, DoneEvent):
                result = event.result
        assert result is not None  # stream_turn always ends with DoneEvent
        return result

    async def stream_turn(self, request: TurnRequest) -> AsyncIterator[AgentEvent]:
        started = perf_counter()
        said = self._clean_text(request.text)
        session_id = self._session_id(request.session_id)
        graph = await self._compiled_graph()
        config = {"configurable": {"thread_id": session_id}}
        previous = (await graph.aget_state(config)).values
        language: Language = request.language or detect_language(said, default=previous.get("language"))
        turn_input: dict[str, Any] = {
            "messages": [HumanMessage(said)],
            "language": language,
            "model_steps": 0,
            "turn_tool_calls": [],
            "turn_timings_ms": {},
            "response": "",
        }
        if request.customer_id is not None:
            turn_input["verified_customer_id"] = request.customer_id

        # Asking for a person is answered without the model: at once, and even while the model is down.
        asked_for_person = self.review is not None and self.review.asks_for_person(said)
        final: dict[str, Any] = {}
        error: str | None = None
        budget = self.settings.llm_timeout_s
        turn_span = tracing.start_span("agent.turn", session_id=session_id, language=language)
        spans = None
        if turn_span is not None:
            from agent.spans import GraphSpans

            spans = GraphSpans()
            config["callbacks"] = [spans]
        try:
            with turn_deadline(budget) as deadline:
                events = self._without_graph(graph, turn_input, config) if asked_for_person else graph.astream(
                    turn_input, config, context=self._context, stream_mode=["custom", "values"])
                async for mode, chunk in _within(deadline, events, turn_span):
                    if mode == "values":
                        final = chunk
                    elif chunk.get("type") == "tool_call":
                        yield ToolCallEvent(name=chunk["name"], args=chunk["args"])
                    elif chunk.get("type") == "token":
                        yield TokenEvent(text=chunk["text"])
            self._llm_error = None
        except (LLMUnavailable, _TurnDeadline) as exc:
            reason = str(exc) if isinstance(exc, LLMUnavailable) else f"the LLM did not answer within {budget:g} s"
            self._llm_error = reason
            error = "llm_unavailable"
            log.warning("LLM unavailable: %s", reason, extra={"error": reason})
            final = await self._record_unavailable(graph, config, language)
            yield TokenEvent(text=final["response"])
        finally:
            if spans is not None:
                spans.close_all()
            if turn_span is not None:
                turn_span.set_attribute("error", error or "")
                turn_span.end()

        result = self._result(session_id, language, said, final, started, error)
        if self.review is not None:
            answered = result.response
            result = await self.review.after_turn(result, turn_facts(
                request, previous, final, asked_for_person=asked_for_person, error=error,
                max_verification_failures=self._context.max_verification_failures, verify_tools=frozenset(self._verifiers),
            ))
            if result.response != answered:
                await self._say_instead(graph, config, final, result.response)
                yield TokenEvent(text=result.response[len(answered):] if answered else result.response)
        yield DoneEvent(result=result)

    @staticmethod
    async def _without_graph(graph: Any, turn_input: dict[str, Any], config: dict) -> AsyncIterator[Any]:
        """The caller's words kept in the history as a turn the graph did not run; its answer comes after."""
        await graph.aupdate_state(config, turn_input, as_node="finish")
        yield "values", (await graph.aget_state(config)).values

    @staticmethod
    async def _say_instead(graph: Any, config: dict, final: dict[str, Any], response: str) -> None:
        """Keep the answer the caller got (with a handoff added) in the history, in place of the graph's."""
        last = (final.get("messages") or [None])[-1]
        replaced = AIMessage(id=last.id, content=response) if isinstance(last, AIMessage) else AIMessage(response)
        await graph.aupdate_state(config, {"messages": [replaced], "response": response}, as_node="finish")

    async def record_heard(self, session_id: str, heard: str) -> None:
        """The caller heard only `heard` of the last answer (cut off by speaking over it, or by the call ending):
        keep that, marked as cut off, in the conversation instead of the whole answer, so the next turn does not
        build on words the caller never heard. `heard` may be empty (cut off before a word was played)."""
        graph = await self._compiled_graph()
        config = {"configurable": {"thread_id": session_id}}
        messages = (await graph.aget_state(config)).values.get("messages", [])
        last = messages[-1] if messages else None
        said = heard.strip()
        said = said if said.endswith(_CUT_OFF) else f"{said} {_CUT_OFF}".lstrip()
        if isinstance(last, AIMessage) and not last.tool_calls:
            cut_off = AIMessage(id=last.id, content=said)
        elif isinstance(last, HumanMessage | ToolMessage):
            # The turn was stopped before its answer was stored: close it with what was heard, so the next turn
            # does not start after a dangling question.
            cut_off = AIMessage(said)
        else:
            return  # no conversation yet, or a tool call left without its result: no answer here to trim
        await graph.aupdate_state(config, {"messages": [cut_off], "response": said}, as_node="finish")

    async def withdraw_turn(self, session_id: str) -> None:
        """The caller's last turn was not over (they went on speaking before hearing its answer): forget it and
        whatever of its answer was stored, so the next turn, which repeats its words, is the only one."""
        graph = await self._compiled_graph()
        config = {"configurable": {"thread_id": session_id}}
        messages = (await graph.aget_state(config)).values.get("messages", [])
        last_caller = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=None)
        if last_caller is None:
            return
        dropped = [RemoveMessage(id=m.id) for m in messages[last_caller:] if m.id]
        await graph.aupdate_state(config, {"messages": dropped}, as_node="finish")

    async def history(self, session_id: str) -> list[dict[str, str]]:
        """What the caller said and what the assistant answered in this conversation, in order: never tool calls
        or tool results. Empty for a conversation that does not exist."""
        graph = await self._compiled_graph()
        state = await graph.aget_state({"configurable": {"thread_id": session_id}})
        said: list[dict[str, str]] = []
        for message in state.values.get("messages", []):
            text = _plain_text(message.content)
            if isinstance(message, HumanMessage) and text:
                said.append({"role": "caller", "text": text})
            elif isinstance(message, AIMessage) and not message.tool_calls and text:
                said.append({"role": "assistant", "text": text})
        return said

    async def _record_unavailable(self, graph: Any, config: dict, language: Language) -> dict[str, Any]:
        answer = ASSISTANT_UNAVAILABLE[language]
        # Close the turn in the history so the next turn does not start after a dangling question.
        await graph.aupdate_state(config, {"messages": [AIMessage(answer)], "response": answer}, as_node="finish")
        return {**(await graph.aget_state(config)).values, "response": answer, "turn_tool_calls": []}

    def _result(
        self, session_id: str, language: Language, said: str, final: dict[str, Any], started: float,
        error: str | None = None,
    ) -> TurnResult:
        calls = final.get("turn_tool_calls", [])
        timings = dict(final.get("turn_timings_ms", {}))
        timings["total"] = round((perf_counter() - started) * 1000, 1)
        entities: dict[str, Any] = {}
        for call in calls:
            if call["name"] not in self._verifiers:
                entities.update({k: v for k, v in call["args"].items() if v is not None})
        return TurnResult(
            session_id=session_id,
            language=language,
            text=said,
            intent=self._intent(calls),
            entities=entities,
            tool_calls=[ToolCallRecord(name=c["name"], args=c["args"]) for c in calls],
            data=[{"tool": c["name"], **c["result"]} for c in calls],
            response=final.get("response", ""),
            timings_ms=timings,
            error=error,
        )

    def _intent(self, calls: list[dict[str, Any]]) -> Intent:
        names = [c["name"] for c in calls]
        for name in names:
            if name not in self._verifiers and name in self._intent_by_tool:
                return self._intent_by_tool[name]
        verified = next((self._intent_by_tool[n] for n in names if n in self._verifiers), None)
        return verified or "general_inquiry"

    def _clean_text(self, raw: str) -> str:
        said = _CONTROL.sub(" ", unicodedata.normalize("NFC", raw or ""))
        said = re.sub(r"\s+", " ", said).strip()
        if not said:
            raise InvalidTurn("The question is empty.")
        if len(said) > self.settings.max_text_chars:
            raise InvalidTurn(f"The question is too long (at most {self.settings.max_text_chars} characters).")
        return said

    @staticmethod
    def _session_id(raw: str | None) -> str:
        if raw is None or raw == "":
            return uuid.uuid4().hex
        if not _SESSION_ID.match(raw):
            raise InvalidTurn("session_id may use only letters, digits and . _ : - (at most 128 characters).")
        return raw

    # --- health ---------------------------------------------------------------------------------------------------

    def health(self) -> dict[str, dict[str, str]]:
        return {"database": self._database_health(), "llm": self._llm_health()}

    def _database_health(self) -> dict[str, str]:
        try:
            with self.db.connect() as conn:
                conn.execute(text("SELECT 1 FROM dbuser.tbl_user LIMIT 1"))
        except Exception as exc:  # any failure here is the component being down, reported not raised
            return {"status": "down", "detail": f"database unreachable: {type(exc).__name__}"}
        return {"status": "ok", "detail": self.db.url.render_as_string(hide_password=True)}

    def _llm_health(self) -> dict[str, str]:
        status, detail = check_llm(self.settings)
        if self._llm_error and status != "down":
            # A failed turn is news whatever else is true of the model (not assembled yet, say).
            failed = f"last turn failed: {self._llm_error}"
            return {"status": "degraded", "detail": failed if status == "ok" else f"{failed}; {detail}"}
        return {"status": status, "detail": detail}
