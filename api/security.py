"""Who is calling, whether they may act for a customer, and how much work they may ask for.

Trust model: a `customer_id` in a request is honoured only from a trusted caller — one presenting a valid service
API key, or anyone when no key is configured and the server listens on loopback only (the local demo).
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import logging
import math
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from core.settings import Settings

log = logging.getLogger(__name__)

_REDIS_TIMEOUT_S = 2.0

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
    """`per_minute` requests per client in any sliding minute (the `limits` library's moving window).

    Counted in Redis when a URL is given, so every replica behind a proxy draws from one allowance per client;
    in this process's memory otherwise. When Redis cannot be reached the request is let through (and counted in
    `storage_failures`): an outage of the limiter must not become an outage of the service.
    """

    KEY_PREFIX = "apitap-ratelimit"

    def __init__(self, per_minute: int, redis_url: str | None = None, *, key_prefix: str = KEY_PREFIX):
        from limits import RateLimitItemPerMinute
        from limits.aio.strategies import MovingWindowRateLimiter
        from limits.storage import storage_from_string

        self.per_minute = per_minute
        self.shared = redis_url is not None
        self._item = RateLimitItemPerMinute(per_minute)
        if redis_url is None:
            storage = storage_from_string("async+memory://")
        else:
            storage = storage_from_string(
                "async+" + redis_url, implementation="redispy", key_prefix=key_prefix,
                socket_timeout=_REDIS_TIMEOUT_S, socket_connect_timeout=_REDIS_TIMEOUT_S,
            )
        self._storage = storage
        self._limiter = MovingWindowRateLimiter(storage)
        self.storage_failures = 0
        self.last_storage_error: str | None = None

    async def acquire(self, client_key: str) -> int | None:
        """Take one request from `client_key`'s allowance. Returns None when allowed, else the seconds to wait
        (for Retry-After)."""
        try:
            if await self._limiter.hit(self._item, client_key):
                self.last_storage_error = None
                return None
            stats = await self._limiter.get_window_stats(self._item, client_key)
        except Exception as exc:  # any storage failure: fail open, say so in /health and the counters
            self.storage_failures += 1
            self.last_storage_error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            log.warning("rate limit storage failed; request allowed", extra={"error": self.last_storage_error})
            return None
        return max(1, math.ceil(stats.reset_time - time.time()))

    def health(self) -> dict[str, str]:
        where = "redis (shared by every replica)" if self.shared else "memory (this process only)"
        if self.last_storage_error:
            return {"status": "degraded", "detail": f"{where}: the last check failed ({self.last_storage_error}); "
                    "requests are let through unlimited"}
        return {"status": "ok", "detail": f"{self.per_minute}/minute per caller, counted in {where}"}


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
