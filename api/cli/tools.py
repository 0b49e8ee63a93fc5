"""`apitap tools …`: list the tools the model can call, and call one exactly as the agent would."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from api.cli.errors import CLIError, catalogue_language
from tools.registry import Tool

app = typer.Typer(help="List the agent's tools, or call one against the database.", no_args_is_help=True)


def describe(item: Tool) -> dict[str, Any]:
    return {
        "name": item.name,
        "description": item.description,
        "parameters": item.json_schema(),
        "requires_customer": item.requires_customer,
        "intent": item.intent,
    }


@app.command("list")
def list_tools(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array (name, description, schema, …).")] = False,
) -> None:
    """Every tool the model can call: built-in ones and those plugins add."""
    from tools import all_tools

    available = all_tools()
    if as_json:
        typer.echo(json.dumps([describe(item) for item in available], indent=2))
        return
    for item in available:
        scope = "verified customer" if item.requires_customer else "anyone"
        args = ", ".join(item.json_schema().get("properties", {})) or "-"
        typer.echo(f"{item.name}({args})  [{item.intent}; {scope}]")
        typer.echo(f"    {item.description.splitlines()[0]}")


@app.command("call")
def call_tool(
    name: Annotated[str, typer.Argument(help="The tool's name (see `apitap tools list`).")],
    args: Annotated[str, typer.Option("--args", help='Arguments as a JSON object, e.g. \'{"order_id": 1}\'.')] = "{}",
    customer: Annotated[
        int | None, typer.Option("--customer", min=1, help="Run as this verified customer (user id).")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Database URL; default: the configured one.")] = None,
    language: Annotated[str, typer.Option(
        "--language", callback=catalogue_language, help="The caller's language (en, es, …).")] = "en",
    as_json: Annotated[bool, typer.Option("--json", help="Print compact JSON only.")] = False,
) -> None:
    """Run one tool as the agent would (read-only DB, same validation) and print its typed result or error.

    Exits 1 when the tool answers with a typed error (not found, verification required, invalid argument).
    """
    from core.settings import get_settings
    from tools import all_tools
    from tools.context import ToolContext
    from tools.db.engine import DatabaseUnavailable, ensure_initialised, make_engine
    from tools.registry import index_by_name, is_error

    by_name = index_by_name(all_tools())
    if name not in by_name:
        raise CLIError(f"unknown tool {name!r}; known: {', '.join(sorted(by_name))}")
    try:
        raw_args = json.loads(args)
    except json.JSONDecodeError as exc:
        raise CLIError(f"--args is not valid JSON: {exc}") from None
    if not isinstance(raw_args, dict):
        raise CLIError("--args must be a JSON object, e.g. '{\"order_id\": 1}'")

    try:
        engine = make_engine(url or get_settings().effective_database_url, read_only=True)
        ensure_initialised(engine)
    except DatabaseUnavailable as exc:
        raise CLIError(str(exc)) from None
    result = by_name[name].run(ToolContext(db=engine, customer_id=customer, language=language), raw_args)

    payload = {"type": type(result).__name__, "result": result.model_dump(mode="json")}
    typer.echo(json.dumps(payload, separators=(",", ":")) if as_json else json.dumps(payload, indent=2))
    if is_error(result):
        raise typer.Exit(1)
