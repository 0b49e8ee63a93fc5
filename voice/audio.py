"""Turn uploaded audio of any common container into 16 kHz mono float32 samples, within the size and length limits.

PyAV carries its own FFmpeg libraries, so wav, webm/opus, ogg, mp3 and m4a decode without a system ffmpeg.
Decoding happens here, before any model runs, so an over-long or broken upload is refused cheaply.
"""

from __future__ import annotations

import io

import av
import numpy as np

from voice.interfaces import AudioInputError

SAMPLE_RATE = 16_000
_SILENCE_PEAK = 1e-3
"""Peak amplitude (-60 dBFS) below which a clip holds nothing a recogniser could hear."""


def decode_to_mono16k(data: bytes, *, max_bytes: int, max_seconds: float) -> np.ndarray:
    """Decode `data` to 16 kHz mono float32 in [-1, 1]; raise AudioInputError for anything unusable."""
    if not data:
        raise AudioInputError("empty", "The audio is empty.")
    if len(data) > max_bytes:
        raise AudioInputError(
            "too_large", f"The audio is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB."
        )
    max_samples = int(max_seconds * SAMPLE_RATE)
    try:
        container = av.open(io.BytesIO(data), mode="r", metadata_errors="replace")
    except av.error.FFmpegError as exc:
        raise AudioInputError("undecodable", "The file is not audio in a format we can read.") from exc
    with container:
        if not container.streams.audio:
            raise AudioInputError("undecodable", "The file has no audio track.")
        stream = container.streams.audio[0]
        if container.duration is not None and container.duration / av.time_base > max_seconds + 1:
            raise AudioInputError("too_long", _too_long_message(container.duration / av.time_base, max_seconds))
        resampler = None
        frame_shape: tuple[str, str, int] | None = None
        chunks: list[np.ndarray] = []
        decoded = 0

        def resampled(frame: av.AudioFrame | None) -> None:
            nonlocal decoded
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))
                decoded += out.samples

        try:
            for frame in container.decode(stream):
                shape = (frame.format.name, frame.layout.name, frame.sample_rate)
                if shape != frame_shape:
                    # A damaged stream can change sample format, layout or rate mid-way (found by fuzzing); one
                    # resampler only takes the shape it was set up with, so the old one is flushed and replaced.
                    if resampler is not None:
                        resampled(None)
                    resampler, frame_shape = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE), shape
                resampled(frame)
                # Declared durations can lie, so the limit is enforced on what is actually decoded.
                if decoded > max_samples:
                    raise AudioInputError("too_long", _too_long_message(decoded / SAMPLE_RATE, max_seconds))
            if resampler is not None:
                resampled(None)
        except AudioInputError:
            raise
        except (av.error.FFmpegError, ValueError) as exc:  # ValueError: PyAV's "frame does not match" checks
            raise AudioInputError("undecodable", "The audio is damaged and cannot be decoded.") from exc
    if decoded == 0:
        raise AudioInputError("empty", "The audio contains no sound samples.")
    if decoded > max_samples:
        raise AudioInputError("too_long", _too_long_message(decoded / SAMPLE_RATE, max_seconds))
    samples = np.nan_to_num(np.concatenate(chunks).astype(np.float32, copy=False))
    return np.clip(samples, -1.0, 1.0)


def is_silent(samples: np.ndarray) -> bool:
    return samples.size == 0 or float(np.max(np.abs(samples))) < _SILENCE_PEAK


def float_to_pcm16(samples: np.ndarray) -> bytes:
    """Float samples in [-1, 1] to mono signed 16-bit little-endian PCM."""
    clipped = np.clip(np.asarray(samples, dtype=np.float32).reshape(-1), -1.0, 1.0)
    return (clipped * 32767.0).astype("<i2").tobytes()


def _too_long_message(seconds: float, limit: float) -> str:
    return f"The audio is longer than the {limit:g} s limit ({seconds:.0f} s or more)."
