"""Test doubles for the unit-level API tests (the real models are in the `models`-marked tests)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from agent.contract import DoneEvent, TokenEvent, ToolCallEvent, ToolCallRecord, TurnRequest, TurnResult
from voice.interfaces import AudioInputError, SynthesizedAudio, Transcription

SCRIPTED_TOKENS = ("Order 1 ", "has shipped. ", "It should arrive on Monday.")
SCRIPTED_TRANSCRIPT = "What is the status of order 1?"
UNKNOWN_CUSTOMER_ID = 999_999
"""The one customer id the scripted agent does not know."""


class ScriptedAgent:
    """Answers every turn with the same tool call and three tokens, and records the requests it was given.

    With `gate` set it waits for the gate before answering (only in its first `held_turns` turns, when given): a
    deliberately slow agent for queue and interrupt tests.
    """

    def __init__(self, gate: asyncio.Event | None = None, held_turns: int | None = None):
        self.gate = gate
        self.held_turns = held_turns
        self.requests: list[TurnRequest] = []
        self.started = asyncio.Event()
        self.heard: list[tuple[str, str]] = []
        """(session_id, heard) for every answer a hands-free session reported as cut off."""
        self.withdrawn: list[str] = []
        """session_id for every caller turn a hands-free session withdrew (the caller went on speaking)."""

    async def stream_turn(self, request: TurnRequest) -> AsyncIterator[ToolCallEvent | TokenEvent | DoneEvent]:
        self.requests.append(request)
        self.started.set()
        if self.gate is not None and (self.held_turns is None or len(self.requests) <= self.held_turns):
            await self.gate.wait()
        yield ToolCallEvent(name="get_order_status", args={"order_id": 1})
        for token in SCRIPTED_TOKENS:
            yield TokenEvent(text=token)
        yield DoneEvent(result=TurnResult(
            session_id=request.session_id or "scripted-session", language=request.language or "en",
            text=request.text, intent="order_status", entities={"order_id": 1},
            tool_calls=[ToolCallRecord(name="get_order_status", args={"order_id": 1})],
            data=[{"tool": "get_order_status", "status": "shipped"}], response="".join(SCRIPTED_TOKENS),
        ))

    async def record_heard(self, session_id: str, heard: str) -> None:
        self.heard.append((session_id, heard))

    async def withdraw_turn(self, session_id: str) -> None:
        self.withdrawn.append(session_id)

    async def run_turn(self, request: TurnRequest) -> TurnResult:
        async for event in self.stream_turn(request):
            if isinstance(event, DoneEvent):
                return event.result
        raise AssertionError("the scripted turn always ends with DoneEvent")

    def health(self) -> dict[str, dict[str, str]]:
        return {"database": {"status": "ok", "detail": "scripted"}, "llm": {"status": "ok", "detail": "scripted"}}

    def customer_exists(self, customer_id: int) -> bool:
        return customer_id != UNKNOWN_CUSTOMER_ID


class SilentTTS:
    """Speaks every sentence as 0.1 s of silence."""

    name = "silent"

    def synthesize(self, text: str, language: str, voice: str | None = None) -> SynthesizedAudio:
        return SynthesizedAudio(pcm16=b"\x00\x00" * 1600, sample_rate=16_000)


class ScriptedVoice:
    """Hears SCRIPTED_TRANSCRIPT in any non-empty audio and speaks silence."""

    def __init__(self) -> None:
        self.tts = SilentTTS()
        self.heard: list[bytes] = []

    def transcribe(self, audio: bytes, language: str | None = None) -> Transcription:
        if not audio:
            raise AudioInputError("empty", "The audio is empty.")
        self.heard.append(audio)
        return Transcription(text=SCRIPTED_TRANSCRIPT, language="en", duration_s=1.5)

    def tts_for(self, language: str) -> SilentTTS:
        return self.tts

    def synthesize(self, text: str, language: str, voice: str | None = None) -> SynthesizedAudio:
        return self.tts.synthesize(text, language, voice)

    def health(self) -> dict[str, dict[str, str]]:
        return {"stt": {"status": "ok", "detail": "scripted"}, "tts": {"status": "ok", "detail": "scripted"}}
