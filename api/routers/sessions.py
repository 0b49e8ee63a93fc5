"""`GET /sessions/{session_id}/messages`: what was said in a conversation, so the page can show it again after a
reload. The session id is the only key: the ids the service and its page issue are 128 random bits (32 hex
characters), and only ids of that form are served, so a guessable id an integrator chose is never readable here."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, Field

from api.deps import AgentDep, CallerDep

router = APIRouter(prefix="/sessions", tags=["conversation"])


class SaidMessage(BaseModel):
    role: Literal["caller", "assistant"]
    text: str


class SessionMessages(BaseModel):
    session_id: str
    messages: list[SaidMessage] = Field(
        description="The caller's questions and the assistant's answers, oldest first; tool calls and their results "
        "are never included. Empty for a conversation that does not exist (or no longer does)."
    )


@router.get(
    "/{session_id}/messages",
    response_model=SessionMessages,
    responses={422: {"description": "Not a session id this service issues (32 hex characters)."}},
)
async def session_messages(
    session_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="The id from the `session` frame or a "
                                    "turn's `session_id`.")],
    agent: AgentDep,
    caller: CallerDep,
    response: Response,
) -> SessionMessages:
    """The conversation so far, for the browser that holds its session id (e.g. after a page reload)."""
    response.headers["Cache-Control"] = "no-store"
    said = await agent.history(session_id)
    return SessionMessages(session_id=session_id, messages=[SaidMessage(**message) for message in said])
