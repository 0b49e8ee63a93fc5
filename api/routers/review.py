"""Conversation review for operators: the page (`/review`), the conversations with their turns, the handoff queue,
and a conversation exported as an eval case. Everything but the page itself needs a trusted caller: a valid
X-API-Key, or, when no key is configured, a connection from this machine to a loopback-only server."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, PlainTextResponse
from pydantic import BaseModel, Field

from agent.case_export import NothingToExport, case_id, case_yaml
from agent.review import (
    Conversation,
    ConversationFilter,
    ConversationSummary,
    Flag,
    HandoffRecord,
    HandoffStatus,
    Review,
    ReviewStoreError,
)
from api.deps import CallerDep, ServicesDep
from api.security import Caller

router = APIRouter(prefix="/review", tags=["review"])

_PAGE = Path(__file__).resolve().parents[2] / "static" / "review.html"
REVIEWER_ONLY_DETAIL = "Reviewing conversations needs a valid X-API-Key (or, with no keys configured, a local caller)."

_ERRORS = {
    401: {"description": "No valid X-API-Key (with keys configured), or a caller from another machine (without)."},
    503: {"description": "The review store cannot be reached."},
}

HandoffPath = Annotated[int, PathParam(ge=1, le=2**53, description="The handoff's reference number.")]
SessionPath = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_.:-]{1,128}$", description="The conversation's session id.")]


def get_review(services: ServicesDep, caller: CallerDep) -> Review:
    if not _reviewer(caller):
        raise HTTPException(401, REVIEWER_ONLY_DETAIL, headers={"WWW-Authenticate": "X-API-Key"})
    if services.review is None:
        raise HTTPException(503, "The review store is not configured.")
    return services.review


def _reviewer(caller: Caller) -> bool:
    # The same rule as acting for a customer: recorded turns hold what callers said about their accounts.
    return caller.trusted


ReviewDep = Annotated[Review, Depends(get_review)]


async def _read(function, *args, **kwargs):
    try:
        return await asyncio.to_thread(function, *args, **kwargs)
    except ReviewStoreError as exc:
        raise HTTPException(503, f"The review store cannot be reached: {exc}.") from None


class ConversationPage(BaseModel):
    conversations: list[ConversationSummary]
    total: int = Field(description="How many conversations match the filters in all.")
    limit: int
    offset: int


class HandoffUpdate(BaseModel):
    status: HandoffStatus = Field(description="taken: someone is on it; closed: done (open puts it back).")


@router.get("", include_in_schema=False)
async def review_page() -> FileResponse:
    if not _PAGE.is_file():
        raise HTTPException(404, "The review page is not installed (static/review.html is missing).")
    return FileResponse(_PAGE, media_type="text/html")


@router.get("/conversations", response_model=ConversationPage, responses=_ERRORS)
async def list_conversations(
    review: ReviewDep,
    flag: Annotated[Flag | None, Query(description="Only conversations with a turn that raised this flag.")] = None,
    language: Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$", description="Only those with a turn in it.")] = None,
    channel: Annotated[Literal["text", "voice", "ws", "phone", "cli"] | None, Query()] = None,
    since: Annotated[date | None, Query(description="With a turn on or after this day (UTC), YYYY-MM-DD.")] = None,
    until: Annotated[date | None, Query(description="With a turn on or before this day (UTC), YYYY-MM-DD.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words said by the caller or the agent.")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> ConversationPage:
    """Conversations, latest first, with their flags; filters combine."""
    if since and until and since > until:
        raise HTTPException(422, "since is after until.")
    where = ConversationFilter(flag=flag, language=language, channel=channel, since=since, until=until,
                               text=(q or "").strip() or None)
    found, total = await _read(review.store.conversations, where, limit, offset)
    return ConversationPage(conversations=found, total=total, limit=limit, offset=offset)


@router.get("/conversations/{session_id}", response_model=Conversation, responses=_ERRORS)
async def get_conversation(session_id: SessionPath, review: ReviewDep) -> Conversation:
    """One conversation: every recorded turn (what was heard, tool calls and results, answer, timings, flags) and
    its handoffs."""
    return await _conversation(review, session_id)


async def _conversation(review: Review, session_id: str) -> Conversation:
    found = await _read(review.store.conversation, session_id)
    if found is None:
        raise HTTPException(404, f"No recorded conversation {session_id}.")
    return found


@router.get(
    "/conversations/{session_id}/case.yaml", response_class=PlainTextResponse, responses={
        **_ERRORS, 200: {"content": {"application/yaml": {}}, "description": "One eval case file."}},
)
async def export_case(session_id: SessionPath, review: ReviewDep) -> PlainTextResponse:
    """The conversation as an eval case (`apitap eval --cases FILE`): its tool calls become the expectations."""
    conversation = await _conversation(review, session_id)
    try:
        body = case_yaml(conversation)
    except NothingToExport as exc:
        raise HTTPException(404, str(exc)) from None
    filename = f"{case_id(session_id)}.yaml"
    return PlainTextResponse(body, media_type="application/yaml",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/handoffs", response_model=list[HandoffRecord], responses=_ERRORS)
async def list_handoffs(
    review: ReviewDep,
    status: Annotated[HandoffStatus | Literal["active", "all"], Query(
        description="active: open and taken (the queue); all: every one kept.")] = "active",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[HandoffRecord]:
    """The handoff queue, newest first: conversations passed to a person, with their summaries."""
    wanted = {"active": ("open", "taken"), "all": None}.get(status, status)
    return await _read(review.store.handoffs, status=wanted, limit=limit)


@router.patch("/handoffs/{handoff_id}", response_model=HandoffRecord, responses=_ERRORS)
async def update_handoff(handoff_id: HandoffPath, body: HandoffUpdate, review: ReviewDep) -> HandoffRecord:
    """Mark a handoff taken (someone is on it) or closed."""
    updated = await _read(review.store.set_handoff_status, handoff_id, body.status)
    if updated is None:
        raise HTTPException(404, f"No handoff {handoff_id}.")
    return updated
