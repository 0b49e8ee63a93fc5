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


class ScriptedListener:
    """Hands the session one scripted step per fed frame: the events, and where the stream stands after them."""

    def __init__(self, steps: list[tuple[list, float, bool]]) -> None:
        self.steps = steps
        self.stream_s = 0.0
        self.in_turn = False
        self.speaking = False

    async def feed(self, pcm16: bytes) -> list:
        if not self.steps:
            return []
        events, self.stream_s, self.in_turn = self.steps.pop(0)
        self.speaking = self.in_turn
        return events

    async def aclose(self) -> None:
        pass


class ThreeSecondSentences(SilentSpeech):
    """Every sentence lasts 3 s; the caller's sound over it is heard as `words`."""

    def __init__(self, words: str) -> None:
        self.words = words

    def transcribe_samples(self, samples, language=None):
        from voice.interfaces import Transcription

        return Transcription(self.words, "en", 1.0)

    def tts_for(self, language: str):
        class Tts:
            name = "silence"

            def synthesize(self, text: str, language: str, voice: str | None = None) -> SynthesizedAudio:
                return SynthesizedAudio(pcm16=b"\x00\x00" * RATE * 3, sample_rate=RATE)

        return Tts()


class ClearCountingTransport(RecordingTransport):
    def __init__(self) -> None:
        super().__init__()
        self.clears = 0

    async def clear_audio(self) -> None:
        self.clears += 1


async def _talk_over_the_answer(words: str, speech_s: float) -> tuple[RealtimeSession, ClearCountingTransport, list]:
    """An answer is playing; the caller makes a sound of `speech_s` seconds heard as `words`, then goes quiet.
    Returns once the session has settled on that sound."""
    from voice.realtime.listener import SpeechStarted, TurnEnded

    transport = ClearCountingTransport()
    asked: list[str] = []

    async def respond(utterance: Utterance):
        asked.append(utterance.text)
        yield LONG_ANSWER if len(asked) == 1 else SHORT_ANSWER

    ended = TurnEnded(audio=b"\x00\x00" * int(RATE * speech_s), segments=1, speech_end_s=10.0 + speech_s,
                      reason="end_of_turn", speech_s=speech_s)
    listener = ScriptedListener([
        ([SpeechStarted(at_s=10.0, resumed=False)], 10.2, True),
        ([], 10.0 + speech_s, True),
        ([ended], 10.0 + speech_s + 0.2, False),
    ])
    session = RealtimeSession(transport, ThreeSecondSentences(words), respond,
                              SessionSettings(filler_after_s=30.0, barge_in_min_speech_s=0.4),
                              language="en", listener=listener)
    await session.start()
    await press(session, "1#")
    await until(lambda: transport.seen("sentence") == 1)
    await asyncio.sleep(0.3)
    await session.push_audio(b"\x00\x00" * 320)  # the VAD hears speech start
    assert session.player.paused and transport.clears == 1, "the sound stops as soon as speech is heard"
    assert transport.events[-1] == {"type": "interrupted", "final": False}
    await session.push_audio(b"\x00\x00" * 320)
    await session.push_audio(b"\x00\x00" * 320)  # the sound ends
    return session, transport, asked


@pytest.mark.parametrize(("words", "speech_s"), [("", 0.2), ("Okay.", 0.6), ("Mhm, right.", 0.6)],
                         ids=["cough", "ok", "two-backchannels"])
async def test_a_cough_or_an_ok_over_the_answer_pauses_it_and_it_goes_on_to_the_end(words, speech_s):
    session, transport, asked = await _talk_over_the_answer(words, speech_s)
    await until(lambda: transport.seen("resumed") == 1)
    assert not session.player.paused
    await until(lambda: transport.seen("answered") == 1 and not session.player.busy, 10.0)
    await session.close()
    assert len(asked) == 1, f"the sound was taken as a turn: {asked}"
    assert session.history[-1] == {"role": "assistant", "text": LONG_ANSWER}, "heard to the end, not interrupted"


async def test_real_words_over_the_answer_take_the_floor():
    session, transport, asked = await _talk_over_the_answer("Wait, where is my order?", 0.9)
    await until(lambda: len(asked) == 2 and transport.seen("answered") == 2)
    await session.close()
    assert transport.seen("resumed") == 0
    assert asked[1] == "Wait, where is my order?"
    cut = session.history[1]
    assert cut["role"] == "assistant" and cut.get("interrupted") is True


class ScriptedSpeech(SilentSpeech):
    """Hears each of `heard` in turn (None, and then the end of the list: nothing intelligible); every sentence lasts
    1 s."""

    def __init__(self, heard: list[str | None]) -> None:
        self.heard = list(heard)

    def transcribe_samples(self, samples, language=None):
        from voice.interfaces import AudioInputError, Transcription

        said = self.heard.pop(0) if self.heard else None
        if said is None:
            raise AudioInputError("silence", "nothing intelligible")
        return Transcription(said, "en", 1.0)


async def _speak_again_while_it_thinks(heard: list[str], again_after_s: float, answer_at_once: bool = False):
    """The caller says one thing (the end-of-turn model calls it finished), then speaks again `again_after_s` after
    that turn was taken, while the first answer is still being thought (or, `answer_at_once`, already playing)."""
    from voice.realtime.listener import SpeechStarted, TurnEnded

    transport = RecordingTransport()
    asked: list[str] = []
    cancelled: list[str] = []
    withdrawn: list[int] = []
    never = asyncio.Event()

    async def respond(utterance: Utterance):
        asked.append(utterance.text)
        if len(asked) == 1 and not answer_at_once:
            try:
                await never.wait()  # thinking, for longer than this test lasts
            except asyncio.CancelledError:
                cancelled.append(utterance.text)
                raise
        yield SHORT_ANSWER

    async def on_withdrawn() -> None:
        withdrawn.append(len(asked))

    def ended(at_s: float) -> TurnEnded:
        return TurnEnded(audio=b"\x00\x00" * RATE, segments=1, speech_end_s=at_s, reason="end_of_turn", speech_s=1.0)

    first_end = 11.0
    again = first_end + 0.2 + again_after_s
    listener = ScriptedListener([
        ([SpeechStarted(at_s=10.0, resumed=False)], 10.5, True),
        ([ended(first_end)], first_end + 0.2, False),
        ([SpeechStarted(at_s=again, resumed=False)], again + 0.5, True),
        ([ended(again + 1.0)], again + 1.2, False),
    ])
    session = RealtimeSession(transport, ScriptedSpeech(heard), respond,
                              SessionSettings(filler_after_s=30.0, continue_within_s=3.0),
                              language="en", listener=listener, on_withdrawn=on_withdrawn)
    await session.start()
    for _ in range(2):
        await session.push_audio(b"\x00\x00" * 320)
    await until(lambda: asked)
    if answer_at_once:
        await until(lambda: transport.seen("sentence") == 1)
    for _ in range(2):
        await session.push_audio(b"\x00\x00" * 320)
    return session, transport, asked, cancelled, withdrawn


async def test_speaking_on_before_the_answer_is_heard_makes_one_turn_of_both():
    session, transport, asked, cancelled, withdrawn = await _speak_again_while_it_thinks(
        ["I would like to know.", "how much shipping costs."], again_after_s=0.6)
    await until(lambda: len(asked) == 2 and transport.seen("answered") == 1 and session.state == "listening")
    await session.close()
    assert asked == ["I would like to know.", "I would like to know. how much shipping costs."]
    assert cancelled == ["I would like to know."], "the answer being prepared for the first part is dropped"
    assert withdrawn == [1], "the agent is told to forget the first part before the whole turn is asked"
    assert [e for e in transport.events if e["type"] == "withdrawn"] == [
        {"type": "withdrawn", "text": "I would like to know."}]
    assert [e["text"] for e in transport.events if e["type"] == "transcript"][-1] == asked[1]
    assert session.history == [{"role": "caller", "text": asked[1]}, {"role": "assistant", "text": SHORT_ANSWER}]


async def test_words_unreadable_alone_are_heard_again_with_the_words_before_the_pause():
    session, transport, asked, cancelled, withdrawn = await _speak_again_while_it_thinks(
        ["My order number is one zero zero.", None, "My order number is one zero zero two."], again_after_s=0.6)
    await until(lambda: len(asked) == 2 and transport.seen("answered") == 1 and session.state == "listening")
    await session.close()
    assert asked == ["My order number is one zero zero.", "My order number is one zero zero two."]
    assert withdrawn == [1]
    assert session.history[0] == {"role": "caller", "text": asked[1]}


async def test_speaking_again_long_after_the_turn_is_a_turn_of_its_own():
    session, transport, asked, cancelled, withdrawn = await _speak_again_while_it_thinks(
        ["Where is my order?", "Hello, are you there?"], again_after_s=5.0)
    await until(lambda: len(asked) == 2 and transport.seen("answered") == 1)
    await session.close()
    assert asked == ["Where is my order?", "Hello, are you there?"]
    assert withdrawn == [] and transport.seen("withdrawn") == 0


async def test_speaking_once_the_answer_plays_is_a_turn_of_its_own():
    session, transport, asked, cancelled, withdrawn = await _speak_again_while_it_thinks(
        ["Where is my order?", "And the other one?"], again_after_s=0.6, answer_at_once=True)
    await until(lambda: len(asked) == 2 and transport.seen("answered") == 2)
    await session.close()
    assert asked == ["Where is my order?", "And the other one?"]
    assert withdrawn == [] and transport.seen("withdrawn") == 0


@pytest.mark.parametrize("heard_again", [[], [None, "Where is my order?"]], ids=["nothing", "no-more-words"])
async def test_a_sound_without_words_while_it_thinks_leaves_the_answer_coming(heard_again):
    session, transport, asked, cancelled, withdrawn = await _speak_again_while_it_thinks(
        ["Where is my order?", *heard_again], again_after_s=0.6)
    await until(lambda: session.state == "thinking")
    await asyncio.sleep(0.2)
    assert asked == ["Where is my order?"] and cancelled == [] and withdrawn == []
    assert session.state == "thinking", "the answer is still on its way"
    await session.close()


class AudioCountingTransport(RecordingTransport):
    def __init__(self) -> None:
        super().__init__()
        self.audio_bytes = 0

    async def send_audio(self, pcm16: bytes, sample_rate: int) -> None:
        self.audio_bytes += len(pcm16)


@pytest.mark.parametrize("then_heard", [None, "how much shipping costs."],
                         ids=["a-cough", "more-words"])
async def test_an_answer_ready_while_the_caller_speaks_waits_for_them(then_heard):
    """Measured on the phone path: an answer whose first sentence was ready as the caller spoke again was played over
    them. It waits, paused; a cough lets it go on, more words make one turn of both."""
    from voice.realtime.listener import SpeechStarted, TurnEnded

    transport = AudioCountingTransport()
    asked: list[str] = []
    ready = asyncio.Event()

    async def respond(utterance: Utterance):
        asked.append(utterance.text)
        if len(asked) == 1:
            await ready.wait()
        yield SHORT_ANSWER

    def ended(at_s: float, speech_s: float) -> TurnEnded:
        return TurnEnded(audio=b"\x00\x00" * int(RATE * speech_s), segments=1, speech_end_s=at_s,
                         reason="end_of_turn", speech_s=speech_s)

    listener = ScriptedListener([
        ([SpeechStarted(at_s=10.0, resumed=False)], 10.5, True),
        ([ended(11.0, 1.0)], 11.2, False),
        ([SpeechStarted(at_s=11.8, resumed=False)], 12.0, True),
        ([], 12.6 if then_heard else 12.1, True),
        ([ended(12.8 if then_heard else 12.2, 1.0 if then_heard else 0.2)], 13.0, False),
    ])
    heard = ["I would like to know."] + ([then_heard] if then_heard else [])
    session = RealtimeSession(transport, ScriptedSpeech(heard), respond,
                              SessionSettings(filler_after_s=30.0, continue_within_s=3.0, barge_in_min_speech_s=0.4),
                              language="en", listener=listener)
    await session.start()
    for _ in range(3):
        await session.push_audio(b"\x00\x00" * 320)
    ready.set()  # the first answer is ready while the caller speaks again
    await until(lambda: transport.seen("sentence") == 1)
    await asyncio.sleep(0.3)
    assert session.player.paused and transport.audio_bytes == 0, "not a sound while the caller speaks"
    for _ in range(2):
        await session.push_audio(b"\x00\x00" * 320)
    await until(lambda: session.state == "listening" and transport.seen("answered") >= 1 and len(asked) >= 1, 10.0)
    await until(lambda: not session.player.busy, 10.0)
    await session.close()
    if then_heard is None:
        assert asked == ["I would like to know."]
        assert transport.audio_bytes > 0 and session.history[-1] == {"role": "assistant", "text": SHORT_ANSWER}
    else:
        assert asked == ["I would like to know.", f"I would like to know. {then_heard}"]
        assert transport.seen("withdrawn") == 1
        assert session.history == [{"role": "caller", "text": asked[1]}, {"role": "assistant", "text": SHORT_ANSWER}]
