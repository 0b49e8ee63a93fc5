"""speak_stream: audio for each sentence as soon as it is complete, synthesised off the event loop, in order."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator

import pytest

from voice.interfaces import Language, SynthesizedAudio
from voice.pipeline import speak_stream

HANG_GUARD_S = 10  # only stops a broken pipeline from hanging the suite; no speed is asserted


class RecordingTTS:
    """A fake engine for unit tests: returns the sentence's text as 'audio' and records where it ran."""

    name = "recording"

    def __init__(self) -> None:
        self.sentences: list[str] = []
        self.threads: set[int] = set()

    def synthesize(self, text: str, language: Language, voice: str | None = None) -> SynthesizedAudio:
        self.sentences.append(text)
        self.threads.add(threading.get_ident())
        return SynthesizedAudio(pcm16=text.encode(), sample_rate=16_000)


async def tokens_of(*parts: str) -> AsyncIterator[str]:
    for part in parts:
        await asyncio.sleep(0)
        yield part


async def collect(stream: AsyncIterator[SynthesizedAudio]) -> list[str]:
    return [audio.pcm16.decode() async for audio in stream]


async def test_every_sentence_is_spoken_in_order() -> None:
    tts = RecordingTTS()
    tokens = tokens_of("Your order ", "shipped. ", "It costs $49", ".99. ", "¿Algo ", "más?")

    spoken = await asyncio.wait_for(collect(speak_stream(tokens, "en", tts)), HANG_GUARD_S)

    assert spoken == ["Your order shipped.", "It costs $49.99.", "¿Algo más?"]


async def test_first_audio_arrives_before_the_answer_is_finished() -> None:
    first_audio_heard = asyncio.Event()

    async def answer_that_waits_for_the_listener() -> AsyncIterator[str]:
        yield "Your parcel is on its way. "
        yield "It"
        await first_audio_heard.wait()  # a pipeline that waits for the whole answer would never get past here
        yield " arrives on Friday."

    async def listen() -> list[str]:
        heard = []
        async for audio in speak_stream(answer_that_waits_for_the_listener(), "en", RecordingTTS()):
            heard.append(audio.pcm16.decode())
            first_audio_heard.set()
        return heard

    assert await asyncio.wait_for(listen(), HANG_GUARD_S) == ["Your parcel is on its way.", "It arrives on Friday."]


async def test_synthesis_runs_in_a_worker_thread() -> None:
    tts = RecordingTTS()
    await asyncio.wait_for(collect(speak_stream(tokens_of("One. Two."), "es", tts)), HANG_GUARD_S)
    assert tts.threads and threading.get_ident() not in tts.threads


async def test_a_failing_token_stream_raises_after_the_complete_sentences() -> None:
    async def broken() -> AsyncIterator[str]:
        yield "First sentence. "
        yield "Second"
        raise RuntimeError("model crashed")

    heard: list[str] = []
    with pytest.raises(RuntimeError, match="model crashed"):
        async for audio in speak_stream(broken(), "en", RecordingTTS()):
            heard.append(audio.pcm16.decode())
    assert heard[0] == "First sentence."


async def test_stopping_early_stops_reading_tokens() -> None:
    read: list[str] = []

    async def endless() -> AsyncIterator[str]:
        while True:
            read.append("x")
            await asyncio.sleep(0)
            yield "Again. "

    stream = speak_stream(endless(), "en", RecordingTTS())
    await asyncio.wait_for(anext(stream), HANG_GUARD_S)
    await stream.aclose()
    count = len(read)
    await asyncio.sleep(0.05)
    assert len(read) == count
