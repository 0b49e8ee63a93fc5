"""Who is calling, whether they may act for a customer, and how much work they may ask for.

Trust model: a `customer_id` in a request is honoured only from a trusted caller — one presenting a valid service
API key, or anyone when no key is configured and the server listens on loopback only (the local demo).
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import math
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from core.settings import Settings

ACT_FOR_CUSTOMER_DETAIL = "A valid X-API-Key is required to act for a customer."
INVALID_KEY_DETAIL = "Invalid API key."


class Unauthorized(Exception):
    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class InsecureBindError(RuntimeError):
    """Refusing to listen on a public address with no API key configured."""


class QueueFull(Exception):
    def __init__(self, retry_after_s: int):
        super().__init__(f"work queue full, retry after {retry_after_s}s")
        self.retry_after_s = retry_after_s


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def ensure_safe_bind(settings: Settings, host: str | None = None) -> None:
    """Raise InsecureBindError for a public bind address without API keys (unless explicitly allowed)."""
    host = host or settings.api_host
    if is_loopback_host(host) or settings.api_keys or settings.allow_public_without_keys:
        return
    raise InsecureBindError(
        f"refusing to listen on {host} without API keys: set API_KEYS (callers send X-API-Key), "
        "listen on 127.0.0.1, or set ALLOW_PUBLIC_WITHOUT_KEYS=true to accept anonymous callers"
    )


def is_local_mode(settings: Settings) -> bool:
    """The single-user demo: loopback only and no service keys, so every caller is the person at the machine."""
    return not settings.api_keys and is_loopback_host(settings.api_host)


@dataclass(frozen=True)
class Caller:
    client_key: str
    """Rate-limit identity: a digest of the API key when one was presented, else the client address."""
    trusted: bool
    """May act for a customer (send customer_id)."""

    def customer_for(self, requested: int | None, settings: Settings) -> int | None:
        """The customer this caller may act for: the requested one when trusted, None (anonymous) otherwise."""
        if requested is None or self.trusted:
            return requested
        if settings.api_keys:
            raise Unauthorized(ACT_FOR_CUSTOMER_DETAIL)
        return None


def resolve_caller(settings: Settings, api_key: str | None, client_host: str | None) -> Caller:
    """Identify the caller. A key that is presented must be valid when keys are configured."""
    if settings.api_keys and api_key:
        presented = api_key.encode()
        # Compare with every key, each in constant time, so timing reveals neither a key nor which one matched.
        matches = [secrets.compare_digest(presented, key.get_secret_value().encode()) for key in settings.api_keys]
        if not any(matches):
            raise Unauthorized(INVALID_KEY_DETAIL)
        return Caller(client_key="key:" + hashlib.sha256(presented).hexdigest()[:16], trusted=True)
    # The connection itself must come from this machine too: a server started by other means (say
    # `uvicorn --host 0.0.0.0`) with API_HOST left at loopback must not trust the whole network.
    local_caller = is_local_mode(settings) and client_host is not None and is_loopback_host(client_host)
    return Caller(client_key=f"ip:{client_host or 'unknown'}", trusted=local_caller)


class RateLimiter:
    """A token bucket per client: `per_minute` requests in a burst, refilled continuously."""

    _MAX_CLIENTS = 10_000

    def __init__(self, per_minute: int):
        self.capacity = float(per_minute)
        self.refill_per_s = per_minute / 60.0
        self._buckets: dict[str, tuple[float, float]] = {}

    def acquire(self, client_key: str) -> int | None:
        """Take one token. Returns None when allowed, else the seconds to wait (for Retry-After)."""
        now = time.monotonic()
        tokens, last = self._buckets.get(client_key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.refill_per_s)
        if tokens < 1:
            self._buckets[client_key] = (tokens, now)
            return max(1, math.ceil((1 - tokens) / self.refill_per_s))
        self._buckets[client_key] = (tokens - 1, now)
        if len(self._buckets) > self._MAX_CLIENTS:
            self._forget_idle(now)
        return None

    def _forget_idle(self, now: float) -> None:
        full_after_s = self.capacity / self.refill_per_s
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full_after_s}


class WorkQueue:
    """At most `concurrency` model jobs at once and `max_waiting` queued; beyond that, refuse at once."""

    def __init__(self, concurrency: int, max_waiting: int):
        self.concurrency = concurrency
        self.max_waiting = max_waiting
        self._slots = asyncio.Semaphore(concurrency)
        self._running = 0
        self._waiting = 0
        self._mean_job_s = 2.0

    @property
    def waiting(self) -> int:
        return self._waiting

    @property
    def running(self) -> int:
        return self._running

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self._running >= self.concurrency and self._waiting >= self.max_waiting:
            ahead = self._waiting + self._running
            raise QueueFull(max(1, math.ceil(ahead * self._mean_job_s / self.concurrency)))
        self._waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
        self._running += 1
        started = time.monotonic()
        try:
            yield
        finally:
            self._running -= 1
            self._slots.release()
            self._mean_job_s = 0.8 * self._mean_job_s + 0.2 * (time.monotonic() - started)
