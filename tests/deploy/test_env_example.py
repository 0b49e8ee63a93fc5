""".env.example documents every setting of core/settings.py, every variable docker-compose.yml reads, and nothing
else; each documented setting shows its real default."""

from __future__ import annotations

import re

from core.settings import Settings
from tests.deploy.conftest import REPO

ENV_EXAMPLE = REPO / ".env.example"
# `NAME=value` or its commented form `# NAME=value` (a setting left at its default).
_ASSIGNMENT = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$")
_COMPOSE_VARIABLE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)")
# Defaults that depend on the machine, documented in a portable form.
_PORTABLE_DEFAULTS = {"MODEL_CACHE_DIR": "~/.cache/apitap/models"}


def documented() -> dict[str, str]:
    found: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if match := _ASSIGNMENT.match(line):
            name, value = match.groups()
            assert name not in found, f"{name} is documented twice"
            found[name] = value
    return found


def setting_names() -> set[str]:
    return {name.upper() for name in Settings.model_fields}


def compose_variables() -> set[str]:
    return set(_COMPOSE_VARIABLE.findall((REPO / "docker-compose.yml").read_text()))


def test_every_setting_and_compose_variable_is_documented():
    missing = (setting_names() | compose_variables()) - set(documented())
    assert not missing, f"undocumented in .env.example: {sorted(missing)}"


def test_nothing_unknown_is_documented():
    unknown = set(documented()) - setting_names() - compose_variables()
    assert not unknown, f".env.example names variables nothing reads: {sorted(unknown)}"


def test_each_documented_setting_has_a_comment_line_above_it():
    lines = ENV_EXAMPLE.read_text().splitlines()
    for index, line in enumerate(lines):
        if (match := _ASSIGNMENT.match(line)) and match.group(1) in setting_names():
            above = lines[index - 1]
            assert above.startswith("# ") and not _ASSIGNMENT.match(above), f"no comment above {match.group(1)}"


def _as_env_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return ",".join(str(item) for item in value)
    if hasattr(value, "get_secret_value"):
        return value.get_secret_value()
    return str(getattr(value, "value", value))


def test_documented_defaults_are_the_real_defaults():
    values = documented()
    for name, field in Settings.model_fields.items():
        env_name = name.upper()
        default = _PORTABLE_DEFAULTS.get(env_name) or _as_env_text(field.get_default(call_default_factory=True))
        assert values[env_name] == default, f"{env_name}: .env.example says {values[env_name]!r}, code {default!r}"


def test_the_example_itself_loads_as_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in setting_names():
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".env").write_text(ENV_EXAMPLE.read_text())
    settings = Settings()
    assert settings.api_keys == []
    assert settings.database_url is None
