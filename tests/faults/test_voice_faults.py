"""Speech and audio-cache faults: a text-to-speech engine that fails, a missing speech-to-text model, and an audio
cache that cannot be written. The text answer always survives; the reason is given in plain words."""

from __future__ import annotations

import pytest

from tests.api.doubles import ScriptedAgent, ScriptedVoice, SilentTTS
from tests.faults.conftest import open_app
from tests.security.audio_samples import CONTAINERS, tone
from voice.interfaces import SynthesizedAudio


class FailingTTS:
    """A text-to-speech engine that breaks at run time the way an ONNX runtime does (test double)."""

    name = "failing"

    def synthesize(self, text: str, language: str, voice: str | None = None) -> SynthesizedAudio:
        raise RuntimeError("onnxruntime: failed to allocate memory for the output tensor")


class VoiceWithFailingTTS(ScriptedVoice):
    def __init__(self) -> None:
        super().__init__()
        self.tts = FailingTTS()


def test_a_failing_tts_engine_costs_the_audio_not_the_answer(fault_settings) -> None:
    voice = VoiceWithFailingTTS()
    with open_app(fault_settings(), agent=ScriptedAgent(), voice=voice) as client:
        # The answer comes first; the audio's URL then says why there is none.
        early = client.post("/text-query", json={"text": "¿Dónde está mi pedido 1?", "language": "es"})
        assert early.status_code == 200 and early.json()["response"] and early.json()["audio_url"]
        audio = client.get(early.json()["audio_url"])
        assert audio.status_code == 503
        assert audio.json() == {"detail": "The spoken answer could not be made: Speech synthesis failed."}
        failing = client.post("/text-query", json={"text": "¿Dónde está mi pedido 1?", "language": "es",
                                                   "wait_for_audio": True})
        assert failing.status_code == 200
        assert failing.json()["response"] and failing.json()["audio_url"] is None
        assert failing.json()["audio_error"] == "Speech synthesis failed."
        health = client.get("/health").json()
        assert health["components"]["tts"]["status"] == "degraded"
        assert "last synthesis failed (RuntimeError)" in health["components"]["tts"]["detail"]
        assert "memory" not in health["components"]["tts"]["detail"], "the engine's own words stay in the log"

        voice.tts = SilentTTS()
        recovered = client.post("/text-query", json={"text": "¿Dónde está mi pedido 1?", "language": "es"})
        assert recovered.json()["audio_url"] and client.get(recovered.json()["audio_url"]).status_code == 200
        assert client.get("/health").json()["components"]["tts"]["status"] == "ok"


def test_a_failing_tts_engine_gives_a_clear_503_on_synthesize(fault_settings) -> None:
    with open_app(fault_settings(), agent=ScriptedAgent(), voice=VoiceWithFailingTTS()) as client:
        reply = client.post("/synthesize", json={"text": "Hola", "language": "es"})
    assert reply.status_code == 503 and reply.json()["detail"].startswith("Speech synthesis")


def test_an_unwritable_audio_cache_costs_the_audio_not_the_answer_and_recovers(fault_settings) -> None:
    settings = fault_settings()
    settings.audio_cache_dir.parent.mkdir(parents=True, exist_ok=True)
    # A file where the cache directory should be: every write fails with an OSError, like a full disk.
    settings.audio_cache_dir.write_bytes(b"not a directory")
    with open_app(settings, agent=ScriptedAgent(), voice=ScriptedVoice()) as client:
        blocked = client.post("/text-query", json={"text": "Where is order 1?", "language": "en"})
        assert blocked.status_code == 200
        assert blocked.json()["response"] and blocked.json()["audio_url"] is None
        assert "could not store the answer audio" in blocked.json()["audio_error"]
        assert client.get("/health").status_code == 200

        settings.audio_cache_dir.unlink()
        recovered = client.post("/text-query", json={"text": "Where is order 1?", "language": "en"})
        assert recovered.json()["audio_error"] is None
        assert client.get(recovered.json()["audio_url"]).status_code == 200


@pytest.mark.models
def test_a_missing_stt_model_turns_off_speech_input_only(fault_settings, demo_sqlite_url, tmp_path) -> None:
    from voice.service import VoiceService

    empty_model_dir = tmp_path / "no-whisper-here"
    empty_model_dir.mkdir()
    settings = fault_settings(whisper_model=str(empty_model_dir), database_url=demo_sqlite_url)
    voice = VoiceService.load(settings, warm_up=False)
    wav = tone(CONTAINERS[0], seconds=1.0)
    with open_app(settings, agent=ScriptedAgent(), voice=voice) as client:
        spoken = client.post("/process-voice", files={"audio": ("q.wav", wav, "audio/wav")})
        assert spoken.status_code == 503
        assert spoken.json()["detail"].startswith("Speech recognition is not available")
        health = client.get("/health")
        assert health.status_code == 200 and health.json()["status"] == "degraded"
        assert health.json()["components"]["stt"]["status"] == "down"
        typed = client.post("/text-query", json={"text": "Hello", "language": "en"})
        assert typed.status_code == 200 and typed.json()["audio_url"]
