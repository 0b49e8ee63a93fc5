"""Playback towards the caller: sentence clips sent in 20 ms frames at the pace they are heard, so the server always
knows what the caller has actually heard (the far end's buffer holds only `lead_s`), and can pause, rewind to the
heard position and resume, or stop."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Protocol

FRAME_S = 0.02


class AudioOut(Protocol):
    async def send_audio(self, pcm16: bytes, sample_rate: int) -> None: ...

    async def clear_audio(self) -> None: ...

    async def sentence_sent(self, seq: int) -> None:
        """Every frame of sentence `seq` has been sent (the phone path asks the carrier for a `mark`)."""
        ...


@dataclass
class Clip:
    seq: int
    text: str
    pcm16: bytes
    sample_rate: int
    sent: int = 0
    """Bytes sent to the far end."""
    heard_from: float | None = None
    """Monotonic time the far end started playing this clip (set with the first frame)."""
    heard_bytes: int = 0

    @property
    def duration_s(self) -> float:
        return len(self.pcm16) / 2 / self.sample_rate


@dataclass(frozen=True)
class Heard:
    seq: int
    text: str
    fraction: float
    """1.0: heard to the end; less: cut off this far in."""


class Player:
    def __init__(self, out: AudioOut, lead_s: float = 0.1):
        self._out = out
        self._lead_s = lead_s
        self._clips: asyncio.Queue[Clip] = asyncio.Queue()
        self._current: Clip | None = None
        self._playing = asyncio.Event()
        self._playing.set()
        self._play_until = 0.0
        """Monotonic time at which the far end will have played everything sent."""
        self._idle = asyncio.Event()
        self._idle.set()
        self._task: asyncio.Task[None] | None = None
        self.heard: list[Heard] = []
        self.first_frame_at: float | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="realtime-player")

    @property
    def busy(self) -> bool:
        """Something is playing or waiting to play (paused counts)."""
        return not self._idle.is_set()

    @property
    def paused(self) -> bool:
        return not self._playing.is_set()

    def pending_and_current(self) -> list[Clip]:
        current = [self._current] if self._current is not None else []
        return current + list(self._clips._queue)  # type: ignore[attr-defined]

    def enqueue(self, clip: Clip) -> None:
        self._idle.clear()
        self._clips.put_nowait(clip)

    async def wait_idle(self) -> None:
        await self._idle.wait()

    async def pause(self) -> None:
        """Stop the sound now (the far end's buffer is cleared); `resume` goes on from what was heard."""
        if self.paused:
            return
        self._playing.clear()
        await self._out.clear_audio()
        clip = self._current
        if clip is not None and clip.heard_from is not None:
            clip.heard_bytes = min(clip.sent, _bytes_for(time.monotonic() - clip.heard_from, clip.sample_rate))
            clip.sent = clip.heard_bytes
            clip.heard_from = None
        self._play_until = 0.0

    def resume(self) -> None:
        self._playing.set()

    async def stop(self) -> list[Heard]:
        """Stop for good: drop what is queued, and record how much of the clip in progress was heard."""
        if not self.paused and self.busy:
            await self.pause()
        clip = self._current
        if clip is not None:
            if clip.heard_bytes:
                self.heard.append(Heard(clip.seq, clip.text, clip.heard_bytes / max(1, len(clip.pcm16))))
            self._current = None
        while not self._clips.empty():
            self._clips.get_nowait()
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        self._idle.set()
        return self.heard

    async def _run(self) -> None:
        while True:
            if self._clips.empty() and self._current is None:
                await self._wait_heard(self._play_until)
                if self._clips.empty():
                    self._idle.set()
            clip = self._current = await self._clips.get()
            while clip.sent < len(clip.pcm16):
                await self._playing.wait()
                now = time.monotonic()
                if self._play_until < now:
                    self._play_until = now
                if clip.heard_from is None:
                    clip.heard_from = self._play_until - clip.sent / 2 / clip.sample_rate
                frame_bytes = int(FRAME_S * clip.sample_rate) * 2
                chunk = clip.pcm16[clip.sent : clip.sent + frame_bytes]
                wait = self._play_until - self._lead_s - now
                if wait > 0:
                    await asyncio.sleep(wait)
                    if not self._playing.is_set():
                        continue
                if self.first_frame_at is None:
                    self.first_frame_at = time.monotonic()
                await self._out.send_audio(chunk, clip.sample_rate)
                clip.sent += len(chunk)
                self._play_until += len(chunk) / 2 / clip.sample_rate
            await self._out.sentence_sent(clip.seq)
            await self._wait_heard(self._play_until)
            if self.paused:
                # Paused during the last frames: the rewind above already set what remains to send.
                if clip.sent < len(clip.pcm16):
                    self._clips_put_front(clip)
                    continue
            self.heard.append(Heard(clip.seq, clip.text, 1.0))
            self._current = None

    def _clips_put_front(self, clip: Clip) -> None:
        rest = [clip]
        while not self._clips.empty():
            rest.append(self._clips.get_nowait())
        self._current = None
        for item in rest:
            self._clips.put_nowait(item)

    async def _wait_heard(self, until: float) -> None:
        """Sleep until the far end has played everything sent so far (or playback is paused)."""
        while (left := until - time.monotonic()) > 0 and self._playing.is_set():
            await asyncio.sleep(min(left, 0.05))


def _bytes_for(seconds: float, sample_rate: int) -> int:
    return max(0, int(seconds * sample_rate)) * 2
