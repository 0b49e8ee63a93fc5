"""Expected tool failures: typed values whose message is safe to show the model and the caller.

Anything that is not one of these is a bug and propagates (with its traceback) to the log.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class ToolError(BaseModel):
    """An expected failure the agent can act on."""

    error: Literal["not_found", "verification_required", "invalid_argument", "unavailable"]
    message: str


def not_found(what: str) -> ToolError:
    return ToolError(error="not_found", message=what)


def verification_required() -> ToolError:
    return ToolError(
        error="verification_required",
        message="The caller must verify their identity first (e-mail and postal code, or phone last 4 digits "
        "and an order number).",
    )


def invalid_argument(message: str) -> ToolError:
    return ToolError(error="invalid_argument", message=message)
