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
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from sqlalchemy import text
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
from agent.graph import VERIFY_TOOL, builder
from agent.language import detect_language
from agent.llm import LLMUnavailable, build_chat_model, check_llm
from agent.prompts import ASSISTANT_UNAVAILABLE, SYSTEM_PROMPT
from core.settings import LLMProvider, Settings, get_settings
from tools import all_tools
from tools.db.engine import make_engine
from tools.registry import Tool

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SESSION_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")


class InvalidTurn(ValueError):
    """The request cannot be a turn (empty, too long, bad session id). The message is safe to show the caller."""


class AgentService:
    def __init__(self, settings: Settings, chat_model: BaseChatModel, db: Engine, tools: list[Tool]):
        self.settings = settings
        self.db = db
        self.tools = tools
        self._context = AgentContext(
            chat_model=chat_model, tools=tuple(tools), db=db, max_tool_steps=settings.agent_max_tool_steps,
            answers_from_templates=settings.agent_answers == "templates",
        )
        self._intent_by_tool = {t.name: t.intent for t in tools}
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
    ) -> AgentService:
        settings = settings or get_settings()
        return cls(
            settings,
            chat_model or build_chat_model(settings),
            db or make_engine(settings.effective_database_url, read_only=True),
            tools if tools is not None else all_tools(),
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
        embedded model keeps a cache in this process; remote servers manage their own."""
        if self.settings.llm_provider is not LLMProvider.llamacpp:
            return
        model = self._context.chat_model.bind_tools(self._context.model_tool_schemas, tool_choice="required")
        try:
            await model.ainvoke([SystemMessage(SYSTEM_PROMPT), HumanMessage("Hello")])
        except LLMUnavailable as exc:
            self._llm_error = str(exc)
            log.warning("LLM warm-up failed", extra={"error": str(exc)})

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
        language: Language = request.language or detect_language(said, default=previous.get("language", "en"))
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

        final: dict[str, Any] = {}
        try:
            async for mode, chunk in graph.astream(
                turn_input, config, context=self._context, stream_mode=["custom", "values"]
            ):
                if mode == "values":
                    final = chunk
                elif chunk.get("type") == "tool_call":
                    yield ToolCallEvent(name=chunk["name"], args=chunk["args"])
                elif chunk.get("type") == "token":
                    yield TokenEvent(text=chunk["text"])
            self._llm_error = None
        except LLMUnavailable as exc:
            self._llm_error = str(exc)
            log.warning("LLM unavailable", extra={"error": str(exc)})
            final = await self._record_unavailable(graph, config, language)
            yield TokenEvent(text=final["response"])

        yield DoneEvent(result=self._result(session_id, language, said, final, started))

    async def _record_unavailable(self, graph: Any, config: dict, language: Language) -> dict[str, Any]:
        answer = ASSISTANT_UNAVAILABLE[language]
        # Close the turn in the history so the next turn does not start after a dangling question.
        await graph.aupdate_state(config, {"messages": [AIMessage(answer)], "response": answer}, as_node="finish")
        return {**(await graph.aget_state(config)).values, "response": answer, "turn_tool_calls": []}

    def _result(
        self, session_id: str, language: Language, said: str, final: dict[str, Any], started: float
    ) -> TurnResult:
        calls = final.get("turn_tool_calls", [])
        timings = dict(final.get("turn_timings_ms", {}))
        timings["total"] = round((perf_counter() - started) * 1000, 1)
        entities: dict[str, Any] = {}
        for call in calls:
            if call["name"] != VERIFY_TOOL:
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
        )

    def _intent(self, calls: list[dict[str, Any]]) -> Intent:
        names = [c["name"] for c in calls]
        for name in names:
            if name != VERIFY_TOOL and name in self._intent_by_tool:
                return self._intent_by_tool[name]  # type: ignore[return-value]
        return "verification" if VERIFY_TOOL in names else "general_inquiry"

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
        if self._llm_error and status == "ok":
            return {"status": "degraded", "detail": f"last turn failed: {self._llm_error}"}
        return {"status": status, "detail": detail}
