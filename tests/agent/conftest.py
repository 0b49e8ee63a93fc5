"""Fixtures shared by the agent tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.i18n import add_catalogue_dir, remove_catalogue_dir

THIRD_LANGUAGE_DIR = Path(__file__).resolve().parent / "fixtures" / "locales"
"""A Portuguese catalogue (`pt.yaml`): a third language added as a file, with no edit to agent code."""


@pytest.fixture
def portuguese() -> Iterator[Path]:
    """Portuguese is a supported language for the length of one test."""
    add_catalogue_dir(THIRD_LANGUAGE_DIR)
    try:
        yield THIRD_LANGUAGE_DIR
    finally:
        remove_catalogue_dir(THIRD_LANGUAGE_DIR)
