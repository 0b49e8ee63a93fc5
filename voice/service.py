"""The voice side of the API: loads speech-to-text and one text-to-speech engine per language, once, and reports
their health. A missing model never stops the process; the affected component reports itself down or degraded."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from core.i18n import languages, say
from core.settings import Settings, get_settings
from voice.interfaces import (
    EngineUnavailable,
    Language,
    SpeechToText,
    SynthesizedAudio,
    TextInputError,
    TextToSpeech,
    Transcription,
)
from voice.tts import LoadedVoice, load_for_language

log = logging.getLogger(__name__)


HealthStatus = Literal["ok", "degraded", "down"]


@dataclass
class VoiceService:
    settings: Settings
    stt: SpeechToText | None = None
    stt_problem: str | None = None
    voices: dict[Language, LoadedVoice] = field(default_factory=dict)
    voice_problems: dict[Language, str] = field(default_factory=dict)

    @classmethod
    def load(cls, settings: Settings | None = None, *, warm_up: bool = True) -> VoiceService:
        """Load every engine the settings name. Blocking (seconds): call from the lifespan's worker thread."""
        from voice.stt.whisper import WhisperSTT

        service = cls(settings or get_settings())
        try:
            service.stt = WhisperSTT.load(service.settings, warm_up=warm_up)
        except EngineUnavailable as exc:
            service.stt_problem = str(exc)
            log.error("speech-to-text unavailable", extra={"reason": str(exc)})
        for language in languages():
            try:
                loaded = load_for_language(service.settings, language)
            except EngineUnavailable as exc:
                service.voice_problems[language] = str(exc)
                log.error("text-to-speech unavailable", extra={"language": language, "reason": str(exc)})
                continue
            service.voices[language] = loaded
            if warm_up:
                loaded.tts.synthesize(say("spoken.warm_up", language), language)
        return service

    def transcribe(self, audio: bytes, language: Language | None = None) -> Transcription:
        """Blocking: call through `asyncio.to_thread`. Raises AudioInputError for unusable audio."""
        if self.stt is None:
            raise EngineUnavailable(f"speech-to-text is unavailable: {self.stt_problem}")
        return self.stt.transcribe(audio, language)

    def transcribe_samples(self, samples: np.ndarray, language: Language | None = None) -> Transcription:
        """16 kHz mono float32 samples (a live stream's turn). Blocking: call through `asyncio.to_thread`."""
        if self.stt is None:
            raise EngineUnavailable(f"speech-to-text is unavailable: {self.stt_problem}")
        return self.stt.transcribe_samples(samples, language)

    def tts_for(self, language: Language) -> TextToSpeech:
        loaded = self.voices.get(language)
        if loaded is None:
            raise EngineUnavailable(
                f"text-to-speech for {language!r} is unavailable: {self.voice_problems.get(language, 'not loaded')}"
            )
        return loaded.tts

    def synthesize(self, text: str, language: Language, voice: str | None = None) -> SynthesizedAudio:
        """Blocking: call through `asyncio.to_thread`. Raises TextInputError for unusable text or voice."""
        text = text.strip()
        if not text:
            raise TextInputError("empty", "There is no text to speak.")
        if len(text) > self.settings.max_text_chars:
            raise TextInputError(
                "too_long", f"The text is {len(text)} characters; the limit is {self.settings.max_text_chars}."
            )
        return self.tts_for(language).synthesize(text, language, voice)

    def health(self) -> dict[str, dict[str, str]]:
        """{"stt": {"status", "detail"}, "tts": {"status", "detail"}} with status ok, degraded or down."""
        if self.stt is None:
            stt = {"status": "down", "detail": self.stt_problem or "not loaded"}
        else:
            stt = {"status": "ok", "detail": f"{self.stt.name} {getattr(self.stt, 'model_name', '')}".strip()}
        return {"stt": stt, "tts": self._tts_health()}

    def _tts_health(self) -> dict[str, str]:
        details: list[str] = []
        status: HealthStatus = "ok"
        for language in languages():
            loaded = self.voices.get(language)
            if loaded is None:
                status = "degraded" if self.voices else "down"
                details.append(f"{language}: down ({self.voice_problems.get(language, 'not loaded')})")
                continue
            voice_name = getattr(loaded.tts, "voice_name", None)
            speaking = f"{loaded.tts.name}" + (f" ({voice_name})" if voice_name else "")
            if loaded.fallback_reason:
                if status == "ok":
                    status = "degraded"
                details.append(f"{language}: {speaking}, fallback because {loaded.fallback_reason}")
            else:
                details.append(f"{language}: {speaking}")
        return {"status": status, "detail": "; ".join(details)}
