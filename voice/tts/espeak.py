"""Speech with the Debian `espeak-ng` program: robotic, instant, and always there — the fallback engine."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

from core.settings import Settings
from voice.interfaces import EngineUnavailable, Language, SynthesizedAudio, TextInputError
from voice.tts.normalize import speakable

# espeak-ng names its voices by ISO code ("es", "pt"); English needs the accent chosen.
DEFAULT_VOICES: dict[Language, str] = {"en": "en-us"}
_TIMEOUT_S = 30


class EspeakTTS:
    """`TextToSpeech` through the espeak-ng command; `voice` is an espeak-ng voice name (`espeak-ng --voices`)."""

    name = "espeak"

    def __init__(self, binary: str, default_voice: str):
        self._binary = binary
        self.voice_name = default_voice

    @classmethod
    def load(cls, language: Language, voice: str | None, settings: Settings) -> EspeakTTS:
        binary = shutil.which("espeak-ng")
        if binary is None:
            raise EngineUnavailable("espeak-ng is not installed; apt-get install espeak-ng")
        chosen = voice or DEFAULT_VOICES.get(language, language)
        engine = cls(binary, chosen)
        try:
            engine.synthesize(".", language)  # an unknown voice fails here, at load, not on the first request
        except TextInputError as exc:
            raise EngineUnavailable(exc.message) from exc
        return engine

    def synthesize(self, text: str, language: Language, voice: str | None = None) -> SynthesizedAudio:
        """Blocking: call from a worker thread."""
        chosen = voice or self.voice_name
        with tempfile.TemporaryDirectory(prefix="apitap-espeak-") as tmp:
            out = Path(tmp) / "speech.wav"
            # Text goes through stdin so nothing in it can be read as a command-line option.
            result = subprocess.run(
                [self._binary, "-v", chosen, "-b", "1", "-w", str(out), "--stdin"],
                input=speakable(text, language).encode("utf-8"),
                capture_output=True,
                timeout=_TIMEOUT_S,
                check=False,
            )
            if result.returncode != 0 or not out.is_file():
                message = result.stderr.decode("utf-8", "replace").strip() or f"exit status {result.returncode}"
                if "voice" in message.lower():
                    raise TextInputError("unknown_voice", f"Unknown espeak-ng voice {chosen!r}.")
                raise RuntimeError(f"espeak-ng failed: {message}")
            with wave.open(str(out), "rb") as wav:
                return SynthesizedAudio(pcm16=wav.readframes(wav.getnframes()), sample_rate=wav.getframerate())
