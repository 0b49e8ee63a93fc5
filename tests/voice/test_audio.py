"""Decoding uploads: every common container, and every kind of unusable input, without a model."""

from __future__ import annotations

import numpy as np
import pytest

from tests.voice.conftest import encode, tone
from voice.audio import SAMPLE_RATE, decode_to_mono16k, float_to_pcm16, is_silent
from voice.interfaces import AudioInputError, SynthesizedAudio

MB = 1024 * 1024


def decode(data: bytes, max_seconds: float = 60.0, max_bytes: int = 10 * MB) -> np.ndarray:
    return decode_to_mono16k(data, max_bytes=max_bytes, max_seconds=max_seconds)


def dominant_frequency(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.fft.rfftfreq(samples.size, 1 / SAMPLE_RATE)[np.argmax(spectrum)])


@pytest.mark.parametrize(
    ("container", "codec", "rate"),
    [
        ("wav", "pcm_s16le", 44_100),
        ("webm", "libopus", 48_000),
        ("ogg", "libopus", 48_000),
        ("mp3", "libmp3lame", 44_100),
        ("ipod", "aac", 44_100),  # .m4a
    ],
)
def test_common_containers_decode_to_16k_mono(container: str, codec: str, rate: int) -> None:
    data = encode(tone(2.0, rate=rate), rate, container, codec)

    samples = decode(data)

    assert samples.dtype == np.float32
    assert samples.ndim == 1
    assert abs(samples.size / SAMPLE_RATE - 2.0) < 0.1
    assert abs(dominant_frequency(samples) - 440.0) < 5.0


def test_stereo_is_mixed_down_to_mono() -> None:
    import io

    import av

    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="wav") as output:
        stream = output.add_stream("pcm_s16le", rate=16_000, layout="stereo")
        left = (tone(1.0) * 32767).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(np.stack([left, left]).T.reshape(1, -1), format="s16", layout="stereo")
        frame.sample_rate = 16_000
        for packet in stream.encode(frame):
            output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)

    samples = decode(buffer.getvalue())

    assert samples.size == 16_000
    assert abs(dominant_frequency(samples) - 440.0) < 5.0


def test_empty_bytes_are_refused() -> None:
    with pytest.raises(AudioInputError) as error:
        decode(b"")
    assert error.value.kind == "empty"


def test_random_bytes_named_wav_are_undecodable() -> None:
    garbage = np.random.default_rng(7).bytes(64_000)
    with pytest.raises(AudioInputError) as error:
        decode(garbage)
    assert error.value.kind == "undecodable"


def test_a_text_file_is_undecodable() -> None:
    with pytest.raises(AudioInputError) as error:
        decode("Hola, quiero saber dónde está mi pedido.\n".encode() * 50)
    assert error.value.kind == "undecodable"


def test_a_wav_header_with_a_truncated_body_still_decodes_what_is_there() -> None:
    whole = encode(tone(1.0), SAMPLE_RATE, "wav", "pcm_s16le")
    samples = decode(whole[: len(whole) // 2])
    assert 0 < samples.size < SAMPLE_RATE


def test_audio_longer_than_the_limit_is_refused() -> None:
    data = encode(tone(3.0), SAMPLE_RATE, "wav", "pcm_s16le")
    with pytest.raises(AudioInputError) as error:
        decode(data, max_seconds=2.0)
    assert error.value.kind == "too_long"


def test_a_stream_hiding_its_length_is_stopped_by_the_decoded_length() -> None:
    data = encode(tone(3.0, rate=48_000), 48_000, "webm", "libopus")
    with pytest.raises(AudioInputError) as error:
        decode(data, max_seconds=1.0)
    assert error.value.kind == "too_long"


def test_uploads_larger_than_the_limit_are_refused_before_decoding() -> None:
    data = encode(tone(1.0), SAMPLE_RATE, "wav", "pcm_s16le")
    with pytest.raises(AudioInputError) as error:
        decode(data, max_bytes=len(data) - 1)
    assert error.value.kind == "too_large"


def test_silence_is_recognised_without_a_model() -> None:
    assert is_silent(decode(encode(np.zeros(SAMPLE_RATE, np.float32), SAMPLE_RATE, "wav", "pcm_s16le")))
    assert not is_silent(tone(0.5))


def test_pcm16_round_trip_through_wav() -> None:
    audio = SynthesizedAudio(pcm16=float_to_pcm16(tone(1.0, rate=22_050)), sample_rate=22_050)

    samples = decode(audio.to_wav())

    assert audio.duration_s == pytest.approx(1.0)
    assert abs(samples.size - SAMPLE_RATE) <= 16
    assert abs(dominant_frequency(samples) - 440.0) < 5.0
