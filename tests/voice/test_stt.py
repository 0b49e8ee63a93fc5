"""Whisper through the voice service: every container, language detection, and unusable audio as typed errors."""

from __future__ import annotations

import numpy as np
import pytest

from tests.voice.conftest import encode, speech_samples, tone
from tests.voice.wer import edit_distance, normalize
from voice.audio import SAMPLE_RATE
from voice.interfaces import AudioInputError

pytestmark = pytest.mark.models

ENGLISH = "Please cancel my order. It was placed by mistake yesterday."
SPANISH = "Quiero cancelar mi pedido, por favor. Lo hice por error ayer."


def word_error_rate(reference: str, heard: str, language: str) -> float:
    words = normalize(reference, language)
    return edit_distance(words, normalize(heard, language)) / len(words)


@pytest.fixture(scope="module")
def english_speech(voice_service) -> tuple[np.ndarray, int]:
    return speech_samples(voice_service.synthesize(ENGLISH, "en"))


@pytest.mark.parametrize(
    ("container", "codec", "rate"),
    [("wav", "pcm_s16le", None), ("webm", "libopus", 48_000), ("ogg", "libopus", 48_000),
     ("mp3", "libmp3lame", 44_100), ("ipod", "aac", 44_100)],
)
def test_browser_and_phone_formats_are_transcribed(voice_service, english_speech, container, codec, rate) -> None:
    samples, sample_rate = english_speech
    data = encode(samples, sample_rate, container, codec, out_rate=rate)

    heard = voice_service.transcribe(data)

    assert heard.language == "en"
    assert word_error_rate(ENGLISH, heard.text, "en") <= 0.15


def test_spanish_is_detected_and_can_be_forced(voice_service) -> None:
    wav = voice_service.synthesize(SPANISH, "es").to_wav()

    detected = voice_service.transcribe(wav)
    forced = voice_service.transcribe(wav, "es")

    assert detected.language == "es" and forced.language == "es"
    assert word_error_rate(SPANISH, detected.text, "es") <= 0.2
    assert detected.text == forced.text


def test_a_forced_language_is_kept(voice_service, english_speech) -> None:
    samples, rate = english_speech
    assert voice_service.transcribe(encode(samples, rate, "wav", "pcm_s16le"), "es").language == "es"


def test_one_second_of_silence_is_refused(voice_service) -> None:
    with pytest.raises(AudioInputError) as error:
        voice_service.transcribe(encode(np.zeros(SAMPLE_RATE, np.float32), SAMPLE_RATE, "wav", "pcm_s16le"))
    assert error.value.kind == "silence"


def test_background_hiss_without_speech_is_silence(voice_service) -> None:
    hiss = np.random.default_rng(3).normal(0, 0.01, 2 * SAMPLE_RATE).astype(np.float32)
    with pytest.raises(AudioInputError) as error:
        voice_service.transcribe(encode(hiss, SAMPLE_RATE, "wav", "pcm_s16le"))
    assert error.value.kind == "silence"


def test_a_pure_tone_is_not_speech(voice_service) -> None:
    with pytest.raises(AudioInputError) as error:
        voice_service.transcribe(encode(tone(2.0), SAMPLE_RATE, "wav", "pcm_s16le"))
    assert error.value.kind == "silence"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (np.random.default_rng(11).bytes(48_000), "undecodable"),
        (b"order_id,status\n1,shipped\n" * 40, "undecodable"),
    ],
)
def test_unusable_uploads_are_typed_errors(voice_service, data: bytes, kind: str) -> None:
    with pytest.raises(AudioInputError) as error:
        voice_service.transcribe(data)
    assert error.value.kind == kind
    assert error.value.message


def test_limits_come_from_the_settings(voice_service) -> None:
    from voice.stt.whisper import WhisperSTT

    settings = voice_service.settings.model_copy(update={"max_audio_seconds": 1.0, "max_upload_mb": 0.05})
    limited = WhisperSTT.load(settings, warm_up=False)
    too_long = encode(tone(1.5), SAMPLE_RATE, "wav", "pcm_s16le")  # 48 KB
    too_large = encode(tone(1.0, rate=48_000), 48_000, "wav", "pcm_s16le")  # 96 KB

    with pytest.raises(AudioInputError) as long_error:
        limited.transcribe(too_long)
    with pytest.raises(AudioInputError) as large_error:
        limited.transcribe(too_large)

    assert long_error.value.kind == "too_long"
    assert large_error.value.kind == "too_large"
