"""Small, valid recordings in every container the API accepts, encoded in the test with PyAV (no fixture files)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import av
import numpy as np


@dataclass(frozen=True)
class Container:
    name: str
    format: str
    codec: str
    rate: int


CONTAINERS = (
    Container("wav", "wav", "pcm_s16le", 16_000),
    Container("ogg", "ogg", "libopus", 48_000),
    Container("mp3", "mp3", "libmp3lame", 22_050),
    Container("webm", "webm", "libopus", 48_000),
    Container("m4a", "ipod", "aac", 16_000),
)


def tone(container: Container, seconds: float = 0.5, hz: float = 440.0) -> bytes:
    """`seconds` of a sine tone encoded as `container`."""
    samples = (0.3 * np.sin(2 * np.pi * hz * np.arange(int(container.rate * seconds)) / container.rate))
    frame = av.AudioFrame.from_ndarray(samples.astype(np.float32).reshape(1, -1), format="flt", layout="mono")
    frame.rate = container.rate
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container.format) as output:
        stream = output.add_stream(container.codec, rate=container.rate, layout="mono")
        for packet in stream.encode(frame):
            output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    return buffer.getvalue()
