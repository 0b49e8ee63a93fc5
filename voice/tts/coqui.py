"""Speech with Coqui TTS (the optional `coqui-tts` extra) — the reference system's Spanish VITS voice.

No registry package ships Coqui weights, and coqui-tts needs a torch build with torchaudio; this engine loads only
weights the user already has, never downloading them: COQUI_MODEL is a directory holding `model.pth` and
`config.json`, or a model name already in Coqui's own download folder.
"""

from __future__ import annotations

import threading
from pathlib import Path

from core.settings import Settings
from voice.audio import float_to_pcm16
from voice.interfaces import EngineUnavailable, Language, SynthesizedAudio, TextInputError
from voice.tts.normalize import speakable


class CoquiTTS:
    """`TextToSpeech` with one Coqui model; single-speaker models take no `voice`."""

    name = "coqui"

    def __init__(self, tts, model_name: str):
        self._tts = tts
        self.voice_name = model_name
        self.sample_rate = int(tts.synthesizer.output_sample_rate)
        self._lock = threading.Lock()

    @classmethod
    def load(cls, language: Language, voice: str | None, settings: Settings) -> CoquiTTS:
        try:
            from TTS.api import TTS
            from TTS.utils.generic_utils import get_user_data_dir
        except Exception as exc:  # missing package, or a torch/torchaudio build it cannot import
            raise EngineUnavailable(
                f"Coqui TTS is not usable here ({type(exc).__name__}: {exc}); pip install 'apitap[coqui]' "
                "needs a torch build with torchaudio"
            ) from exc
        spec = voice or settings.coqui_model
        local = Path(spec).expanduser()
        if not local.is_dir():
            local = Path(get_user_data_dir("tts")) / spec.replace("/", "--")
        model, config = local / "model.pth", local / "config.json"
        if not (model.is_file() and config.is_file()):
            raise EngineUnavailable(
                f"Coqui model {spec!r} has no weights at {local}; Apitap never downloads them at run time"
            )
        try:
            tts = TTS(model_path=str(model), config_path=str(config), progress_bar=False)
        except Exception as exc:
            raise EngineUnavailable(f"cannot load Coqui model {spec!r}: {exc}") from exc
        return cls(tts, spec)

    def synthesize(self, text: str, language: Language, voice: str | None = None) -> SynthesizedAudio:
        """Blocking: call from a worker thread."""
        if voice not in (None, self.voice_name):
            raise TextInputError("unknown_voice", f"Coqui has only the model {self.voice_name!r} loaded.")
        with self._lock:
            samples = self._tts.tts(speakable(text, language))
        return SynthesizedAudio(pcm16=float_to_pcm16(samples), sample_rate=self.sample_rate)
