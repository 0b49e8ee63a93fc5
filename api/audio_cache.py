"""Generated answer audio on disk, addressed by an opaque id, with a time-to-live and a size cap.

Clients only ever see the id (32 hex characters); a path never comes from outside, so `../` cannot reach the disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import secrets
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

_AUDIO_ID = re.compile(r"[0-9a-f]{32}")
_SUFFIX = ".wav"
# Markers beside the audio, on the same (possibly shared) disk, so every replica sees that a clip is on its way.
_PENDING = ".pending"
_FAILED = ".failed"
_PENDING_STALE_S = 600


class InvalidAudioId(ValueError):
    """The id is not 32 lowercase hex characters."""


class AudioNotFound(LookupError):
    """No audio with this id (never generated, or expired)."""


class AudioPending(LookupError):
    """The audio of this id is still being synthesised."""


class AudioFailed(LookupError):
    """The audio of this id could not be made; `reason` is safe to show a caller."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class AudioStoreError(OSError):
    """The audio could not be kept (disk full, cap too small); `reason` is safe to show a caller."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def validate_audio_id(audio_id: str) -> str:
    if not _AUDIO_ID.fullmatch(audio_id):
        raise InvalidAudioId(audio_id)
    return audio_id


class AudioCache:
    def __init__(self, directory: Path, *, ttl_s: float, max_bytes: int):
        self.directory = directory
        self.ttl_s = ttl_s
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._bytes_on_disk: int | None = None

    def reserve(self) -> str:
        """A new id whose audio is on its way: until `store(wav, audio_id)` or `fail(audio_id, why)`, `path_for`
        raises AudioPending. Blocking (disk I/O)."""
        audio_id = secrets.token_hex(16)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            (self.directory / f".{audio_id}{_PENDING}").touch()
        except OSError as exc:
            raise AudioStoreError("the server could not store the answer audio (disk full or not writable)") from exc
        return audio_id

    def fail(self, audio_id: str, reason: str) -> None:
        """Record why the reserved audio will never come. Blocking (disk I/O)."""
        with contextlib.suppress(OSError):
            (self.directory / f".{audio_id}{_FAILED}").write_text(reason, encoding="utf-8")
        with contextlib.suppress(OSError):
            (self.directory / f".{audio_id}{_PENDING}").unlink(missing_ok=True)

    def store(self, wav: bytes, audio_id: str | None = None) -> str:
        """Keep `wav` (under a reserved id, or a new one) and return its id. Blocking (disk I/O): call from a
        worker thread."""
        if len(wav) > self.max_bytes:
            raise AudioStoreError("the answer audio is larger than the audio cache")
        audio_id = validate_audio_id(audio_id) if audio_id is not None else secrets.token_hex(16)
        final = self.directory / f"{audio_id}{_SUFFIX}"
        partial = self.directory / f".{audio_id}.part"
        with self._lock:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                if self._bytes_on_disk is None or self._bytes_on_disk + len(wav) > self.max_bytes:
                    self._sweep_locked(room_for=len(wav))
                partial.write_bytes(wav)
                os.replace(partial, final)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    partial.unlink(missing_ok=True)
                log.warning("audio cache write failed", extra={"error": str(exc)})
                raise AudioStoreError("the server could not store the answer audio (disk full or not writable)") \
                    from exc
            self._bytes_on_disk = (self._bytes_on_disk or 0) + len(wav)
        with contextlib.suppress(OSError):
            (self.directory / f".{audio_id}{_PENDING}").unlink(missing_ok=True)
        return audio_id

    def path_for(self, audio_id: str) -> Path:
        """The file of a stored, unexpired audio id. Raises InvalidAudioId or AudioNotFound."""
        path = self.directory / f"{validate_audio_id(audio_id)}{_SUFFIX}"
        try:
            age = time.time() - path.stat().st_mtime
        except FileNotFoundError:
            self._raise_unless_on_its_way(audio_id)
            if path.exists():  # stored between the two looks
                raise AudioPending(audio_id) from None
            raise AudioNotFound(audio_id) from None
        if age > self.ttl_s:
            raise AudioNotFound(audio_id)
        return path

    def _raise_unless_on_its_way(self, audio_id: str) -> None:
        try:
            reason = (self.directory / f".{audio_id}{_FAILED}").read_text(encoding="utf-8")
        except FileNotFoundError:
            pass
        else:
            raise AudioFailed(reason)
        pending = self.directory / f".{audio_id}{_PENDING}"
        try:
            started = pending.stat().st_mtime
        except FileNotFoundError:
            return
        if time.time() - started < _PENDING_STALE_S:
            raise AudioPending(audio_id)

    def sweep(self) -> int:
        """Delete expired files, then the oldest ones while over the cap. Returns how many were removed."""
        with self._lock:
            return self._sweep_locked(room_for=0)

    def _sweep_locked(self, room_for: int) -> int:
        now = time.time()
        entries: list[tuple[float, int, Path]] = []
        removed = 0
        if not self.directory.is_dir():
            self._bytes_on_disk = 0
            return 0
        for path in self.directory.iterdir():
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            # Leftover partial writes are only ever garbage once they are older than a write takes.
            stale_partial = path.name.endswith(".part") and now - stat.st_mtime > 60
            stale_marker = (path.suffix == _PENDING and now - stat.st_mtime > _PENDING_STALE_S) or (
                path.suffix == _FAILED and now - stat.st_mtime > self.ttl_s
            )
            if stale_partial or stale_marker or (path.suffix == _SUFFIX and now - stat.st_mtime > self.ttl_s):
                path.unlink(missing_ok=True)
                removed += 1
            elif path.suffix == _SUFFIX:
                entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total + room_for <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        self._bytes_on_disk = total
        return removed

    async def sweep_forever(self, interval_s: float) -> None:
        while True:
            await asyncio.sleep(interval_s)
            try:
                removed = await asyncio.to_thread(self.sweep)
            except OSError as exc:
                log.warning("audio cache sweep failed", extra={"error": str(exc)})
                continue
            if removed:
                log.info("audio cache swept", extra={"removed": removed})
