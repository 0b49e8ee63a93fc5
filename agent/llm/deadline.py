"""One deadline for all the LLM calls of a turn.

A turn may call the model several times (choose a tool, a re-ask after an invalid call, the answer). Each call
with a timeout of its own let one turn wait two or three timeouts; instead the agent service opens one deadline
per turn (`turn_deadline`) and every call reads what is left of it (`seconds_left`). The value travels in a
context variable, so it reaches the worker thread the embedded model runs in.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

_deadline: ContextVar[float | None] = ContextVar("apitap_llm_turn_deadline", default=None)


@contextlib.contextmanager
def turn_deadline(seconds: float) -> Iterator[float]:
    """Every LLM call in the block (and in tasks and threads started from it) ends by `seconds` from now.
    Yields the deadline on the `time.monotonic()` clock."""
    deadline = time.monotonic() + seconds
    token = _deadline.set(deadline)
    try:
        yield deadline
    finally:
        # An async generator closed by the garbage collector runs this in another context; nothing to undo there.
        with contextlib.suppress(ValueError):
            _deadline.reset(token)


def seconds_left(default: float) -> float:
    """What is left of the turn's deadline, at most `default` (the per-call limit outside a turn)."""
    deadline = _deadline.get()
    if deadline is None:
        return default
    return max(0.0, min(default, deadline - time.monotonic()))
