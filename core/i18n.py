"""Languages as data: one message catalogue per language for every fixed sentence and answer template.

A catalogue is a YAML file `<code>.yaml` of nested keys (`answers.order_status`, `fixed.verify_first`, ...) whose
leaves are `str.format` templates. The built-in catalogues live in `core/locales/`; more directories (a plugin's,
a third language's) are added with `add_catalogue_dir`. A key missing in a language falls back to the default
language's sentence, never to another language's.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError

DEFAULT_LANGUAGE = "en"
BUILT_IN_DIR = Path(__file__).resolve().parent / "locales"

_dirs: list[Path] = [BUILT_IN_DIR]
_lock = threading.Lock()
_version = 0


class MissingMessage(KeyError):
    """No catalogue, not even the default language's, has this key: a bug in the caller."""


def add_catalogue_dir(directory: Path) -> None:
    """Add a directory of `<code>.yaml` catalogues; its keys override or extend the built-in ones."""
    with _lock:
        if directory not in _dirs:
            _dirs.append(directory)
    _forget()


def remove_catalogue_dir(directory: Path) -> None:
    """Undo `add_catalogue_dir` (tests; a plugin being unloaded). The built-in catalogues stay."""
    with _lock:
        if directory in _dirs and directory != BUILT_IN_DIR:
            _dirs.remove(directory)
    _forget()


def version() -> int:
    """Changes whenever the catalogue directories change: what is derived from the catalogues is rebuilt."""
    return _version


def _forget() -> None:
    global _version
    _version += 1
    _catalogue.cache_clear()
    languages.cache_clear()


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """Every language with a catalogue, the default first."""
    found = {path.stem for directory in _dirs for path in directory.glob("*.yaml")}
    return (DEFAULT_LANGUAGE, *sorted(found - {DEFAULT_LANGUAGE}))


def is_supported(language: str) -> bool:
    return language in languages()


def choices_text(extra: tuple[str, ...] = ()) -> str:
    """The accepted values as pydantic words a Literal's: `'en', 'es' or 'auto'`."""
    quoted = [f"'{code}'" for code in (*languages(), *extra)]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _supported(value: str) -> str:
    if not is_supported(value):
        raise PydanticCustomError("language", "Input should be {choices}", {"choices": choices_text()})
    return value


class _LanguagesSchema:
    """The JSON schema of a Language: an enum of the languages with a catalogue when the schema is made (OpenAPI,
    a tool's arguments), so a third language's file shows up there too."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {"type": "string", "enum": list(languages())}


Language = Annotated[str, AfterValidator(_supported), _LanguagesSchema()]
"""A language code ("en", "es", "pt"): a language is whatever has a catalogue. Validated where pydantic reads it."""


class Messages(Mapping[str, str]):
    """The sentence `key` in every language, read as `MESSAGES[language]` (an unknown language gets the default's)."""

    def __init__(self, key: str):
        self.key = key

    def __getitem__(self, language: str) -> str:
        return say(self.key, language)

    def __iter__(self):
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())

    def __repr__(self) -> str:
        return f"Messages({self.key!r})"


def say(key: str, language: str, /, **fields: Any) -> str:
    """The sentence `key` in `language`, its `{fields}` filled in."""
    template = message(key, language)
    if not isinstance(template, str):
        raise MissingMessage(f"{key!r} is not a sentence")
    return template.format(**fields) if fields else template


def message(key: str, language: str) -> Any:
    """The catalogue entry `key` (a sentence, a list or a mapping) in `language`, else in the default language."""
    for code in (language, DEFAULT_LANGUAGE):
        found = _lookup(_catalogue(code), key)
        if found is not None:
            return found
    raise MissingMessage(key)


def has_message(key: str, language: str) -> bool:
    return _lookup(_catalogue(language), key) is not None


def every(key: str) -> dict[str, Any]:
    """`key` in every language that has it: {code: entry}."""
    return {code: found for code in languages() if (found := _lookup(_catalogue(code), key)) is not None}


def _lookup(catalogue: Mapping[str, Any], key: str) -> Any:
    node: Any = catalogue
    for part in key.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


@lru_cache(maxsize=32)
def _catalogue(language: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for directory in list(_dirs):
        path = directory / f"{language}.yaml"
        if path.is_file():
            _merge(merged, yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return merged


def _merge(into: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value if not isinstance(value, Mapping) else dict(value)
