"""Hands-free, real-time conversation: continuous listening, end of turn, barge-in and paced sentence playback.

Engine- and transport-agnostic: the browser WebSocket and the phone stream (api/routers) feed 16 kHz PCM frames in
and carry audio out. The well-kept parts come from pipecat-ai (Silero VAD, Smart Turn v3, carrier serializers).
"""
