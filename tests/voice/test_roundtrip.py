"""Speech out and back in with the real default models: TTS speaks each sentence, Whisper transcribes it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.voice.wer import edit_distance, normalize

SENTENCES = yaml.safe_load((Path(__file__).parent / "roundtrip_sentences.yaml").read_text(encoding="utf-8"))
MAX_WER = {"en": 0.15, "es": 0.20}
MIN_LANGUAGE_DETECTION = 0.9


def test_the_sentence_file_has_twenty_per_language() -> None:
    assert len(SENTENCES["en"]) >= 20 and len(SENTENCES["es"]) >= 20


@pytest.mark.models
@pytest.mark.parametrize("language", ["en", "es"])
def test_round_trip_word_error_rate(voice_service, language: str) -> None:
    errors = words = 0
    wrong_language = []
    report = []
    for sentence in SENTENCES[language]:
        audio = voice_service.synthesize(sentence, language)
        heard = voice_service.transcribe(audio.to_wav())  # language detected, not forced
        if heard.language != language:
            wrong_language.append(sentence)
        reference, hypothesis = normalize(sentence, language), normalize(heard.text, language)
        distance = edit_distance(reference, hypothesis)
        errors += distance
        words += len(reference)
        if distance:
            report.append(f"  {distance}/{len(reference)}  {sentence!r} → {heard.text!r}")
    wer = errors / words
    detected = 1 - len(wrong_language) / len(SENTENCES[language])
    print(f"\n{language}: WER {wer:.3f} ({errors} errors / {words} words, {len(SENTENCES[language])} sentences, "
          f"{voice_service.tts_for(language).name}); language detected right {detected:.0%}; "
          f"detected wrong: {wrong_language}\n" + "\n".join(report))

    assert wer <= MAX_WER[language]
    # Kokoro speaks Spanish with a Japanese voice style; Whisper base hears the odd short sentence as English.
    assert detected >= MIN_LANGUAGE_DETECTION
