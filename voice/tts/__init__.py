"""Text-to-speech engines, one module each, and the choice of engine per language with the espeak-ng fallback."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from core.settings import Settings
from voice.interfaces import EngineUnavailable, Language, TextToSpeech

log = logging.getLogger(__name__)

EngineName = Literal["piper", "kokoro", "espeak", "coqui"]
ENGINES: tuple[EngineName, ...] = ("piper", "kokoro", "espeak", "coqui")
FALLBACK_ENGINE: EngineName = "espeak"


def load_engine(engine: str, language: Language, voice: str | None, settings: Settings) -> TextToSpeech:
    """Load one engine for one language; raise EngineUnavailable with the reason when it cannot run."""
    if engine == "piper":
        from voice.tts.piper import PiperTTS

        return PiperTTS.load(language, voice, settings)
    if engine == "kokoro":
        from voice.tts.kokoro import KokoroTTS

        return KokoroTTS.load(language, voice, settings)
    if engine == "espeak":
        from voice.tts.espeak import EspeakTTS

        return EspeakTTS.load(language, voice, settings)
    if engine == "coqui":
        from voice.tts.coqui import CoquiTTS

        return CoquiTTS.load(language, voice, settings)
    raise EngineUnavailable(f"unknown TTS engine {engine!r}; choose one of {', '.join(ENGINES)}")


@dataclass(frozen=True)
class LoadedVoice:
    tts: TextToSpeech
    fallback_reason: str | None = None
    """Why the configured engine is not the one speaking; None when it is."""


def configured_engine(settings: Settings, language: Language) -> str:
    """TTS_ENGINE_<LANGUAGE>; espeak-ng for a language with no setting of its own."""
    return getattr(settings, f"tts_engine_{language}", None) or FALLBACK_ENGINE


def load_for_language(settings: Settings, language: Language) -> LoadedVoice:
    """The configured engine and voice for `language` (TTS_ENGINE_<LANGUAGE>, TTS_VOICE_<LANGUAGE>), or espeak-ng with
    its default voice when they cannot load. A language with no setting of its own (a catalogue added later)
    speaks through espeak-ng, which has a voice for most languages."""
    engine = configured_engine(settings, language)
    voice = getattr(settings, f"tts_voice_{language}", None)
    try:
        return LoadedVoice(load_engine(engine, language, voice, settings))
    except EngineUnavailable as exc:
        if engine == FALLBACK_ENGINE and voice is None:
            raise
        reason = f"{engine} unavailable: {exc}"
        log.warning("TTS engine failed to load; falling back to espeak-ng",
                    extra={"engine": engine, "language": language, "reason": str(exc)})
    return LoadedVoice(load_engine(FALLBACK_ENGINE, language, None, settings), fallback_reason=reason)
