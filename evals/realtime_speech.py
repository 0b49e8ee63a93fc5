"""Caller speech for hands-free tests and benchmarks: phrases spoken by the packaged voices (Piper for English,
Kokoro for Spanish), joined by natural pauses, at 16 kHz — with the true end of speech known from the audio itself."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import soxr

SAMPLE_RATE = 16_000
_SILENCE = 0.01
"""Amplitude under which a TTS sample counts as silence when trimming (-40 dBFS)."""


@dataclass(frozen=True)
class Speech:
    pcm16: bytes
    """16 kHz mono 16-bit little-endian."""
    speech_end_s: float
    """Where the last phrase's sound ends (trailing silence excluded)."""
    text: str

    @property
    def duration_s(self) -> float:
        return len(self.pcm16) / 2 / SAMPLE_RATE


def speak_phrases(voice, language: str, parts: list[str | float], *, lead_s: float = 0.3, tail_s: float = 0.0) -> Speech:
    """`parts` alternates text and pause lengths in seconds: ["My order number is", 0.8, "four five", 0.6, "six."].

    The whole sentence is synthesised once and the pauses are cut in at the quietest point near each phrase
    boundary, so the words before a pause keep the sentence's unfinished intonation (phrases synthesised one by one
    each end like a full stop, which no caller pausing mid-sentence does). `voice` is a loaded
    `voice.service.VoiceService` (or anything with `synthesize(text, language)`).
    """
    texts = [p for p in parts if isinstance(p, str)]
    full = " ".join(texts)
    clip = voice.synthesize(full, language)
    samples = np.frombuffer(clip.pcm16, dtype="<i2").astype(np.float32) / 32768.0
    if clip.sample_rate != SAMPLE_RATE:
        samples = soxr.resample(samples, clip.sample_rate, SAMPLE_RATE).astype(np.float32)
    samples = _trim(samples)
    cuts: list[tuple[int, float]] = []
    chars = 0
    for index, part in enumerate(parts):
        if isinstance(part, str):
            chars += len(part) + 1
        elif index and index < len(parts) - 1:
            cuts.append((_quietest_near(samples, (chars - 1) / max(1, len(full))), float(part)))
    pieces = [np.zeros(int(lead_s * SAMPLE_RATE), np.float32)]
    previous = 0
    for cut, pause in cuts:
        pieces.append(samples[previous:cut])
        pieces.append(np.zeros(int(pause * SAMPLE_RATE), np.float32))
        previous = cut
    pieces.append(samples[previous:])
    end = sum(p.size for p in pieces)
    pieces.append(np.zeros(int(tail_s * SAMPLE_RATE), np.float32))
    audio = np.concatenate(pieces)
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()
    return Speech(pcm16=pcm, speech_end_s=end / SAMPLE_RATE, text=full)


def _quietest_near(samples: np.ndarray, fraction: float, search_s: float = 0.25) -> int:
    """The start of the quietest 20 ms window within `search_s` of `fraction` of the way through `samples`."""
    window = int(0.02 * SAMPLE_RATE)
    centre = int(fraction * samples.size)
    low, high = max(0, centre - int(search_s * SAMPLE_RATE)), min(samples.size - window, centre + int(search_s * SAMPLE_RATE))
    if high <= low:
        return centre
    energies = [float(np.mean(samples[i : i + window] ** 2)) for i in range(low, high, window // 2)]
    return low + int(np.argmin(energies)) * (window // 2) + window // 2


def silence(seconds: float) -> bytes:
    return b"\x00\x00" * int(seconds * SAMPLE_RATE)


def _trim(samples: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > _SILENCE)
    if loud.size == 0:
        return samples[:0]
    return samples[loud[0] : loud[-1] + 1]


def frames(pcm16: bytes, frame_s: float = 0.02, sample_rate: int = SAMPLE_RATE) -> list[bytes]:
    size = int(frame_s * sample_rate) * 2
    return [pcm16[i : i + size] for i in range(0, len(pcm16), size)]
