"""Two replicas share one rate limit through the local Redis (REDIS_URL); without it each process counts alone.

Two real apps (the scripted doubles stand in for the models, which the limit never reaches) each with their own
limiter and their own connection to the real Redis on this machine. Each test presents an API key of its own, so
its counter key in Redis is its own too."""

from __future__ import annotations

import hashlib
import os
import uuid
from contextlib import ExitStack

import pytest
import redis
from fastapi.testclient import TestClient

from api.app import create_app
from api.security import RateLimiter
from tests.api.conftest import LOOPBACK_CLIENT
from tests.api.doubles import ScriptedAgent, ScriptedVoice

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")
QUESTION = {"text": "What is the status of order 1?", "speak": False}


def open_replicas(stack: ExitStack, make_settings, count: int, **overrides) -> list[TestClient]:
    clients = []
    for _ in range(count):
        app = create_app(make_settings(**overrides), agent=ScriptedAgent(), voice=ScriptedVoice())
        clients.append(stack.enter_context(TestClient(app, client=LOOPBACK_CLIENT)))
    return clients


@pytest.fixture
def test_key():
    """An API key of this test's own; afterwards its counters are removed from Redis (others' are left alone)."""
    key = f"rate-test-{uuid.uuid4().hex}"
    yield key
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    store = redis.Redis.from_url(REDIS_URL)
    for name in store.scan_iter(f"{RateLimiter.KEY_PREFIX}*{digest}*"):
        store.delete(name)
    store.close()


@pytest.mark.services
def test_two_replicas_share_one_limit_through_redis(make_settings, test_key):
    headers = {"X-API-Key": test_key}
    with ExitStack() as stack:
        first, second = open_replicas(
            stack, make_settings, 2, api_keys=test_key, redis_url=REDIS_URL, rate_limit_per_minute=4
        )
        statuses = []
        for turn in range(6):
            replica = first if turn % 2 == 0 else second
            statuses.append(replica.post("/text-query", json=QUESTION, headers=headers).status_code)
        refused = second.post("/text-query", json=QUESTION, headers=headers)
        health = first.get("/health").json()
    assert statuses == [200, 200, 200, 200, 429, 429]
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Too many requests: try again in ")
    assert health["components"]["rate_limit"]["status"] == "ok"
    assert "redis" in health["components"]["rate_limit"]["detail"]


def test_without_redis_each_process_counts_on_its_own(make_settings, test_key):
    headers = {"X-API-Key": test_key}
    with ExitStack() as stack:
        first, second = open_replicas(stack, make_settings, 2, api_keys=test_key, rate_limit_per_minute=2)
        from_first = [first.post("/text-query", json=QUESTION, headers=headers).status_code for _ in range(3)]
        from_second = [second.post("/text-query", json=QUESTION, headers=headers).status_code for _ in range(3)]
    assert from_first == [200, 200, 429]
    assert from_second == [200, 200, 429]
