"""Hands-free with the real models over real WebSockets against a real server (uvicorn): a simulated carrier holds
a Twilio call and a Telnyx one — greeting, a real interruption, verification typed on the keypad, an order
question; an "okay" over the greeting pauses it and the caller still hears it to the end; a browser session says
one sentence with pauses in it (a pause taken for the end is repaired: that turn is withdrawn unheard)."""

from __future__ import annotations

import asyncio
import re
import time
import unicodedata

import httpx
import numpy as np
import pytest
from sqlalchemy import select

from evals.bench.local_server import serve_locally
from evals.bench.realtime import ServerVoice
from evals.realtime_clients import BrowserCaller, PhoneCarrier, TelnyxCarrier
from evals.realtime_speech import speak_phrases
from tools.db.schema import dbitems, dbuser
from voice.interfaces import AudioInputError

pytestmark = pytest.mark.models

ANSWER_S = 300.0  # a busy shared runner can slow the LLM several-fold; speed is `apitap bench realtime`'s job
LATE_FIRST_FRAME_S = 0.3  # how much of a clip's schedule a late first frame can make up (see the pauses test)


@pytest.fixture(scope="module")
def server(demo_sqlite_url, tmp_path_factory):
    env = {
        "DATABASE_URL": demo_sqlite_url, "DATA_DIR": str(tmp_path_factory.mktemp("realtime-data")),
        "HF_HUB_OFFLINE": "1", "LLM_TIMEOUT_S": "600", "REALTIME_IDLE_TIMEOUT_S": "600",
    }
    with serve_locally(env) as (url, _):
        yield url


@pytest.fixture(scope="module")
def voice(server):
    with httpx.Client(base_url=server, timeout=120) as http:
        yield ServerVoice(http)


@pytest.fixture(scope="module")
def whisper():
    from core.settings import Settings
    from voice.stt.whisper import WhisperSTT

    return WhisperSTT.load(Settings(_env_file=None), warm_up=False)


@pytest.fixture(scope="module")
def caller_with_order(demo_sqlite_engine) -> dict:
    """A customer with a phone and an order: what a caller would type on the keypad to verify."""
    user, phone, order, status = dbuser.tbl_user, dbuser.tbl_phone, dbitems.tbl_order, dbuser.tbl_user_status
    with demo_sqlite_engine.connect() as conn:
        rows = conn.execute(
            select(user.c.user_id, user.c.first_name, phone.c.phone_number, order.c.order_id)
            .join(phone, phone.c.user_id == user.c.user_id).join(order, order.c.user_id == user.c.user_id)
            .join(status, status.c.user_status_id == user.c.user_status_id).where(status.c.name == "active")
            .order_by(user.c.user_id, order.c.order_id.desc())
        ).all()
    for row in rows:
        digits = "".join(ch for ch in row.phone_number if ch.isdigit())
        # Typed digits are read as a number somewhere along the way; a leading zero would be a second test.
        if digits[-4] != "0":
            return {"first_name": row.first_name, "phone_last4": digits[-4:], "order_id": row.order_id}
    raise AssertionError("the demo data has no customer with a phone and an order")


async def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def plain(text: str) -> str:
    """Lower case without accents: Whisper writes "Maria" for the demo's "María"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))


async def answer_heard(carrier: PhoneCarrier, offset: int, whisper) -> str:
    """What the caller heard since `offset`, once the answer (not only the filler) has finished playing. The filler
    ("One moment, please.") has three words; an answer after a long model turn comes after a silence of its own."""
    deadline = time.monotonic() + ANSWER_S
    while True:
        await carrier.wait_answered(1.5, ANSWER_S)
        samples = np.frombuffer(bytes(carrier.received_pcm[offset:]), dtype="<i2").astype(np.float32) / 32768.0
        try:
            heard = whisper.transcribe_samples(samples, "en").text
        except AudioInputError as exc:
            heard = f"(nothing intelligible: {exc.message})"
        if len(heard.split()) > 3 or time.monotonic() > deadline:
            return heard
        quiet_since = time.monotonic()
        await wait_for(lambda since=quiet_since: carrier.first_audio_after(since), deadline - quiet_since, "the answer")


async def talk_over_the_greeting(carrier: PhoneCarrier, pcm16: bytes) -> None:
    """Speak 1.5 s into the greeting; the greeting's sound must stop (`clear`) after the speech began."""
    await wait_for(lambda: carrier.audio, 120, "the greeting")
    await asyncio.sleep(1.5)
    onset = await (await carrier.say(pcm16))
    await wait_for(lambda: carrier.cleared, 10, "the greeting to stop")
    assert carrier.cleared[0] > onset


@pytest.mark.parametrize("carrier_type", [PhoneCarrier, TelnyxCarrier], ids=["twilio", "telnyx"])
def test_a_phone_call_with_interruptions_keypad_verification_and_an_order_question(
    server, voice, whisper, caller_with_order, carrier_type
):
    barge = speak_phrases(voice, "en", ["Sorry, I have a question about my order, please."], lead_s=0.0)
    question = speak_phrases(voice, "en", ["Where is my order?"], lead_s=0.0)

    async def call() -> None:
        async with carrier_type(server, language="en") as carrier:
            # Real speech over the greeting stops it at once (`clear`), and becomes the caller's first turn.
            await talk_over_the_greeting(carrier, barge.pcm16)
            await wait_for(lambda: carrier.first_audio_after(carrier.cleared[0] + 0.5), ANSWER_S, "turn 1's answer")
            # The whole answer, not only the filler: measured on a busy runner, keys pressed after "One moment." and
            # before the answer made turn 2 hear only the filler.
            await carrier.wait_answered(1.5, ANSWER_S)

            # Turn 2: verification typed on the keypad (the caller's own entry; caller ID proves nothing).
            offset, pressed = len(carrier.received_pcm), time.monotonic()
            await carrier.press(f"{caller_with_order['phone_last4']}*{caller_with_order['order_id']}#")
            await wait_for(lambda: carrier.first_audio_after(pressed), ANSWER_S, "turn 2's answer")
            verified = plain(await answer_heard(carrier, offset, whisper))
            # The name's stem: English Whisper at 8 kHz hears a Spanish "María" as "Mary". When turn 1 asked about an
            # order, the answer goes on to that order, and Whisper at 8 kHz has dropped "María, you are verified"
            # before it (CI, 2026-12-07): the order's own record is then the proof, as only a verified caller hears it.
            name_stem = plain(caller_with_order["first_name"])[:3]
            assert "verify" not in verified.replace("verified", ""), verified
            assert (re.search(rf"\b{re.escape(name_stem)}", verified) or "verified" in verified
                    or re.search(rf"\b{caller_with_order['order_id']}\b", verified)), verified

            # Turn 3: an order question, spoken.
            offset = len(carrier.received_pcm)
            asked = await (await carrier.say(question.pcm16))
            await wait_for(lambda: carrier.first_audio_after(asked + question.speech_end_s), ANSWER_S, "turn 3's answer")
            answer = await answer_heard(carrier, offset, whisper)
            assert "order" in answer.lower() or str(caller_with_order["order_id"]) in answer, answer
            assert carrier.marks_sent_back, "sentence marks come back as their audio plays"
            assert not carrier.closed.is_set(), "the call stays up until the caller hangs up"

    asyncio.run(call())


def test_an_ok_over_the_greeting_pauses_it_and_the_caller_hears_it_to_the_end(server, voice, whisper):
    # Every word a backchannel, and long enough that the VAD hears it every time ("Okay, sure." measured 0.28 s of
    # speech, at the edge of REALTIME_VAD_START_S: the first call after a start sometimes did not pause at all; "Okay,
    # sure, got it." was once heard as "... I got it", and "I" is no backchannel).
    okay = speak_phrases(voice, "en", ["Okay, yeah, sure."], lead_s=0.0)

    async def call() -> None:
        async with PhoneCarrier(server, language="en") as carrier:
            await talk_over_the_greeting(carrier, okay.pcm16)
            await wait_for(lambda: carrier.first_audio_after(carrier.cleared[0] + 0.2), 20, "the greeting to go on")
            await carrier.wait_quiet(3.0, 120)
            samples = np.frombuffer(bytes(carrier.received_pcm), dtype="<i2").astype(np.float32) / 32768.0
            heard = plain(whisper.transcribe_samples(samples, "en").text)
            assert "hash" in heard, f"the greeting was not heard to its end: {heard}"
            assert "moment" not in heard, f"the 'okay' was taken as a turn: {heard}"
            assert not carrier.closed.is_set()

    asyncio.run(call())


def test_a_browser_sentence_with_pauses_is_one_turn(server, voice):
    speech = speak_phrases(voice, "en", ["My order number is", 0.8, "one zero zero", 0.6, "two."])

    async def session() -> None:
        async with BrowserCaller(server, language="en") as browser:
            sent = await browser.say(speech.pcm16)
            _, answered = await browser.wait_event(lambda e: e["type"] == "answered", ANSWER_S, after=sent)
            transcripts = [(at, e) for at, e in browser.events if e["type"] == "transcript"]
            withdrawn = [e["text"] for _, e in browser.events if e["type"] == "withdrawn"]
            timeline = [(round(t - sent, 2), e["type"], e.get("text")) for t, e in browser.events if t >= sent]
            assert transcripts, "nothing was transcribed"
            *cut_short, (at, transcript) = transcripts
            # Piper samples its timing, so some runs put a longer gap inside "one zero zero" and the end-of-turn
            # model ends the turn there. That is allowed only as the session's own repair: the caller goes on, and
            # the cut-short turn is withdrawn before its answer was heard (the session sends `withdrawn` only then).
            assert [e["text"] for _, e in cut_short] == withdrawn, timeline
            # Not ended before the caller finished, within the microphone's catch-up: frames go out on an absolute
            # 20 ms schedule, so after a busy event loop sent the first one late the rest go out early (measured: the
            # transcript 60 ms before `sent + speech_end_s`; the segments are read during the pauses, so it comes
            # about 0.1 s after the last word). Ended at the 0.6 s pause, it would come some 0.5 s sooner.
            assert at > sent + speech.speech_end_s - LATE_FIRST_FRAME_S, (speech.speech_end_s, timeline)
            assert "order" in transcript["text"].lower()
            assert browser.first_audio_after(at) is not None, "the answer is spoken"
            assert {"endpoint_ms", "stt_ms", "first_audio_ms"} <= set(answered["timings_ms"])

    asyncio.run(session())


def test_a_dropped_call_mid_answer_is_a_clean_hang_up(server, voice):
    question = speak_phrases(voice, "en", ["What is your return policy?"], lead_s=0.0)

    async def call() -> None:
        async with PhoneCarrier(server, language="en") as carrier:
            await wait_for(lambda: carrier.audio, 120, "the greeting")
            await carrier.ws.close()  # the caller hangs up while the greeting plays
        async with httpx.AsyncClient(base_url=server) as http:
            health = await http.get("/health")
        assert health.status_code == 200
        async with PhoneCarrier(server, language="en") as again:  # the line was given back
            await wait_for(lambda: again.audio, 120, "a new call's greeting")
            await (await again.say(question.pcm16))

    asyncio.run(call())
