"""`apitap ask`: one text turn through the real agent, as the API would run it."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated

import typer

from api.cli.errors import CLIError


def ask(
    question: Annotated[str, typer.Argument(help="What the caller says.")],
    session: Annotated[str | None, typer.Option("--session", help="Continue this conversation.")] = None,
    customer: Annotated[int | None, typer.Option("--customer", min=1, help="Act as this verified customer.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="en or es; default: detected.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole turn as JSON.")] = False,
) -> None:
    """Ask the agent one question and print its answer."""
    from agent.contract import TurnRequest
    from agent.service import AgentService, InvalidTurn
    from tools.db.engine import DatabaseUnavailable

    if lang not in (None, "en", "es"):
        raise CLIError("--lang must be en or es")

    async def run() -> None:
        try:
            agent = AgentService.from_settings()
        except DatabaseUnavailable as exc:
            raise CLIError(str(exc)) from None
        try:
            result = await agent.run_turn(
                TurnRequest(text=question, session_id=session, customer_id=customer, language=lang)
            )
        except InvalidTurn as exc:
            raise CLIError(str(exc)) from None
        finally:
            await agent.aclose()
        if as_json:
            typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            typer.echo(result.response)
            calls = ", ".join(f"{c.name}({json.dumps(c.args, ensure_ascii=False)})" for c in result.tool_calls)
            typer.echo(f"[session {result.session_id} · {result.intent} · {calls or 'no tool'} · "
                       f"{result.timings_ms.get('total', 0):.0f} ms]", err=True)

    asyncio.run(run())


def register(app: typer.Typer) -> None:
    app.command("ask")(ask)
