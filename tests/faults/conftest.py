"""Fixtures for the fault tests: a private copy of the demo database that a test may take away and give back, a
scripted OpenAI-compatible server that can be slow or absent, and the real app around them."""

from __future__ import annotations

import asyncio
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.app import create_app
from core.settings import Settings
from tests.api.conftest import LOOPBACK_CLIENT
from tools.db.engine import dispose_engines, make_engine, sqlite_schema_files


@dataclass
class RemovableDatabase:
    """A copy of the demo SQLite files that can be moved away (the database is gone) and back (it returns)."""

    url: str
    files: dict[str, Path]

    def take_away(self) -> None:
        for path in self.files.values():
            path.rename(path.with_name(path.name + ".gone"))
        # Pooled connections keep the old file handles open; a real outage has no such luck.
        dispose_engines(self.url)

    def give_back(self) -> None:
        for path in self.files.values():
            path.with_name(path.name + ".gone").rename(path)


@pytest.fixture
def removable_db(demo_sqlite_url: str, tmp_path: Path) -> RemovableDatabase:
    target = tmp_path / "db" / "apitap.db"
    target.parent.mkdir()
    copies = {}
    for name, source in sqlite_schema_files(demo_sqlite_url).items():
        copies[name] = target if name == "main" else target.parent / source.name
        shutil.copy2(source, copies[name])
    return RemovableDatabase(url=f"sqlite:///{target}", files=copies)


@dataclass(frozen=True)
class CustomerOrder:
    customer_id: int
    order_id: int
    status: str


def first_customer_order(url: str) -> CustomerOrder:
    with make_engine(url, read_only=True).connect() as conn:
        row = conn.execute(text(
            "SELECT o.user_id, o.order_id, s.name FROM dbitems.tbl_order o "
            "JOIN dbitems.tbl_orderstatus s ON s.orderstatus_id = o.orderstatus_id ORDER BY o.order_id LIMIT 1"
        )).one()
    return CustomerOrder(customer_id=row[0], order_id=row[1], status=row[2])


class ScriptedOpenAIServer:
    """A stand-in for an OpenAI-compatible LLM server (test double): answers every chat completion with `reply`,
    optionally after `delay_s` — slower than the client's timeout to play a hung server."""

    model = "scripted-llm"

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.delay_s = 0.0
        self.app = FastAPI()
        self.app.get("/v1/models")(self.models)
        self.app.post("/v1/chat/completions")(self.complete)

    async def models(self) -> dict:
        return {"object": "list", "data": [{"id": self.model, "object": "model"}]}

    async def complete(self) -> dict:
        await asyncio.sleep(self.delay_s)
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex[:8]}", "object": "chat.completion", "created": int(time.time()),
            "model": self.model,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": self.reply}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }


@pytest.fixture
def fault_settings(tmp_path: Path) -> Callable[..., Settings]:
    def build(**overrides) -> Settings:
        return Settings(_env_file=None, **{"data_dir": tmp_path / "data", "checkpointer": "sqlite", **overrides})

    return build


@contextmanager
def open_app(settings: Settings, *, agent=None, voice=None) -> Iterator[TestClient]:  # noqa: ANN001
    with TestClient(create_app(settings, agent=agent, voice=voice), client=LOOPBACK_CLIENT) as client:
        yield client
