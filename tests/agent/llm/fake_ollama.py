"""FakeOllamaServer: a stand-in for an Ollama server in unit tests (no Ollama binary is installable here).

It speaks the documented shapes of `/api/chat` (one JSON object, or NDJSON lines when `stream` is true) and
`/api/tags`, answers from a script of replies, and records every request so tests can check what was sent.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class ScriptedReply:
    content: str = ""
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    """Ollama's shape: [{"function": {"name": ..., "arguments": {...}}}]."""


class FakeOllamaServer:
    def __init__(self, models: tuple[str, ...] = ("qwen2.5:1.5b",)) -> None:
        self.models = models
        self.replies: list[ScriptedReply] = []
        self.requests: list[dict[str, Any]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeOllamaServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def do_GET(self) -> None:
                if self.path != "/api/tags":
                    self._json(404, {"error": "not found"})
                    return
                models = [{"name": name, "model": name, "size": 1, "digest": "0" * 64} for name in fake.models]
                self._json(200, {"models": models})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                if self.path != "/api/chat":
                    self._json(404, {"error": "not found"})
                    return
                if body.get("model") not in fake.models:
                    self._json(404, {"error": f"model '{body.get('model')}' not found"})
                    return
                reply = fake.replies.pop(0)
                if body.get("stream", True):
                    self._stream(body["model"], reply)
                else:
                    self._json(200, _final(body["model"], reply.content, reply.tool_calls))

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, model: str, reply: ScriptedReply) -> None:
                lines = [
                    {"model": model, "created_at": "2026-01-01T00:00:00Z",
                     "message": {"role": "assistant", "content": reply.content[i:i + 4]}, "done": False}
                    for i in range(0, len(reply.content), 4)
                ]
                if reply.tool_calls:
                    lines.append({"model": model, "created_at": "2026-01-01T00:00:00Z",
                                  "message": {"role": "assistant", "content": "", "tool_calls": reply.tool_calls},
                                  "done": False})
                lines.append(_final(model, "", []))
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.end_headers()
                for line in lines:
                    self.wfile.write(json.dumps(line).encode() + b"\n")
                    self.wfile.flush()

        return Handler


def _final(model: str, content: str, tool_calls: list[dict[str, Any]]) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_calls:
        message["tool_calls"] = tool_calls
    return {"model": model, "created_at": "2026-01-01T00:00:00Z", "message": message, "done": True,
            "done_reason": "stop", "total_duration": 1000, "load_duration": 10, "prompt_eval_count": 12,
            "prompt_eval_duration": 100, "eval_count": 5, "eval_duration": 100}
