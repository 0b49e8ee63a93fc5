"""`apitap db …`: create and fill the platform database, describe it, render its DDL, lock down an account."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from api.cli.errors import CLIError

app = typer.Typer(help="Create, fill and inspect the five-schema platform database.", no_args_is_help=True)


class Scale(StrEnum):
    small = "small"
    medium = "medium"
    large = "large"


UrlOption = Annotated[
    str | None,
    typer.Option("--url", help="SQLAlchemy URL; default: DATABASE_URL, else the embedded SQLite under DATA_DIR/db."),
]


def _default_url(url: str | None) -> str:
    if url:
        return url
    from pydantic import ValidationError

    from core.settings import get_settings

    try:
        return get_settings().effective_database_url
    except ValidationError as exc:
        raise CLIError(f"invalid settings: {exc.errors()[0]['msg']}") from None


@app.command("init")
def init(
    url: UrlOption = None,
    scale: Annotated[Scale | None, typer.Option(help="small: ~300 orders; medium: ~50k; large: 1M.")] = None,
    orders: Annotated[int | None, typer.Option(min=50, help="Exact number of orders (instead of --scale).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same data.")] = 42,
    reset: Annotated[bool, typer.Option("--reset", help="Drop the five schemas first and rebuild.")] = False,
) -> None:
    """Create the five schemas and fill them with the deterministic demo (does nothing if already there)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tools.db.admin import init_database
    from tools.db.demo_data import make_plan
    from tools.db.engine import DatabaseUnavailable

    if scale is not None and orders is not None:
        raise CLIError("give --scale or --orders, not both")
    scale_name = (scale or Scale.small).value
    try:
        plan = make_plan(scale_name, orders, seed)
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    database_url = _default_url(url)
    with Progress(TextColumn("{task.description:<32}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("preparing", total=plan.estimated_rows())

        def advance(table: str, rows: int) -> None:
            bar.update(task, advance=rows, description=table)

        try:
            report = init_database(database_url, scale_name, orders, seed, reset, advance)
        except DatabaseUnavailable as exc:
            raise CLIError(str(exc)) from None
    typer.echo(report.summary())


@app.command("info")
def info(
    url: UrlOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Tables and rows per schema."""
    from tools.db.admin import database_info
    from tools.db.engine import DatabaseUnavailable

    try:
        result = database_info(_default_url(url))
    except DatabaseUnavailable as exc:
        raise CLIError(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2))
        return
    typer.echo(result.database)
    for schema, tables in result.tables.items():
        typer.echo(f"  {schema:<13} {len(tables):>3} tables {sum(tables.values()):>12,} rows")
    if result.fingerprint:
        typer.echo(f"  demo: {json.dumps(result.fingerprint, sort_keys=True)}")


@app.command("ddl")
def ddl(
    out: Annotated[Path, typer.Option("--out", help="Folder for the rendered .sql files.")] = Path("sql"),
    check: Annotated[bool, typer.Option("--check", help="Only report drift; exit 1 when files differ.")] = False,
) -> None:
    """Render the MySQL DDL (one file per table, views, grants, schema_all.sql) from the schema metadata."""
    from tools.db.ddl import drift, write_files

    if check:
        problems = drift(out)
        if problems:
            raise CLIError(f"{out} differs from the schema metadata ({'; '.join(problems[:5])}); "
                           "run `apitap db ddl --out sql/`")
        typer.echo(f"{out} matches the schema metadata")
        return
    written = write_files(out)
    typer.echo(f"wrote {len(written)} files to {out}")


@app.command("grant-readonly")
def grant_readonly(
    url: UrlOption = None,
    user: Annotated[str, typer.Option(help="The account to create or re-password.")] = "apitap_ro",
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True,
                                          help="Its password (letters, digits, _-.).")] = ...,
) -> None:
    """Create a MySQL/MariaDB account with SELECT only on the five schemas (run with an admin URL)."""
    from tools.db.admin import create_readonly_account
    from tools.db.engine import DatabaseUnavailable, describe_url

    try:
        readonly_url = create_readonly_account(_default_url(url), user=user, password=password)
    except DatabaseUnavailable as exc:
        raise CLIError(str(exc)) from None
    typer.echo(f"read-only account ready; set DATABASE_URL={describe_url(readonly_url)} (with its password)")
