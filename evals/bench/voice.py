"""`apitap bench voice`: speech-to-text latency for 2 s, 5 s and 10 s clips, and per TTS engine the time to the
first sentence's audio of a typical answer and the real-time factor. Clips are spoken by the TTS itself."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import numpy as np

from core.settings import get_settings
from voice.audio import float_to_pcm16
from voice.interfaces import EngineUnavailable, Language, SynthesizedAudio
from voice.tts import load_engine

CLIP_SECONDS = (2, 5, 10)
REPEAT = 5
SPEECH_EN = (
    "Your order shipped yesterday and should arrive on Friday. The tracking code is in your email. "
    "If the parcel is late, we will send a replacement at no cost. Is there anything else I can help you with "
    "today? Thank you for shopping with us."
)
ANSWERS: dict[Language, str] = {
    "en": "Your order 48213 shipped on March 3rd. It should arrive by Friday. Anything else I can help with?",
    "es": "Su pedido 48213 se envió el 3 de marzo. Debería llegar el viernes. ¿Puedo ayudarle en algo más?",
}
ENGINES: dict[str, Language] = {"piper": "en", "kokoro": "es", "espeak": "en", "coqui": "es"}


def _median_seconds(action: Callable[..., object], *args: object, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _clip(speech: SynthesizedAudio, seconds: float) -> bytes:
    samples = np.frombuffer(speech.pcm16, dtype="<i2")
    needed = int(seconds * speech.sample_rate)
    repeated = np.tile(samples, needed // samples.size + 1)[:needed].astype(np.float32) / 32768.0
    return SynthesizedAudio(float_to_pcm16(repeated), speech.sample_rate).to_wav()


def run(progress: bool = True) -> dict:
    from voice.stt.whisper import WhisperSTT

    settings = get_settings()

    def say(message: str) -> None:
        if progress:
            print(message, file=sys.stderr, flush=True)

    say("loading whisper …")
    start = time.perf_counter()
    stt = WhisperSTT.load(settings)
    result: dict = {"stt": {}, "tts": {}, "load_ms": {"stt": round((time.perf_counter() - start) * 1000)}}
    speech = load_engine("piper", "en", None, settings).synthesize(SPEECH_EN, "en")
    for seconds in CLIP_SECONDS:
        clip = _clip(speech, seconds)
        say(f"stt {seconds} s clip …")
        latency = _median_seconds(stt.transcribe, clip)
        result["stt"][f"{seconds}s"] = {"latency_ms": round(latency * 1000), "rtf": round(latency / seconds, 3)}

    for engine, language in ENGINES.items():
        say(f"tts {engine} …")
        try:
            start = time.perf_counter()
            tts = load_engine(engine, language, None, settings)
            load_ms = round((time.perf_counter() - start) * 1000)
        except EngineUnavailable as exc:
            result["tts"][engine] = {"unavailable": str(exc)}
            continue
        answer = ANSWERS[language]
        first_sentence = answer.split(". ")[0] + "."
        tts.synthesize(first_sentence, language)  # warm-up, as the service does at start
        first = _median_seconds(tts.synthesize, first_sentence, language)
        whole = tts.synthesize(answer, language)
        whole_s = _median_seconds(tts.synthesize, answer, language, repeat=3)
        result["tts"][engine] = {
            "first_audio_ms": round(first * 1000),
            "rtf": round(whole_s / whole.duration_s, 3),
            "language": language,
            "load_ms": load_ms,
        }
        result["load_ms"][engine] = load_ms
    return result
