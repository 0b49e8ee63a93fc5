"""Fixtures for the voice tests. `voice_service` (session-scoped, real models) is there for any area that needs
spoken audio or transcription in its own integration tests."""

from __future__ import annotations

import io
from fractions import Fraction

import av
import numpy as np
import pytest

from core.settings import Settings
from voice.interfaces import SynthesizedAudio


def tone(seconds: float, rate: int = 16_000, frequency: float = 440.0, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * frequency * t)).astype(np.float32)


def encode(samples: np.ndarray, rate: int, container: str, codec: str, out_rate: int | None = None) -> bytes:
    """Encode mono float samples into a container with PyAV, the way a browser or phone would send them."""
    buffer = io.BytesIO()
    out_rate = out_rate or rate
    with av.open(buffer, mode="w", format=container) as output:
        stream = output.add_stream(codec, rate=out_rate, layout="mono")
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=out_rate)
        pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = rate
        frame.time_base = Fraction(1, rate)
        frame.pts = 0
        frame_size = stream.codec_context.frame_size or 1024
        fifo = av.AudioFifo()
        for converted in resampler.resample(frame):
            fifo.write(converted)
        for converted in resampler.resample(None):
            fifo.write(converted)
        while fifo.samples:
            for packet in stream.encode(fifo.read(frame_size, partial=True)):
                output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    return buffer.getvalue()


def speech_samples(audio: SynthesizedAudio) -> tuple[np.ndarray, int]:
    return np.frombuffer(audio.pcm16, dtype="<i2").astype(np.float32) / 32768.0, audio.sample_rate


@pytest.fixture(scope="session")
def voice_service():
    """A VoiceService loaded with the real default models (Whisper base, Piper, Kokoro), warmed up once."""
    from voice.service import VoiceService

    return VoiceService.load(Settings())
