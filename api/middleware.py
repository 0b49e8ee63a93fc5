"""HTTP policies applied around every route: security headers, and JSON-only bodies where a route reads JSON."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import Message as MimeMessage
from typing import Any

from fastapi.responses import JSONResponse
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_PAGE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    # The page's icon is a data: URL; answer audio plays from blob: URLs.
    "img-src": "'self' data: blob:",
    "media-src": "'self' data: blob:",
    # 'self' covers the page's own WebSocket (ws:/wss: to the same host).
    "connect-src": "'self'",
    "font-src": "'self'",
    "worker-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Swagger UI and ReDoc write <style> elements at run time (ReDoc through styled-components) and ReDoc runs its
# search in a blob: worker; their scripts still come only from this server.
_DOCS_POLICY = {**_PAGE_POLICY, "style-src": "'self' 'unsafe-inline'"}


def _policy_text(policy: dict[str, str]) -> str:
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


PAGE_CSP = _policy_text(_PAGE_POLICY)
DOCS_CSP = _policy_text(_DOCS_POLICY)

_COMMON_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"microphone=(self), camera=(), geolocation=(), payment=()"),
)


class SecurityHeaders:
    """Content-Security-Policy (a looser style-src on the documentation pages only), nosniff, no referrer, no
    framing, and the microphone for this origin only. A header a route set itself is kept."""

    def __init__(self, app: ASGIApp, docs_paths: Sequence[str]):
        self.app = app
        self.docs_paths = tuple(docs_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        on_docs = any(path == prefix or path.startswith(prefix + "/") for prefix in self.docs_paths)
        csp = (DOCS_CSP if on_docs else PAGE_CSP).encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in ((b"content-security-policy", csp), *_COMMON_HEADERS):
                    if name not in present:
                        headers.append((name, value))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


NOT_JSON_DETAIL = "The request body must be JSON: send it with Content-Type: application/json."
_BODY_METHODS = {"POST", "PUT", "PATCH"}


def _is_json(content_type: str) -> bool:
    parsed = MimeMessage()
    parsed["content-type"] = content_type
    main, sub = parsed.get_content_maintype(), parsed.get_content_subtype()
    return main == "application" and (sub == "json" or sub.endswith("+json"))


@dataclass(frozen=True)
class JsonRoute:
    path: str
    """The path template, as the metrics label routes."""
    pattern: re.Pattern[str]
    method: str


def json_body_routes(openapi: dict[str, Any]) -> list[JsonRoute]:
    """Every operation whose body is JSON (a model, not form fields or files), read from the app's own OpenAPI
    document."""
    found = []
    for path, operations in openapi.get("paths", {}).items():
        for method, operation in operations.items():
            content = (operation.get("requestBody") or {}).get("content", {})
            if "application/json" in content:
                found.append(JsonRoute(path, compile_path(path)[0], method.upper()))
    return found


class JsonBodyRequired:
    """415 with a plain reason when a route that reads JSON is sent a body of another content type (a form post
    from `curl -d`, say) or of none, instead of a 422 about the body's shape."""

    def __init__(self, app: ASGIApp, openapi: Callable[[], dict[str, Any]]):
        self.app = app
        self._openapi = openapi
        self._json_routes: list[JsonRoute] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in _BODY_METHODS:
            headers = dict(scope["headers"])
            content_type = headers.get(b"content-type")
            has_body = headers.get(b"content-length", b"0") not in (b"", b"0") or b"transfer-encoding" in headers
            not_json = not _is_json(content_type.decode("latin-1")) if content_type else has_body
            if not_json and (route := self._json_route(scope)):
                scope["route"] = route  # for the metrics' route label
                await JSONResponse({"detail": NOT_JSON_DETAIL}, status_code=415)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _json_route(self, scope: Scope) -> JsonRoute | None:
        if self._json_routes is None:
            self._json_routes = json_body_routes(self._openapi())
        path, method = scope["path"], scope["method"]
        return next((r for r in self._json_routes if r.method == method and r.pattern.match(path)), None)
