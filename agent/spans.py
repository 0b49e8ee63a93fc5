"""OpenTelemetry spans for a turn's graph nodes and model calls, from LangChain's callbacks: the graph itself stays
free of tracing code. Used only when tracing is on (`core.tracing.enabled()`)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from opentelemetry import trace
from opentelemetry.trace import Status, StatusCode

from core import tracing


class GraphSpans(BaseCallbackHandler):
    """`agent.node <name>` around each node run and `agent.llm` around each chat model call, the model call a child
    of the node it ran in. Node spans are children of the span current when the node starts (the turn's)."""

    def __init__(self) -> None:
        self._open: dict[UUID, Any] = {}
        self._parents: dict[UUID, UUID | None] = {}

    def on_chain_start(
        self, serialized: dict[str, Any] | None, inputs: Any, *, run_id: UUID, parent_run_id: UUID | None = None,
        metadata: dict[str, Any] | None = None, **kwargs: Any,
    ) -> None:
        self._parents[run_id] = parent_run_id
        node = (metadata or {}).get("langgraph_node")
        # Edge functions and nested runnables report the node they run in too; only the node's own run has its name.
        if node is None or kwargs.get("name") != node:
            return
        span = tracing.start_span(f"agent.node {node}", node=node, step=(metadata or {}).get("langgraph_step"))
        if span is not None:
            self._open[run_id] = span

    def on_chain_end(self, outputs: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, None)

    def on_chain_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, error)

    def on_chat_model_start(
        self, serialized: dict[str, Any] | None, messages: Any, *, run_id: UUID, parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        node_span = self._nearest_open(parent_run_id)
        parent = trace.set_span_in_context(node_span) if node_span is not None else None
        invocation = kwargs.get("invocation_params") or {}
        span = tracing.start_span("agent.llm", parent=parent, tool_choice=_text(invocation.get("tool_choice")))
        if span is not None:
            self._open[run_id] = span

    def on_llm_end(self, response: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, None)

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, error)

    def _nearest_open(self, run_id: UUID | None) -> Any:
        while run_id is not None:
            if run_id in self._open:
                return self._open[run_id]
            run_id = self._parents.get(run_id)
        return None

    def _close(self, run_id: UUID, error: BaseException | None) -> None:
        self._parents.pop(run_id, None)
        span = self._open.pop(run_id, None)
        if span is None:
            return
        if error is not None:
            span.record_exception(error)
            span.set_status(Status(StatusCode.ERROR, type(error).__name__))
        span.end()

    def close_all(self) -> None:
        """End whatever a cancelled turn left open."""
        for run_id in list(self._open):
            self._close(run_id, None)
        self._parents.clear()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)
