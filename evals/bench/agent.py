"""`apitap bench agent`: text-turn latency per stage with the configured LLM over the configured database."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from time import perf_counter
from typing import Any

from rich.progress import Progress
from sqlalchemy import text

from agent.contract import TurnRequest
from agent.service import AgentService
from evals.bench.stats import p50_p95

GREETINGS = ["Hello!", "Hola, buenos días.", "Thanks, that's all.", "Muchas gracias.", "Good morning."]


def _tool_questions(agent: AgentService) -> list[tuple[str, int | None]]:
    with agent.db.connect() as conn:
        customer, order = conn.execute(
            text("SELECT user_id, MAX(order_id) FROM dbitems.tbl_order GROUP BY user_id ORDER BY user_id LIMIT 1")
        ).one()
        product = conn.execute(text("SELECT name FROM dbitems.tbl_product WHERE is_active = 1 LIMIT 1")).scalar_one()
    return [
        (f"What is the status of order {order}?", customer),
        (f"¿Cuál es el estado de mi pedido {order}?", customer),
        (f"How much is the {product}?", None),
        ("What is your return policy?", None),
        ("¿Cuáles son mis últimos pedidos?", customer),
        (f"Where is my order {order}? Can you track it?", customer),
    ]


async def _measure(repeat: int, progress: bool) -> dict[str, Any]:
    load_started = perf_counter()
    agent = AgentService.from_settings()
    questions = _tool_questions(agent)
    # The first turn pays model load and a cold KV cache; it is reported apart, not mixed into the percentiles.
    warmup = await agent.run_turn(TurnRequest(text="Hello", session_id=uuid.uuid4().hex))
    load_ms = round((perf_counter() - load_started) * 1000, 1)

    tool_turns: list[float] = []
    greetings: list[float] = []
    stages: dict[str, list[float]] = defaultdict(list)
    jobs = [(q, c, True) for q, c in questions] + [(g, None, False) for g in GREETINGS]
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("agent turns", total=len(jobs) * repeat)
        for _ in range(repeat):
            for said, customer, expects_tool in jobs:
                result = await agent.run_turn(
                    TurnRequest(text=said, customer_id=customer, session_id=uuid.uuid4().hex)
                )
                (tool_turns if expects_tool else greetings).append(result.timings_ms["total"])
                for stage, ms in result.timings_ms.items():
                    stages[stage].append(ms)
                bar.advance(task)
    await agent.aclose()
    return {
        "provider": agent.settings.llm_provider.value,
        "turns": len(tool_turns) + len(greetings),
        "load_and_first_turn_ms": load_ms,
        "first_turn_ms": warmup.timings_ms.get("total"),
        "tool_turn_ms": p50_p95(tool_turns),
        "greeting_ms": p50_p95(greetings),
        "stages": {stage: p50_p95(values) for stage, values in sorted(stages.items())},
    }


def run(repeat: int = 1, progress: bool = True) -> dict[str, Any]:
    return asyncio.run(_measure(repeat, progress))
