"""Hands-free mode in real headless Chromium: the fake microphone plays a WAV with pauses inside one sentence;
the page streams it to /ws/realtime, shows the live level and states, hears one turn (the pauses do not cut it)
and plays the spoken answer. Real models throughout (Silero VAD, Smart Turn, Whisper, the LLM, Piper)."""

from __future__ import annotations

import re
import time
import wave

import pytest

from evals.realtime_speech import SAMPLE_RATE, speak_phrases

pytestmark = [pytest.mark.browser, pytest.mark.models]


@pytest.fixture(scope="module")
def paused_question_wav(tmp_path_factory):
    from core.settings import Settings
    from voice.tts.piper import PiperTTS

    tts = PiperTTS.load("en", None, Settings())
    speech = speak_phrases(tts, "en", ["I would like to know", 0.8, "how much shipping costs."], lead_s=2.5,
                           tail_s=20.0)
    path = tmp_path_factory.mktemp("handsfree") / "paused-question.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(speech.pcm16)
    return path


def test_hands_free_hears_one_turn_through_a_pause_and_answers_aloud(live_server, open_page, paused_question_wav):
    page = open_page(live_server, microphone=paused_question_wav)
    toggle = page.get_by_test_id("handsfree-toggle")
    assert toggle.is_visible(), "the hands-free toggle is shown when the browser can capture audio"
    assert page.get_by_test_id("mic-button").is_visible(), "push-to-talk stays"
    toggle.click()
    panel = page.get_by_test_id("handsfree-panel")
    page.wait_for_function(
        "document.getElementById('handsfree-panel').dataset.state === 'listening'", timeout=60_000)
    assert toggle.get_attribute("aria-pressed") == "true"

    level, deadline = 0, time.monotonic() + 20
    while level == 0 and time.monotonic() < deadline:
        level = int(page.get_by_test_id("handsfree-level").get_attribute("aria-valuenow"))
        time.sleep(0.05)
    assert level > 0, "the live microphone level moves while the caller speaks"

    caller_line = page.locator("[data-testid=handsfree-log] li[data-role=caller]")
    caller_line.first.wait_for(timeout=120_000)
    assistant = page.locator("[data-testid=handsfree-log] li[data-role=assistant]")
    assistant.first.wait_for(timeout=300_000)
    page.wait_for_function(
        "document.getElementById('handsfree-panel').dataset.state === 'listening'", timeout=300_000)

    heard = caller_line.all_inner_texts()
    assert len(heard) == 1, f"the pause inside the sentence must not end the turn: {heard}"
    # Whisper may mishear one word of synthetic speech ("chipping"); what matters is that words from both sides of
    # the pause are in the one turn.
    words = set(re.findall(r"[a-z]+", heard[0].lower()))
    assert words & {"would", "like", "know"} and words & {"much", "shipping", "cost", "costs"}, heard
    assert assistant.first.inner_text().strip()
    assert panel.get_attribute("data-state") == "listening"
    assert not page.console_errors, page.console_errors

    toggle.click()
    page.wait_for_function("document.getElementById('handsfree-panel').dataset.state === 'off'", timeout=10_000)
    assert toggle.get_attribute("aria-pressed") == "false"
