"""The API's documentation pages, `/docs` (Swagger UI) and `/redoc` (ReDoc), served from files shipped in the
`fastapi-offline` package: an offline deployment cannot reach the CDNs FastAPI's own pages load them from.

Neither page runs an inline script, so the Content-Security-Policy can keep scripts to 'self'."""

from __future__ import annotations

from html import escape
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/docs-assets"
DOCS_PATHS = ("/docs", "/redoc", ASSETS_URL)
"""Where the documentation lives (the security headers give these pages what Swagger UI and ReDoc need)."""

router = APIRouter(include_in_schema=False)

_SWAGGER_INIT = """\
"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
"""


def assets_directory() -> Path:
    return Path(str(files("fastapi_offline") / "static"))


def assets_app() -> StaticFiles:
    return StaticFiles(directory=assets_directory())


def _page(title: str, root: str, head: str, body: str) -> HTMLResponse:
    return HTMLResponse(f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="{root}{ASSETS_URL}/favicon.png">
{head}
</head>
<body>
{body}
</body>
</html>
""")


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    root = escape(request.scope.get("root_path", ""))
    openapi_url = escape(root + (request.app.openapi_url or "/openapi.json"))
    return _page(
        f"{request.app.title} API – Swagger UI", root,
        f'<link rel="stylesheet" href="{root}{ASSETS_URL}/swagger-ui.css">',
        f'<div id="swagger-ui" data-openapi-url="{openapi_url}"></div>\n'
        f'<script src="{root}{ASSETS_URL}/swagger-ui-bundle.js"></script>\n'
        f'<script src="{root}/docs/init.js"></script>',
    )


@router.get("/docs/init.js")
async def swagger_ui_init() -> Response:
    return Response(_SWAGGER_INIT, media_type="text/javascript")


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    root = escape(request.scope.get("root_path", ""))
    openapi_url = escape(root + (request.app.openapi_url or "/openapi.json"))
    return _page(
        f"{request.app.title} API – ReDoc", root, "",
        f'<redoc spec-url="{openapi_url}"></redoc>\n<script src="{root}{ASSETS_URL}/redoc.standalone.js"></script>',
    )
