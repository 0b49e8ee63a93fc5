"""Listening: when the caller speaks, pauses and is done — Silero VAD and the Smart Turn v3 end-of-turn model
(both from pipecat-ai, both local ONNX files shipped in its wheel) over a stream of 16 kHz PCM frames.

A pause (VAD silence of REALTIME_VAD_STOP_S) only ends the turn when Smart Turn judges the words so far complete,
so "my order number is… four five… six" is one turn; silence of REALTIME_TURN_STOP_S ends it whatever the model says.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from voice.realtime.pipecat_parts import (
    EndOfTurnState,
    LocalSmartTurnAnalyzerV3,
    SileroVADAnalyzer,
    SmartTurnParams,
    VADParams,
    VADState,
)

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
_BYTES_PER_S = SAMPLE_RATE * 2
_PRE_ROLL_S = 0.3
"""Audio kept from before the VAD fired: the first syllable starts before the model is sure."""


@dataclass(frozen=True)
class ListenSettings:
    vad_confidence: float = 0.7
    vad_start_s: float = 0.2
    vad_stop_s: float = 0.2
    vad_min_volume: float = 0.6
    turn_stop_s: float = 2.0
    max_turn_s: float = 30.0

    @classmethod
    def from_settings(cls, settings) -> ListenSettings:
        return cls(
            vad_confidence=settings.realtime_vad_confidence, vad_start_s=settings.realtime_vad_start_s,
            vad_stop_s=settings.realtime_vad_stop_s, vad_min_volume=settings.realtime_vad_min_volume,
            turn_stop_s=settings.realtime_turn_stop_s, max_turn_s=settings.realtime_max_turn_s,
        )


@dataclass(frozen=True)
class SpeechStarted:
    at_s: float
    """Stream time (seconds of audio received) where the speech began."""
    resumed: bool
    """True when the caller speaks again after a pause inside the same turn."""


@dataclass(frozen=True)
class Paused:
    segment: bytes
    """The speech since the previous pause (16 kHz PCM), ready to transcribe while the end of turn is decided."""
    segment_index: int
    speech_end_s: float


@dataclass(frozen=True)
class TurnEnded:
    audio: bytes
    """The whole turn, 16 kHz PCM."""
    segments: int
    """How many `Paused` segments make it up (the last one may be shorter than the turn's tail)."""
    speech_end_s: float
    reason: str
    """'end_of_turn' (the model), 'silence' (REALTIME_TURN_STOP_S), 'max_length' (REALTIME_MAX_TURN_S)."""
    speech_s: float


ListenEvent = SpeechStarted | Paused | TurnEnded


@dataclass
class _Turn:
    audio: bytearray = field(default_factory=bytearray)
    segment_start: int = 0
    segments: int = 0
    started_s: float = 0.0
    speech_end_s: float = 0.0
    paused: bool = False


class Listener:
    """One caller's ears. `feed` takes 16 kHz mono 16-bit frames of any length and returns what happened."""

    def __init__(self, settings: ListenSettings, turn_model: LocalSmartTurnAnalyzerV3 | None = None):
        self.settings = settings
        self._vad = SileroVADAnalyzer(
            sample_rate=SAMPLE_RATE,
            params=VADParams(
                confidence=settings.vad_confidence, start_secs=settings.vad_start_s,
                stop_secs=settings.vad_stop_s, min_volume=settings.vad_min_volume,
            ),
        )
        self._vad.set_sample_rate(SAMPLE_RATE)
        self._turn_model = turn_model or LocalSmartTurnAnalyzerV3(
            sample_rate=SAMPLE_RATE, params=SmartTurnParams(stop_secs=settings.turn_stop_s)
        )
        self._turn_model.set_sample_rate(SAMPLE_RATE)
        self._turn_model.update_vad_start_secs(settings.vad_start_s)
        self._vad_state = VADState.QUIET
        self._received = 0
        self._pre_roll = bytearray()
        self._turn: _Turn | None = None
        self.last_probability: float | None = None

    @property
    def stream_s(self) -> float:
        return self._received / _BYTES_PER_S

    @property
    def in_turn(self) -> bool:
        return self._turn is not None

    @property
    def speaking(self) -> bool:
        return self._vad_state in (VADState.SPEAKING, VADState.STOPPING)

    def turn_audio(self) -> bytes:
        return bytes(self._turn.audio) if self._turn is not None else b""

    def turn_speech_s(self) -> float:
        return self.stream_s - self._turn.started_s if self._turn is not None else 0.0

    async def feed(self, frame: bytes) -> list[ListenEvent]:
        events: list[ListenEvent] = []
        self._received += len(frame)
        state = await self._vad.analyze_audio(frame)
        is_speech = state in (VADState.SPEAKING, VADState.STARTING)
        turn = self._turn
        if turn is None:
            self._pre_roll.extend(frame)
            del self._pre_roll[: max(0, len(self._pre_roll) - int(_PRE_ROLL_S * _BYTES_PER_S) // 2 * 2)]
        else:
            turn.audio.extend(frame)
        timed_out = self._turn_model.append_audio(frame, is_speech) == EndOfTurnState.COMPLETE

        if state == VADState.SPEAKING and self._vad_state != VADState.SPEAKING and self._vad_state != VADState.STOPPING:
            began = max(0.0, self.stream_s - self.settings.vad_start_s - len(frame) / _BYTES_PER_S)
            if turn is None:
                turn = self._turn = _Turn(audio=bytearray(self._pre_roll), started_s=began)
                self._pre_roll.clear()
                events.append(SpeechStarted(at_s=began, resumed=False))
            else:
                turn.paused = False
                events.append(SpeechStarted(at_s=began, resumed=True))
        was_speaking = self._vad_state in (VADState.SPEAKING, VADState.STOPPING)
        self._vad_state = state

        if turn is None:
            return events
        if was_speaking and state == VADState.QUIET:
            turn.speech_end_s = max(turn.started_s, self.stream_s - self.settings.vad_stop_s)
            turn.paused = True
            segment = bytes(turn.audio[turn.segment_start :])
            turn.segment_start = len(turn.audio)
            turn.segments += 1
            events.append(Paused(segment=segment, segment_index=turn.segments - 1, speech_end_s=turn.speech_end_s))
            verdict, metrics = await self._turn_model.analyze_end_of_turn()
            self.last_probability = getattr(metrics, "probability", None)
            if verdict == EndOfTurnState.COMPLETE:
                events.append(self._end("end_of_turn"))
                return events
        if timed_out and turn.paused:
            events.append(self._end("silence"))
        elif self.turn_speech_s() >= self.settings.max_turn_s:
            if not turn.paused:
                turn.speech_end_s = self.stream_s
                turn.segments += 1
            events.append(self._end("max_length"))
        return events

    def _end(self, reason: str) -> TurnEnded:
        turn = self._turn
        assert turn is not None
        self._turn = None
        self._turn_model.clear()
        return TurnEnded(
            audio=bytes(turn.audio), segments=turn.segments, speech_end_s=turn.speech_end_s, reason=reason,
            speech_s=turn.speech_end_s - turn.started_s,
        )

    def reset(self) -> None:
        """Forget the turn in progress (after the assistant took the floor back, or on hang-up)."""
        self._turn = None
        self._turn_model.clear()

    async def aclose(self) -> None:
        await self._vad.cleanup()
