"""Text-to-speech engines, the choice per language and the espeak-ng fallback."""

from __future__ import annotations

import numpy as np
import pytest

from core.settings import Settings
from voice.interfaces import EngineUnavailable, TextInputError
from voice.tts import load_engine, load_for_language


def settings(**overrides) -> Settings:
    return Settings().model_copy(update=overrides)


def loudness(pcm16: bytes) -> float:
    return float(np.abs(np.frombuffer(pcm16, dtype="<i2")).mean())


@pytest.mark.parametrize("language", ["en", "es"])
def test_espeak_speaks_both_languages(language) -> None:
    tts = load_engine("espeak", language, None, settings())
    audio = tts.synthesize("Su pedido 48213 cuesta $49.99.", language)
    assert audio.sample_rate == 22_050
    assert audio.duration_s > 1.0 and loudness(audio.pcm16) > 100


def test_espeak_text_is_never_read_as_an_option() -> None:
    tts = load_engine("espeak", "en", None, settings())
    assert tts.synthesize("--help", "en").duration_s > 0.2


def test_an_unknown_espeak_voice_is_a_typed_error() -> None:
    tts = load_engine("espeak", "en", None, settings())
    with pytest.raises(TextInputError) as error:
        tts.synthesize("Hello.", "en", voice="zz-nope")
    assert error.value.kind == "unknown_voice"


def test_an_unknown_engine_is_unavailable() -> None:
    with pytest.raises(EngineUnavailable, match="unknown TTS engine 'festival'"):
        load_engine("festival", "en", None, settings())


def test_coqui_without_its_install_is_unavailable_with_a_reason() -> None:
    with pytest.raises(EngineUnavailable, match="Coqui"):
        load_engine("coqui", "es", None, settings())


def test_piper_has_no_bundled_spanish_voice() -> None:
    with pytest.raises(EngineUnavailable, match="TTS_VOICE_ES"):
        load_engine("piper", "es", None, settings())


def test_a_failing_engine_falls_back_to_espeak_and_says_why() -> None:
    loaded = load_for_language(settings(tts_engine_es="coqui"), "es")

    assert loaded.tts.name == "espeak"
    assert loaded.fallback_reason and loaded.fallback_reason.startswith("coqui unavailable")


def test_a_missing_piper_voice_file_falls_back(tmp_path) -> None:
    loaded = load_for_language(settings(tts_voice_en=str(tmp_path / "missing.onnx")), "en")
    assert loaded.tts.name == "espeak"
    assert "missing.onnx" in loaded.fallback_reason


@pytest.mark.models
def test_piper_speaks_english() -> None:
    tts = load_engine("piper", "en", None, settings())
    audio = tts.synthesize("Your order has shipped.", "en")
    assert audio.sample_rate == 22_050 and audio.duration_s > 0.8 and loudness(audio.pcm16) > 100


@pytest.mark.models
def test_kokoro_speaks_spanish_with_any_usable_voice(tmp_path) -> None:
    tts = load_engine("kokoro", "es", None, settings(model_cache_dir=tmp_path))
    for voice in ("jm_kumo", "jf_nezumi"):
        audio = tts.synthesize("Su pedido ha salido.", "es", voice=voice)
        assert audio.sample_rate == 24_000 and audio.duration_s > 0.8 and loudness(audio.pcm16) > 100
    with pytest.raises(TextInputError):
        tts.synthesize("Hola.", "es", voice="af_heart")


def test_a_language_added_as_a_catalogue_speaks_through_espeak(tmp_path) -> None:
    from core.i18n import add_catalogue_dir, remove_catalogue_dir
    from voice.service import VoiceService

    (tmp_path / "pt.yaml").write_text('spoken:\n  warm_up: "Olá, em que posso ajudar?"\n', encoding="utf-8")
    add_catalogue_dir(tmp_path)
    try:
        loaded = load_for_language(settings(), "pt")
        audio = loaded.tts.synthesize("O seu pedido foi enviado.", "pt")
        health = VoiceService(settings(), voices={"pt": loaded})._tts_health()
    finally:
        remove_catalogue_dir(tmp_path)
    assert (loaded.tts.name, loaded.tts.voice_name, loaded.fallback_reason) == ("espeak", "pt", None)
    assert audio.duration_s > 1.0 and loudness(audio.pcm16) > 100
    assert "pt: espeak (pt)" in health["detail"]
