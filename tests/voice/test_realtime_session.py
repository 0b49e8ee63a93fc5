"""The hands-free session tells the agent what the caller heard of an answer they cut off, before the next turn is
asked for; an answer heard to the end is not reported, and a failing report never breaks the call. Unit level: the
keypad takes the turns, a recording transport stands in for the socket, and every sentence is 1 s of silence."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from voice.interfaces import SynthesizedAudio
from voice.realtime.session import RealtimeSession, SessionSettings, Utterance

RATE = 16_000
LONG_ANSWER = "One two three four five six seven eight nine ten."
SHORT_ANSWER = "Okay."


class RecordingTransport:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    async def send_event(self, event: dict[str, Any]) -> None:
        self.events.append(event)

    async def send_audio(self, pcm16: bytes, sample_rate: int) -> None:
        pass

    async def clear_audio(self) -> None:
        pass

    async def sentence_sent(self, seq: int) -> None:
        pass

    async def hang_up(self, reason: str) -> None:
        pass

    def seen(self, kind: str) -> int:
        return sum(event["type"] == kind for event in self.events)


class SecondOfSilence:
    name = "silence"

    def synthesize(self, text: str, language: str, voice: str | None = None) -> SynthesizedAudio:
        return SynthesizedAudio(pcm16=b"\x00\x00" * RATE, sample_rate=RATE)


class SilentSpeech:
    def transcribe_samples(self, samples, language=None):
        raise AssertionError("the keypad takes the turns here: nothing is transcribed")

    def tts_for(self, language: str) -> SecondOfSilence:
        return SecondOfSilence()


class DeafListener:
    """Never hears the caller speak (the keypad takes the turns), so no voice model is loaded."""

    in_turn = False
    speaking = False
    stream_s = 0.0

    async def feed(self, pcm16: bytes) -> list:
        return []

    async def aclose(self) -> None:
        pass


async def until(condition, timeout_s: float = 5.0) -> None:
    async with asyncio.timeout(timeout_s):
        while not condition():
            await asyncio.sleep(0.02)


async def press(session: RealtimeSession, keys: str) -> None:
    for key in keys:
        await session.push_digit(key)


@pytest.mark.parametrize("report_fails", [False, True], ids=["reported", "report-fails"])
async def test_cutting_an_answer_off_reports_what_was_heard_before_the_next_turn(report_fails, caplog):
    transport = RecordingTransport()
    answers = iter([LONG_ANSWER, SHORT_ANSWER])
    events: list[tuple[str, str]] = []

    async def respond(utterance: Utterance):
        events.append(("turn", utterance.text))
        yield next(answers)

    async def on_heard(heard: str) -> None:
        events.append(("heard", heard))
        if report_fails:
            raise RuntimeError("the conversation store is down")

    session = RealtimeSession(transport, SilentSpeech(), respond, SessionSettings(filler_after_s=30.0),
                              language="en", listener=DeafListener(), on_heard=on_heard)
    await session.start()
    await press(session, "1#")
    await until(lambda: transport.seen("sentence") == 1)
    await asyncio.sleep(0.5)  # about half of the one-second sentence is heard
    with caplog.at_level(logging.ERROR, logger="voice.realtime.session"):
        await press(session, "2#")
        await until(lambda: transport.seen("answered") == 2 and session.state == "listening")
    await session.close()

    cut = session.history[1]
    assert cut["role"] == "assistant" and cut.get("interrupted") is True
    assert cut["text"].endswith("…") and LONG_ANSWER.startswith(cut["text"].removesuffix("…"))
    assert 0 < len(cut["text"].split()) < len(LONG_ANSWER.split())
    turns = [text for kind, text in events if kind == "turn"]
    assert events == [("turn", turns[0]), ("heard", cut["text"]), ("turn", turns[1])], (
        "the heard part is reported once, before the next turn, and the answer heard to the end is not")
    assert session.history[-1] == {"role": "assistant", "text": SHORT_ANSWER}
    assert ("could not tell the agent what the caller heard" in caplog.text) is report_fails
