"""Where conversations are remembered between turns: SQLite by default (survives a restart), Postgres or Redis when
several API replicas share one conversation, memory for throwaway runs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from langgraph.checkpoint.base import BaseCheckpointSaver

from core.settings import CheckpointerKind, Settings


@asynccontextmanager
async def open_checkpointer(settings: Settings) -> AsyncIterator[BaseCheckpointSaver]:
    kind = settings.checkpointer
    if kind is CheckpointerKind.memory:
        from langgraph.checkpoint.memory import InMemorySaver

        yield InMemorySaver()
    elif kind is CheckpointerKind.sqlite:
        from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

        path = Path(settings.checkpoint_url) if settings.checkpoint_url else settings.data_dir / "checkpoints.sqlite"
        path.parent.mkdir(parents=True, exist_ok=True)
        async with AsyncSqliteSaver.from_conn_string(str(path)) as saver:
            yield saver
    elif kind is CheckpointerKind.postgres:
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

        async with AsyncPostgresSaver.from_conn_string(settings.checkpoint_url) as saver:
            await saver.setup()
            yield saver
    elif kind is CheckpointerKind.redis:
        from langgraph.checkpoint.redis.aio import AsyncRedisSaver

        async with AsyncRedisSaver.from_conn_string(settings.checkpoint_url) as saver:
            await saver.asetup()
            yield saver
    else:  # pragma: no cover - the enum is exhaustive
        raise ValueError(f"unknown checkpointer {kind}")
