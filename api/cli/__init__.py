"""The `apitap` command line. Each area adds its commands in its own module; layers above `api` (evals, bench)
join through the `apitap.cli` entry-point group so nothing here imports upward."""

from __future__ import annotations

import logging
import sys
from importlib.metadata import entry_points

import typer

from api.cli import agent as agent_commands
from api.cli import db as db_commands
from api.cli import review as review_commands
from api.cli import serve as serve_commands
from api.cli import tools as tools_commands
from api.cli import voice as voice_commands
from api.cli.errors import CLIError
from core.logging import configure_logging

app = typer.Typer(
    name="apitap",
    help="Apitap: an offline voice customer-service agent.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _print_version(wanted: bool) -> None:
    if wanted:
        from api.routers.meta import service_version

        typer.echo(f"apitap {service_version()}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Apitap: an offline voice customer-service agent."""


app.add_typer(db_commands.app, name="db")
app.add_typer(tools_commands.app, name="tools")
app.add_typer(review_commands.app, name="review")
for module in (agent_commands, voice_commands, serve_commands):
    module.register(app)

for ep in entry_points(group="apitap.cli"):
    app.add_typer(ep.load(), name=ep.name)


def main() -> None:
    configure_logging(level="WARNING", as_json=False)
    try:
        app()
    except CLIError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line for the user, the traceback in the log
        logging.getLogger("apitap.cli").debug("unexpected error", exc_info=True)
        typer.echo(f"error: unexpected {type(exc).__name__}: {exc}".splitlines()[0], err=True)
        sys.exit(1)
