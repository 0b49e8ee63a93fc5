"""Reading the `/ws/voice` stream in tests: JSON frames, and each `audio` header paired with its binary frame."""

from __future__ import annotations

import json
from typing import Any

from starlette.testclient import WebSocketTestSession


def next_frame(ws: WebSocketTestSession) -> dict[str, Any]:
    """The next server message: a JSON frame, or {"type": "binary", "data": bytes}."""
    message = ws.receive()
    if message.get("bytes") is not None:
        return {"type": "binary", "data": message["bytes"]}
    if message["type"] == "websocket.close":
        return {"type": "closed", "code": message.get("code")}
    return json.loads(message["text"])


def frames_until(ws: WebSocketTestSession, *last_types: str) -> list[dict[str, Any]]:
    """Every frame up to and including the first whose type is one of `last_types`."""
    frames = []
    while True:
        frame = next_frame(ws)
        frames.append(frame)
        if frame["type"] in last_types:
            return frames


def types(frames: list[dict[str, Any]]) -> list[str]:
    return [frame["type"] for frame in frames]


def check_audio_pairs(frames: list[dict[str, Any]]) -> list[bytes]:
    """Every `audio` header is followed at once by one binary WAV of the announced size; returns the WAVs."""
    wavs = []
    for index, frame in enumerate(frames):
        if frame["type"] == "audio":
            binary = frames[index + 1]
            assert binary["type"] == "binary", f"audio frame {frame} not followed by its WAV"
            assert len(binary["data"]) == frame["bytes"]
            assert binary["data"][:4] == b"RIFF" and frame["mime"] == "audio/wav"
            assert frame["seq"] == len(wavs) and frame["text"]
            wavs.append(binary["data"])
        elif frame["type"] == "binary":
            assert index > 0 and frames[index - 1]["type"] == "audio", "a binary frame without its audio header"
    return wavs


def first_index(frames: list[dict[str, Any]], kind: str) -> int:
    return types(frames).index(kind)
