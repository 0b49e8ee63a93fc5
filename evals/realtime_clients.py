"""Simulated callers for hands-free tests and benchmarks, over real WebSockets: a browser streaming 16 kHz PCM to
`/ws/realtime`, and carriers speaking the Twilio Media Streams protocol to `/twilio/stream` (after asking
`/twilio/voice` for its TwiML, as Twilio does) or Telnyx's media streaming to `/telnyx/stream` (after
`/telnyx/voice`'s TeXML). Both stream continuously in 20 ms frames at real-time pace —
silence when the caller says nothing — and time-stamp everything they receive."""

from __future__ import annotations

import asyncio
import base64
import html
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import websockets

from voice.realtime.pipecat_parts import create_stream_resampler, pcm_to_ulaw, ulaw_to_pcm

FRAME_S = 0.02
SAMPLE_RATE = 16_000
PHONE_RATE = 8_000


def ws_url(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(("wss" if parts.scheme == "https" else "ws", parts.netloc, path, "", ""))


@dataclass
class Microphone:
    """Sends one frame every 20 ms (absolute schedule, no drift): queued speech first, else silence."""

    frame_bytes: int
    silence: bytes
    pending: bytearray = field(default_factory=bytearray)
    started_at: float = 0.0
    sent_frames: int = 0
    _marks: list[tuple[int, asyncio.Future[float]]] = field(default_factory=list)

    def queue(self, audio: bytes) -> asyncio.Future[float]:
        """Queue `audio`; the future resolves to the wall time its first frame was sent."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._marks.append((len(self.pending), future))
        self.pending.extend(audio)
        return future

    @property
    def idle(self) -> bool:
        return not self.pending

    async def run(self, send) -> None:
        self.started_at = time.monotonic()
        while True:
            due = self.started_at + self.sent_frames * FRAME_S
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            if self.pending:
                frame = bytes(self.pending[: self.frame_bytes]).ljust(self.frame_bytes, self.silence[:1])
                del self.pending[: self.frame_bytes]
                sent_at = time.monotonic()
                still: list[tuple[int, asyncio.Future[float]]] = []
                for offset, future in self._marks:
                    if offset <= 0 and not future.done():
                        future.set_result(sent_at)
                    elif offset > 0:
                        still.append((offset - self.frame_bytes, future))
                self._marks = still
            else:
                frame = self.silence
            await send(frame)
            self.sent_frames += 1


class BrowserCaller:
    """A hands-free browser: `start`, then PCM frames; keeps every event and audio frame with its arrival time."""

    def __init__(self, url: str, language: str = "auto", customer_id: int | None = None):
        self.url = ws_url(url, "/ws/realtime")
        self.language = language
        self.customer_id = customer_id
        self.events: list[tuple[float, dict[str, Any]]] = []
        self.audio: list[tuple[float, int]] = []
        self.mic = Microphone(frame_bytes=int(FRAME_S * SAMPLE_RATE) * 2, silence=b"\x00" * int(FRAME_S * SAMPLE_RATE) * 2)
        self.closed: asyncio.Event | None = None
        self._tasks: list[asyncio.Task[Any]] = []

    async def __aenter__(self) -> BrowserCaller:
        self.closed = asyncio.Event()
        self.ws = await websockets.connect(self.url, max_size=None, open_timeout=60)
        await self.ws.send(json.dumps({"type": "start", "sample_rate": SAMPLE_RATE, "language": self.language,
                                       "customer_id": self.customer_id}))
        self._tasks = [asyncio.create_task(self._read()), asyncio.create_task(self.mic.run(self.ws.send))]
        await self.wait_event(lambda e: e["type"] == "ready", 60)
        return self

    async def __aexit__(self, *exc) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.ws.close()

    async def _read(self) -> None:
        try:
            async for message in self.ws:
                now = time.monotonic()
                if isinstance(message, bytes):
                    self.audio.append((now, len(message)))
                else:
                    self.events.append((now, json.loads(message)))
        except websockets.ConnectionClosed:
            pass
        finally:
            self.closed.set()  # type: ignore[union-attr]

    def say(self, pcm16: bytes) -> asyncio.Future[float]:
        return self.mic.queue(pcm16)

    async def wait_event(self, predicate, timeout: float, after: float = 0.0) -> tuple[float, dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for at, event in self.events:
                if at >= after and predicate(event):
                    return at, event
            if self.closed.is_set():  # type: ignore[union-attr]
                break
            await asyncio.sleep(0.01)
        raise TimeoutError(f"no matching event within {timeout:.0f} s; got {[e['type'] for _, e in self.events][-20:]}")

    def first_audio_after(self, after: float) -> float | None:
        return next((at for at, _ in self.audio if at >= after), None)


class PhoneCarrier:
    """Twilio's side of a call: POSTs the voice webhook, follows its `<Connect><Stream>`, streams μ-law 8 kHz,
    plays what it receives in real time (so `mark`s come back when their audio has played, and `clear` drops
    what is buffered, as Twilio does), and presses keypad keys."""

    def __init__(self, url: str, language: str = "auto"):
        self.url = url.rstrip("/")
        self.language = language
        self.call_sid = "CA" + uuid.uuid4().hex
        self.stream_sid = "MZ" + uuid.uuid4().hex
        self.audio: list[tuple[float, int]] = []
        self.cleared: list[float] = []
        self.marks_sent_back: list[str] = []
        self.marks_received: list[str] = []
        self.play_until = 0.0
        self.mic = Microphone(frame_bytes=int(FRAME_S * PHONE_RATE), silence=b"\xff" * int(FRAME_S * PHONE_RATE))
        self._pending_marks: list[tuple[float, str]] = []
        self._in_resampler = create_stream_resampler()
        self._out_resampler = create_stream_resampler()
        self.received_pcm = bytearray()
        self.closed: asyncio.Event | None = None
        self._tasks: list[asyncio.Task[Any]] = []
        self.twiml = ""

    async def __aenter__(self) -> PhoneCarrier:
        self.closed = asyncio.Event()
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as http:
            reply = await http.post(f"{self.webhook}?language={self.language}",
                                    data={"CallSid": self.call_sid, "From": "+15550100000", "To": "+15550199999"})
        reply.raise_for_status()
        self.twiml = reply.text
        stream = re.search(r'<Stream url="([^"]+)"', self.twiml)
        if stream is None:
            raise ConnectionRefusedError(f"the webhook did not connect a stream: {self.twiml}")
        self.ws = await websockets.connect(html.unescape(stream.group(1)), max_size=None, open_timeout=60)
        for message in self._opening():
            await self.ws.send(json.dumps(message))
        self._tasks = [asyncio.create_task(self._read()), asyncio.create_task(self.mic.run(self._send_media)),
                       asyncio.create_task(self._play_marks())]
        return self

    webhook = "/twilio/voice"

    def _opening(self) -> list[dict[str, Any]]:
        parameters = dict(re.findall(r'<Parameter name="([^"]+)" value="([^"]*)"/>', self.twiml))
        return [{"event": "connected", "protocol": "Call", "version": "1.0.0"}, {
            "event": "start", "sequenceNumber": "1", "streamSid": self.stream_sid,
            "start": {
                "streamSid": self.stream_sid, "accountSid": "AC" + "0" * 32, "callSid": self.call_sid,
                "tracks": ["inbound"], "customParameters": parameters,
                "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": PHONE_RATE, "channels": 1},
            },
        }]

    def _message(self, event: str, **fields: Any) -> dict[str, Any]:
        return {"event": event, "streamSid": self.stream_sid, **fields}

    async def __aexit__(self, *exc) -> None:
        try:
            await self.ws.send(json.dumps(self._message("stop")))
        except websockets.ConnectionClosed:
            pass
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.ws.close()

    async def _send_media(self, ulaw: bytes) -> None:
        media = {"track": "inbound", "payload": base64.b64encode(ulaw).decode()}
        await self.ws.send(json.dumps(self._message("media", media=media)))

    async def press(self, keys: str) -> None:
        for key in keys:
            await self.ws.send(json.dumps(self._message("dtmf", dtmf={"track": "inbound_track", "digit": key})))
            await asyncio.sleep(0.15)

    async def say(self, pcm16_16k: bytes) -> asyncio.Future[float]:
        ulaw = await pcm_to_ulaw(pcm16_16k, SAMPLE_RATE, PHONE_RATE, self._out_resampler)
        return self.mic.queue(ulaw)

    async def _read(self) -> None:
        try:
            async for message in self.ws:
                now = time.monotonic()
                data = json.loads(message)
                if data.get("event") == "media":
                    ulaw = base64.b64decode(data["media"]["payload"])
                    self.audio.append((now, len(ulaw)))
                    self.received_pcm.extend(await ulaw_to_pcm(ulaw, PHONE_RATE, SAMPLE_RATE, self._in_resampler))
                    self.play_until = max(self.play_until, now) + len(ulaw) / PHONE_RATE
                elif data.get("event") == "mark":
                    self.marks_received.append(data["mark"]["name"])
                    self._pending_marks.append((max(self.play_until, now), data["mark"]["name"]))
                elif data.get("event") == "clear":
                    self.cleared.append(now)
                    self.play_until = now
                    for _, name in self._pending_marks:
                        await self._send_mark(name)
                    self._pending_marks = []
        except websockets.ConnectionClosed:
            pass
        finally:
            self.closed.set()  # type: ignore[union-attr]

    async def _play_marks(self) -> None:
        while True:
            await asyncio.sleep(0.02)
            now = time.monotonic()
            due = [m for m in self._pending_marks if m[0] <= now]
            self._pending_marks = [m for m in self._pending_marks if m[0] > now]
            for _, name in due:
                await self._send_mark(name)

    async def _send_mark(self, name: str) -> None:
        self.marks_sent_back.append(name)
        await self.ws.send(json.dumps(self._message("mark", mark={"name": name})))

    def playing(self) -> bool:
        return time.monotonic() < self.play_until

    async def wait_quiet(self, quiet_s: float, timeout: float) -> None:
        """Until nothing has played for `quiet_s` (the assistant finished speaking)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            last = self.audio[-1][0] if self.audio else 0.0
            if not self.playing() and time.monotonic() - max(last, self.play_until) >= quiet_s:
                return
            if self.closed.is_set():  # type: ignore[union-attr]
                return
            await asyncio.sleep(0.05)
        raise TimeoutError(f"the assistant was still speaking after {timeout:.0f} s")

    def first_audio_after(self, after: float) -> float | None:
        return next((at for at, _ in self.audio if at >= after), None)

    async def wait_greeting(self, quiet_s: float, timeout: float) -> float:
        """Until the greeting has been heard: its first sound (returned, as a `time.monotonic()` instant), then
        `quiet_s` without sound. Quiet before anything played is no greeting heard: measured, a greeting synthesised
        slowly began just as the caller spoke, and was taken for an answer."""
        deadline = time.monotonic() + timeout
        while not self.audio:
            if time.monotonic() > deadline or self.closed.is_set():  # type: ignore[union-attr]
                raise TimeoutError("no greeting was heard")
            await asyncio.sleep(0.02)
        await self.wait_answered(quiet_s, max(1.0, deadline - time.monotonic()))
        return self.audio[0][0]

    async def wait_answered(self, quiet_s: float, timeout: float) -> None:
        """Until the assistant has finished an answer: quiet for `quiet_s`, and the last sentence played was not the
        filler (`sentence--1`, spoken while the answer is still being worked out)."""
        deadline = time.monotonic() + timeout
        while True:
            await self.wait_quiet(quiet_s, max(1.0, deadline - time.monotonic()))
            if not self.marks_received or self.marks_received[-1] != "sentence--1" or self.closed.is_set():
                return
            while not self.playing():
                if time.monotonic() > deadline:
                    raise TimeoutError("only the filler was heard")
                await asyncio.sleep(0.05)


class TelnyxCarrier(PhoneCarrier):
    """Telnyx's side of a call: the TeXML webhook, then its media streaming messages (snake_case, `stream_id`, the
    call-control id in `start`, PCMU 8 kHz; the stream token arrives in the URL, as the TeXML gave it)."""

    webhook = "/telnyx/voice"

    def __init__(self, url: str, language: str = "auto"):
        super().__init__(url, language)
        self.call_sid = "v3:" + uuid.uuid4().hex  # a TeXML CallSid

    def _opening(self) -> list[dict[str, Any]]:
        return [{"event": "connected", "version": "1.0.0"}, {
            "event": "start", "sequence_number": "1", "stream_id": self.stream_sid,
            "start": {
                "user_id": str(uuid.uuid4()), "call_control_id": "v3:" + uuid.uuid4().hex,
                "call_session_id": str(uuid.uuid4()), "from": "+15550100000", "to": "+15550199999",
                "client_state": None, "custom_parameters": {},
                "media_format": {"encoding": "PCMU", "sample_rate": PHONE_RATE, "channels": 1},
            },
        }]

    def _message(self, event: str, **fields: Any) -> dict[str, Any]:
        return {"event": event, "stream_id": self.stream_sid, **fields}
