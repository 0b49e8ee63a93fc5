"""`apitap review …`: the recorded conversations and handoffs, from the command line (the page is `/review`)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from api.cli.errors import CLIError

if TYPE_CHECKING:
    from agent.review import ReviewStore

app = typer.Typer(help="Review recorded conversations, the handoff queue, and export eval cases.",
                  no_args_is_help=True)

UrlOption = Annotated[str | None, typer.Option(
    "--url", help="The review store's SQLAlchemy URL; default: REVIEW_DB_URL, else DATA_DIR/review.sqlite.")]


def _store(url: str | None) -> ReviewStore:
    from pydantic import ValidationError

    from agent.review import ReviewStore
    from core.settings import get_settings

    try:
        settings = get_settings()
    except ValidationError as exc:
        raise CLIError(f"invalid settings: {exc.errors()[0]['msg']}") from None
    store = ReviewStore.from_settings(settings)
    if url:
        store = ReviewStore(url, settings.review_retention_days)
    return store


def _run(function, *args, **kwargs):
    from sqlalchemy.exc import SQLAlchemyError

    from agent.review import ReviewStoreError

    try:
        return function(*args, **kwargs)
    except ReviewStoreError as exc:
        raise CLIError(str(exc)) from None
    except SQLAlchemyError as exc:
        raise CLIError(f"the review store failed: {type(exc).__name__}: {str(exc).splitlines()[0]}") from None


@app.command("export")
def export_case(
    session_id: Annotated[str, typer.Argument(help="The conversation's session id (see `apitap review list`).")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write the case file here; default: print it.")] = None,
    url: UrlOption = None,
) -> None:
    """Turn a recorded conversation into an eval case: its tool calls become the expectations."""
    from agent.case_export import NothingToExport, case_yaml

    conversation = _run(_store(url).conversation, session_id)
    if conversation is None:
        raise CLIError(f"no recorded conversation {session_id}")
    try:
        body = case_yaml(conversation)
    except NothingToExport as exc:
        raise CLIError(str(exc)) from None
    if out is None:
        typer.echo(body, nl=False)
        return
    if out.is_dir():
        raise CLIError(f"{out} is a directory: give a file name")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise CLIError(f"cannot write {out}: {exc.strerror}") from None
    typer.echo(f"{out} (run it with: apitap eval --cases {out})", err=True)


@app.command("list")
def list_conversations(
    flag: Annotated[str | None, typer.Option("--flag", help="Only with this flag (handoff, ask_back, …).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Only with a turn in this language.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="With a turn on or after this day, YYYY-MM-DD.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Words said by the caller or the agent.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    url: UrlOption = None,
) -> None:
    """The latest recorded conversations."""
    from agent.review import FLAGS, ConversationFilter

    if flag is not None and flag not in FLAGS:
        raise CLIError(f"--flag must be one of {', '.join(FLAGS)}")
    try:
        since_day = date.fromisoformat(since) if since else None
    except ValueError:
        raise CLIError("--since must be a day as YYYY-MM-DD") from None
    where = ConversationFilter(flag=flag, language=lang, since=since_day, text=text)
    found, total = _run(_store(url).conversations, where, limit, 0)
    if as_json:
        typer.echo(json.dumps({"total": total, "conversations": [c.model_dump(mode="json") for c in found]},
                              ensure_ascii=False))
        return
    for conversation in found:
        flags = ",".join(conversation.flags) or "-"
        typer.echo(f"{conversation.session_id}  {conversation.last_at:%Y-%m-%d %H:%M}  {conversation.turns} turns  "
                   f"{'/'.join(conversation.languages)}  {flags}  {conversation.first_said[:60]}")
    typer.echo(f"{len(found)} of {total} conversations", err=True)


@app.command("handoffs")
def list_handoffs(
    status: Annotated[str, typer.Option("--status", help="open, taken, closed, active (open and taken) or all.")]
    = "active",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    url: UrlOption = None,
) -> None:
    """The handoff queue, newest first, with each summary."""
    wanted = {"active": ("open", "taken"), "all": None, "open": "open", "taken": "taken", "closed": "closed"}
    if status not in wanted:
        raise CLIError("--status must be open, taken, closed, active or all")
    found = _run(_store(url).handoffs, status=wanted[status], limit=500)
    if as_json:
        typer.echo(json.dumps([h.model_dump(mode="json") for h in found], ensure_ascii=False))
        return
    for handoff in found:
        typer.echo(f"#{handoff.id} {handoff.status} {handoff.reason} {handoff.created_at:%Y-%m-%d %H:%M} "
                   f"session {handoff.session_id}")
        typer.echo("    " + handoff.summary.replace("\n", "\n    "))


@app.command("sweep")
def sweep(url: UrlOption = None) -> None:
    """Delete turns and handoffs older than REVIEW_RETENTION_DAYS now (the service also does it hourly)."""
    store = _store(url)
    gone = _run(store.sweep)
    typer.echo(f"deleted {gone['turns']} turns and {gone['handoffs']} handoffs older than {store.retention_days} days")
