"""The agent reads tools' declarations only: no built-in tool's name appears in its code, so a plugin gets the same
treatment and adding a tool touches no agent module."""

from __future__ import annotations

import re
from pathlib import Path

from tools import TOOLS

AGENT = Path(__file__).resolve().parents[2] / "agent"


def test_no_agent_module_names_a_built_in_tool():
    names = re.compile(r"\b(" + "|".join(re.escape(t.name) for t in TOOLS) + r")\b")
    found = [f"{path.relative_to(AGENT.parent)}:{n}: {m.group()}"
             for path in sorted(AGENT.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if (m := names.search(line))]
    assert len(TOOLS) >= 10 and found == []
