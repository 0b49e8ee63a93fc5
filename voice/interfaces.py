"""The small interfaces every speech engine implements, and the typed errors bad audio produces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from core.i18n import Language

__all__ = ["Language", "AudioInputError", "TextInputError", "EngineUnavailable", "Transcription", "SynthesizedAudio",
           "SpeechToText", "TextToSpeech"]


class AudioInputError(ValueError):
    """Audio the caller sent cannot be used. `message` is safe to show a person; the API maps it to a 4xx."""

    def __init__(self, kind: Literal["empty", "too_large", "too_long", "undecodable", "silence"], message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


class TextInputError(ValueError):
    """Text the caller asked to have spoken cannot be used. `message` is safe to show; the API maps it to a 4xx."""

    def __init__(self, kind: Literal["empty", "too_long", "unknown_voice"], message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


class EngineUnavailable(RuntimeError):
    """A speech engine or its model is missing or failed to load; the API degrades that feature."""


@dataclass(frozen=True)
class Transcription:
    text: str
    language: Language
    duration_s: float


@dataclass(frozen=True)
class SynthesizedAudio:
    pcm16: bytes
    """Mono signed 16-bit little-endian samples."""
    sample_rate: int

    def to_wav(self) -> bytes:
        import io
        import wave

        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(self.sample_rate)
            wav.writeframes(self.pcm16)
        return buffer.getvalue()

    @property
    def duration_s(self) -> float:
        return len(self.pcm16) / 2 / self.sample_rate


class SpeechToText(Protocol):
    name: str

    def transcribe(self, audio: bytes, language: Language | None = None) -> Transcription:
        """Decode any common container and transcribe it. Blocking: call from a worker thread."""
        ...

    def transcribe_samples(self, samples, language: Language | None = None) -> Transcription:
        """Transcribe 16 kHz mono float32 samples (a live stream's turn). Blocking: call from a worker thread."""
        ...


class TextToSpeech(Protocol):
    name: str

    def synthesize(self, text: str, language: Language, voice: str | None = None) -> SynthesizedAudio:
        """Blocking: call from a worker thread."""
        ...
