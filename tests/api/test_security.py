"""Trust decisions, the rate limiter and the work queue on their own."""

from __future__ import annotations

import asyncio

import pytest

from api.security import (
    ACT_FOR_CUSTOMER_DETAIL,
    INVALID_KEY_DETAIL,
    InsecureBindError,
    QueueFull,
    RateLimiter,
    Unauthorized,
    WorkQueue,
    ensure_safe_bind,
    is_loopback_host,
    resolve_caller,
)
from core.settings import Settings


def settings(**overrides) -> Settings:
    return Settings(_env_file=None, **overrides)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("192.168.1.4", False), ("example.com", False), ("::", False),
])
def test_loopback_hosts(host, loopback):
    assert is_loopback_host(host) is loopback


def test_public_bind_needs_keys_or_an_explicit_opt_in():
    with pytest.raises(InsecureBindError, match="ALLOW_PUBLIC_WITHOUT_KEYS"):
        ensure_safe_bind(settings(api_host="0.0.0.0"))
    ensure_safe_bind(settings(api_host="0.0.0.0", api_keys="k"))
    ensure_safe_bind(settings(api_host="0.0.0.0", allow_public_without_keys=True))
    ensure_safe_bind(settings())
    with pytest.raises(InsecureBindError):
        ensure_safe_bind(settings(), host="0.0.0.0")


def test_local_mode_trusts_everyone_and_keys_trust_only_their_holders():
    local = resolve_caller(settings(), None, "127.0.0.1")
    assert local.trusted and local.customer_for(5, settings()) == 5
    # Listening on loopback by settings, but this connection came from elsewhere: not the person at the machine.
    remote = resolve_caller(settings(), None, "192.168.1.20")
    assert not remote.trusted and remote.customer_for(5, settings()) is None

    keyed = settings(api_keys="alpha, beta")
    anonymous = resolve_caller(keyed, None, "10.0.0.9")
    assert not anonymous.trusted and anonymous.customer_for(None, keyed) is None
    with pytest.raises(Unauthorized) as refused:
        anonymous.customer_for(5, keyed)
    assert refused.value.detail == ACT_FOR_CUSTOMER_DETAIL

    holder = resolve_caller(keyed, "beta", "10.0.0.9")
    assert holder.trusted and holder.customer_for(5, keyed) == 5
    assert holder.client_key.startswith("key:") and "beta" not in holder.client_key

    with pytest.raises(Unauthorized) as invalid:
        resolve_caller(keyed, "gamma", "10.0.0.9")
    assert invalid.value.detail == INVALID_KEY_DETAIL


def test_public_without_keys_ignores_customer_ids():
    public = settings(api_host="0.0.0.0", allow_public_without_keys=True)
    caller = resolve_caller(public, None, "203.0.113.5")
    assert not caller.trusted
    assert caller.customer_for(5, public) is None


async def test_rate_limiter_allows_per_minute_then_asks_to_wait():
    limiter = RateLimiter(per_minute=3)
    assert [await limiter.acquire("a") for _ in range(3)] == [None, None, None]
    assert 1 <= await limiter.acquire("a") <= 60
    assert await limiter.acquire("b") is None
    assert limiter.health()["status"] == "ok"


async def test_rate_limiter_lets_requests_through_when_redis_is_down():
    # Nothing listens on port 1: every storage call fails at once.
    limiter = RateLimiter(per_minute=1, redis_url="redis://127.0.0.1:1/0")
    assert [await limiter.acquire("a") for _ in range(3)] == [None, None, None]
    assert limiter.storage_failures == 3
    health = limiter.health()
    assert health["status"] == "degraded"
    assert "requests are let through unlimited" in health["detail"]


async def test_work_queue_runs_waits_then_refuses():
    queue = WorkQueue(concurrency=1, max_waiting=1)
    release = asyncio.Event()

    async def job() -> None:
        async with queue.slot():
            await release.wait()

    running = asyncio.create_task(job())
    await asyncio.sleep(0)
    waiting = asyncio.create_task(job())
    await asyncio.sleep(0)
    assert (queue.running, queue.waiting) == (1, 1)
    with pytest.raises(QueueFull) as full:
        async with queue.slot():
            pass
    assert full.value.retry_after_s >= 1
    release.set()
    await asyncio.gather(running, waiting)
    assert (queue.running, queue.waiting) == (0, 0)
