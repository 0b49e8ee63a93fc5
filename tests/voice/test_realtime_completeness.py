"""The words-based end-of-turn judge, trained on the agent's real example requests (no model download, no audio):
cut-off requests sound unfinished, whole ones do not, in English and Spanish, and a session holds the first."""

from __future__ import annotations

import pytest

from agent.routing import requests_by_language
from tools import TOOLS
from voice.realtime.completeness import Completeness
from voice.realtime.session import RealtimeSession, SessionSettings

# Phrases the dev probe and `apitap bench realtime` speak with a pause inside; Smart Turn called several of them
# complete at the pause.
CUT_OFF = [("en", "My order number is"), ("en", "What is the status of"), ("en", "I was wondering if"),
           ("es", "Quería saber"), ("es", "¿Me puede decir"), ("es", "Mi número de pedido es el")]
WHOLE = [("en", "What is your return policy?"), ("en", "Which payment methods do you accept?"), ("en", "Yes."),
         ("en", "Thanks, bye."), ("es", "¿Qué métodos de pago aceptan?"), ("es", "Hola, buenos días."),
         ("es", "Quería saber cuánto cuesta el envío.")]


@pytest.fixture(scope="module")
def judge() -> Completeness:
    return Completeness(requests_by_language(TOOLS))


@pytest.mark.parametrize(("language", "text"), CUT_OFF)
def test_a_request_cut_off_mid_sentence_sounds_unfinished(judge, language, text):
    assert judge.unfinished(text, language) >= SessionSettings().unfinished_above


@pytest.mark.parametrize(("language", "text"), WHOLE)
def test_a_whole_request_does_not(judge, language, text):
    assert judge.unfinished(text, language) < SessionSettings().unfinished_above


def test_nothing_said_is_not_unfinished(judge):
    assert judge.unfinished("", "en") == 0.0


def test_a_corpus_without_sentences_is_refused():
    with pytest.raises(ValueError, match="two words"):
        Completeness({"en": ["hello"]})


def test_the_session_holds_words_the_judge_finds_unfinished(judge):
    from tests.voice.test_realtime_session import DeafListener, RecordingTransport, SilentSpeech

    async def reply(_):
        yield "unused"

    def session(completeness: Completeness | None) -> RealtimeSession:
        return RealtimeSession(RecordingTransport(), SilentSpeech(), reply, SessionSettings(),
                               listener=DeafListener(), completeness=completeness)

    # "saber" is no word that cannot end a sentence: only the judge holds it.
    assert session(judge)._sounds_unfinished("Quería saber", "es")
    assert not session(None)._sounds_unfinished("Quería saber", "es")
    assert not session(judge)._sounds_unfinished("Quería saber cuánto cuesta el envío.", "es")


async def test_held_words_followed_by_nothing_intelligible_are_answered(judge):
    """Held as unfinished, then a sound with no words: the held words are the turn (measured: never answered)."""
    from tests.voice.test_realtime_session import RecordingTransport, SecondOfSilence, until
    from voice.interfaces import AudioInputError, Transcription
    from voice.realtime.listener import SpeechStarted, TurnEnded

    class TwoTurnListener:
        """Hands the session two finished turns, one per fed frame."""

        in_turn = False
        speaking = False
        stream_s = 10.0

        def __init__(self) -> None:
            ended = TurnEnded(audio=b"\x00\x00" * 1600, segments=1, speech_end_s=9.9, reason="end_of_turn",
                              speech_s=1.0)
            # The caller makes a sound again (which stops the wait for more words), and it holds no words.
            self.turns = [[ended], [SpeechStarted(at_s=10.0, resumed=False), ended]]

        async def feed(self, pcm16: bytes) -> list:
            return self.turns.pop(0) if self.turns else []

        async def aclose(self) -> None:
            pass

    class WordsThenNothing:
        def __init__(self) -> None:
            self.heard = [Transcription("Quería saber", "es", 1.0)]

        def transcribe_samples(self, samples, language=None):
            if self.heard:
                return self.heard.pop(0)
            raise AudioInputError("silence", "nothing intelligible")

        def tts_for(self, language: str) -> SecondOfSilence:
            return SecondOfSilence()

    asked: list[str] = []

    async def reply(utterance):
        asked.append(utterance.text)
        yield "Claro."

    transport = RecordingTransport()
    settings = SessionSettings()
    session = RealtimeSession(transport, WordsThenNothing(), reply, settings, language="es",
                              listener=TwoTurnListener(), completeness=judge)
    await session.start()
    await session.push_audio(b"\x00\x00" * 320)
    assert session._held is not None and not asked, "held as unfinished"
    await session.push_audio(b"\x00\x00" * 320)
    await until(lambda: asked, 5.0)
    assert asked == ["Quería saber"]
    await session.close("done")
