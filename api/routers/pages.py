"""The web chat page."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

router = APIRouter(tags=["page"])

_INDEX = Path(__file__).resolve().parents[2] / "static" / "index.html"


# HEAD too: uptime checks and `curl -I` ask for the page without its body.
@router.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
async def index() -> FileResponse:
    if not _INDEX.is_file():
        raise HTTPException(404, "The web page is not installed (static/index.html is missing).")
    return FileResponse(_INDEX, media_type="text/html")
