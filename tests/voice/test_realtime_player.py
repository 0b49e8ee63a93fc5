"""The paced player: what it sends, what the far end has heard when it is paused or stopped, and resuming from there.
Unit level: a recording fake stands in for the socket."""

from __future__ import annotations

import asyncio

from voice.realtime.player import Clip, Player

RATE = 16_000


class RecordingOut:
    def __init__(self) -> None:
        self.sent = bytearray()
        self.clears = 0
        self.marks: list[int] = []

    async def send_audio(self, pcm16: bytes, sample_rate: int) -> None:
        self.sent.extend(pcm16)

    async def clear_audio(self) -> None:
        self.clears += 1

    async def sentence_sent(self, seq: int) -> None:
        self.marks.append(seq)


def clip(seq: int, seconds: float, text: str = "one two three four five six seven eight nine ten") -> Clip:
    return Clip(seq, text, b"\x01\x00" * int(seconds * RATE), RATE)


async def test_plays_every_clip_in_order_then_is_idle():
    out = RecordingOut()
    player = Player(out, lead_s=0.05)
    player.start()
    player.enqueue(clip(0, 0.2))
    player.enqueue(clip(1, 0.1))
    await asyncio.wait_for(player.wait_idle(), 5)
    assert len(out.sent) == int(0.3 * RATE) * 2
    assert out.marks == [0, 1]
    assert [(h.seq, h.fraction) for h in player.heard] == [(0, 1.0), (1, 1.0)]
    await player.stop()
    assert out.clears == 0, "stopping an idle player has nothing to clear"


async def test_stop_mid_clip_keeps_only_what_was_heard():
    out = RecordingOut()
    player = Player(out, lead_s=0.05)
    player.start()
    player.enqueue(clip(0, 1.0))
    player.enqueue(clip(1, 1.0))
    await asyncio.sleep(0.4)
    heard = await player.stop()
    assert out.clears == 1
    assert [h.seq for h in heard] == [0]
    assert 0.1 < heard[0].fraction < 0.9
    assert len(out.sent) < RATE * 2, "the second clip was never sent"


async def test_resume_goes_on_from_the_heard_position():
    out = RecordingOut()
    player = Player(out, lead_s=0.2)
    player.start()
    player.enqueue(clip(0, 0.6))
    await asyncio.sleep(0.25)
    await player.pause()
    sent_when_paused = len(out.sent)
    assert player.paused and player.busy
    await asyncio.sleep(0.2)
    assert len(out.sent) == sent_when_paused, "nothing is sent while paused"
    player.resume()
    await asyncio.wait_for(player.wait_idle(), 5)
    assert [(h.seq, h.fraction) for h in player.heard] == [(0, 1.0)]
    # The lead sent before the pause was cleared on the far end, so it is sent again after resuming.
    assert len(out.sent) > int(0.6 * RATE) * 2
    await player.stop()
