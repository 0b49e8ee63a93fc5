"""VoiceService: loads what it can, never crashes on a missing model, reports health, validates text."""

from __future__ import annotations

import pytest

from core.settings import Settings
from voice.interfaces import EngineUnavailable, TextInputError
from voice.service import VoiceService


def espeak_only(tmp_path, **overrides) -> Settings:
    return Settings().model_copy(
        update={"tts_engine_en": "espeak", "tts_engine_es": "espeak", "tts_voice_es": None, "model_cache_dir": tmp_path,
                **overrides}
    )


def test_a_missing_whisper_model_leaves_stt_down_with_the_reason(tmp_path) -> None:
    empty = tmp_path / "no-model-here"
    empty.mkdir()

    service = VoiceService.load(espeak_only(tmp_path, whisper_model=str(empty)))
    health = service.health()

    assert health["stt"]["status"] == "down"
    assert "no-model-here" in health["stt"]["detail"]
    assert health["tts"] == {"status": "ok", "detail": "en: espeak (en-us); es: espeak (es)"}
    with pytest.raises(EngineUnavailable, match="speech-to-text is unavailable"):
        service.transcribe(b"RIFF....")


def test_a_fallback_shows_as_degraded(tmp_path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    settings = espeak_only(tmp_path, whisper_model=str(empty), tts_engine_es="coqui")

    health = VoiceService.load(settings, warm_up=False).health()["tts"]

    assert health["status"] == "degraded"
    assert "es: espeak (es), fallback because coqui unavailable" in health["detail"]


def test_a_voice_the_engine_lacks_falls_back_to_its_default_voice(tmp_path) -> None:
    settings = espeak_only(tmp_path, whisper_model=str(tmp_path), tts_voice_es="jm_kumo")

    health = VoiceService.load(settings, warm_up=False).health()["tts"]

    assert health["status"] == "degraded"
    assert "Unknown espeak-ng voice 'jm_kumo'" in health["detail"]


def test_no_engine_at_all_is_down_and_synthesis_says_so(tmp_path) -> None:
    service = VoiceService(espeak_only(tmp_path), voice_problems={"en": "gone", "es": "gone"})

    assert service.health()["tts"]["status"] == "down"
    with pytest.raises(EngineUnavailable, match="text-to-speech for 'en' is unavailable: gone"):
        service.synthesize("Hello.", "en")


def test_text_is_validated_before_synthesis(tmp_path) -> None:
    service = VoiceService.load(espeak_only(tmp_path, whisper_model=str(tmp_path), max_text_chars=20),
                                warm_up=False)

    with pytest.raises(TextInputError) as empty:
        service.synthesize("  \n ", "en")
    with pytest.raises(TextInputError) as too_long:
        service.synthesize("This sentence is longer than twenty characters.", "en")

    assert (empty.value.kind, too_long.value.kind) == ("empty", "too_long")
    assert service.synthesize("Hello.", "en").duration_s > 0.2


@pytest.mark.models
def test_the_default_service_is_healthy(voice_service) -> None:
    health = voice_service.health()
    assert health["stt"] == {"status": "ok", "detail": "faster-whisper base"}
    assert health["tts"] == {"status": "ok", "detail": "en: piper (en_US-joe-medium); es: kokoro (jm_kumo)"}
