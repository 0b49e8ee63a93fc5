"""`apitap serve`: the HTTP/WebSocket service under uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from api.cli.errors import CLIError


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        host: Annotated[str | None, typer.Option(help="Address to listen on; default API_HOST (127.0.0.1).")] = None,
        port: Annotated[int | None, typer.Option(min=1, max=65535, help="Port; default API_PORT (8000).")] = None,
        reload: Annotated[bool, typer.Option("--reload", help="Restart on code changes (development).")] = False,
    ) -> None:
        """Run the web chat, the HTTP API and the voice WebSocket. Refuses a public address without API keys."""
        from api.security import InsecureBindError, ensure_safe_bind
        from core.logging import configure_logging
        from core.settings import get_settings

        settings = get_settings()
        settings = settings.model_copy(
            update={"api_host": host or settings.api_host, "api_port": port or settings.api_port}
        )
        try:
            ensure_safe_bind(settings)
        except InsecureBindError as exc:
            raise CLIError(str(exc)) from None

        import uvicorn

        from api.app import create_app

        configure_logging(settings.log_level, settings.log_json)
        # Uvicorn's own logging config would replace the JSON logs; the app logs each request itself.
        common = {"host": settings.api_host, "port": settings.api_port, "log_config": None, "access_log": False,
                  "ws_max_size": max(16 * 1024 * 1024, int(settings.max_upload_mb * 1024 * 1024) + 1024)}
        if reload:
            # The reloader imports the factory in a fresh process that reads its settings from the environment;
            # the trust rules depend on the listening address, so the child must see the same one.
            os.environ["API_HOST"] = settings.api_host
            os.environ["API_PORT"] = str(settings.api_port)
            uvicorn.run("api.app:app", factory=True, reload=True, **common)
        else:
            uvicorn.run(create_app(settings), **common)
