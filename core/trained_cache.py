"""Small models trained here from declared data (the router, the end-of-turn judge): trained once per input and
kept in the model cache, so a later process loads them in milliseconds instead of training for seconds."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import joblib
import sklearn

log = logging.getLogger(__name__)

T = TypeVar("T")


def load_or_train(cache_dir: Path, name: str, inputs: Any, train: Callable[[], T]) -> T:
    """The model `train()` builds from `inputs` (JSON-able: what it learns from and how), loaded from
    `cache_dir/name/` when trained on the same inputs and scikit-learn version before."""
    key = hashlib.sha256(json.dumps([inputs, sklearn.__version__], sort_keys=True).encode()).hexdigest()
    path = cache_dir / name / f"{name}-{key[:24]}.joblib"
    try:
        return joblib.load(path)
    except (OSError, EOFError, ValueError, AttributeError, ImportError):
        pass  # not trained yet, or written by another version: train it
    model = train()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        joblib.dump(model, partial)
        partial.replace(path)
    except OSError as exc:
        log.warning("a trained model could not be cached", extra={"model": name, "error": str(exc)})
    return model
