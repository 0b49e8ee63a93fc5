"""Speak an answer while it is still being written: sentence by sentence, synthesis off the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from voice.interfaces import Language, SynthesizedAudio, TextToSpeech
from voice.sentences import SentenceSplitter

_END_OF_TEXT = None


async def speak_stream(
    tokens: AsyncIterator[str],
    language: Language,
    tts: TextToSpeech,
    voice: str | None = None,
) -> AsyncIterator[SynthesizedAudio]:
    """Yield one `SynthesizedAudio` per sentence, in order, each as soon as its sentence is complete.

    Tokens keep being read while a sentence is synthesised in a worker thread, so the first audio is ready
    before the answer is finished. Sentences are synthesised one at a time: engines share one espeak-ng and
    two CPU cores gain nothing from running two at once. An error in the token stream is raised after the
    audio of the sentences already complete.
    """
    sentences: asyncio.Queue[str | None] = asyncio.Queue()

    async def split() -> None:
        splitter = SentenceSplitter()
        try:
            async for token in tokens:
                for sentence in splitter.feed(token):
                    sentences.put_nowait(sentence)
            for sentence in splitter.flush():
                sentences.put_nowait(sentence)
        finally:
            sentences.put_nowait(_END_OF_TEXT)

    splitting = asyncio.create_task(split())
    try:
        while (sentence := await sentences.get()) is not _END_OF_TEXT:
            yield await asyncio.to_thread(tts.synthesize, sentence, language, voice)
        await splitting
    finally:
        if not splitting.done():
            splitting.cancel()
