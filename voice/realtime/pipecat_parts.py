"""The pipecat-ai parts Apitap uses, imported in one place: Silero VAD, Smart Turn v3 (local ONNX, shipped in the
wheel), the carrier serializers' codecs and the stream resampler. pipecat logs through loguru; its records are routed
to the standard `logging` tree here (warnings and up), so they share our format and redaction."""

from __future__ import annotations

import logging

from voice.interfaces import EngineUnavailable

_pipecat_log = logging.getLogger("pipecat")


def _to_logging(message) -> None:
    record = message.record
    _pipecat_log.log(record["level"].no, record["message"])


try:
    from loguru import logger as _loguru

    _loguru.remove()
    _loguru.add(_to_logging, level="WARNING", format="{message}")

    from pipecat.audio.turn.base_turn_analyzer import EndOfTurnState
    from pipecat.audio.turn.smart_turn.base_smart_turn import SmartTurnParams
    from pipecat.audio.turn.smart_turn.local_smart_turn_v3 import LocalSmartTurnAnalyzerV3
    from pipecat.audio.utils import create_stream_resampler, pcm_to_ulaw, ulaw_to_pcm
    from pipecat.audio.vad.silero import SileroVADAnalyzer
    from pipecat.audio.vad.vad_analyzer import VADParams, VADState
except ImportError as exc:  # the `realtime` extra is optional; the routes report it instead of failing to import
    raise EngineUnavailable(f"hands-free audio needs pipecat-ai: pip install 'apitap[realtime]' ({exc})") from exc

__all__ = [
    "EndOfTurnState", "LocalSmartTurnAnalyzerV3", "SileroVADAnalyzer", "SmartTurnParams", "VADParams", "VADState",
    "create_stream_resampler", "pcm_to_ulaw", "ulaw_to_pcm",
]
