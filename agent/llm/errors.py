"""The two ways a chat model can fail that the agent handles on purpose."""

from __future__ import annotations


class LLMUnavailable(RuntimeError):
    """The model cannot answer now: server unreachable, timed out, busy, or the model is missing.

    The message is plain language, safe to log and to show an operator; the graph answers the caller with an
    "assistant unavailable" reply instead of a traceback.
    """


class LLMContextOverflow(LLMUnavailable):
    """The conversation no longer fits in the model's context window (LLM_CONTEXT_TOKENS)."""


class LLMConfigError(ValueError):
    """The LLM settings cannot work (bad URL, missing GGUF file); raised when the chat model is built."""
