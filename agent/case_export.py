"""A reviewed conversation as an eval case (the harness's YAML, `evals/case.schema.json`), so a bad call becomes a
regression test: `apitap review export SESSION_ID -o case.yaml`, then `apitap eval --cases case.yaml`.

Each recorded turn becomes a turn of the case: what the caller said, and as expectations the tool calls the agent
made (or `no_tool` where it made none). They record what happened, right or wrong: edit the wrong ones to what
the agent should have done. The recording is redacted, so a redacted value is expected only to be present, except
the e-mail address of a caller who verified in the conversation, which becomes `{customer.email}` (the case's
caller is then that customer, and the eval resolves the placeholder from the database).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from agent.review import Conversation

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\.([a-z_0-9]+)\}")
_REDACTED = re.compile(r"\[(?:email|phone|card|redacted)\]")
_CASE_ID_CHARS = re.compile(r"[^a-z0-9._-]+")
_LANGUAGES = ("en", "es")


class NothingToExport(ValueError):
    """The conversation has no recorded turns."""


def case_id(session_id: str) -> str:
    slug = _CASE_ID_CHARS.sub("-", session_id.lower()).strip("-.") or "conversation"
    return f"review-{slug}"[:80].rstrip("-.")


def eval_case(conversation: Conversation) -> dict[str, Any]:
    turns = conversation.turns
    if not turns:
        raise NothingToExport(f"conversation {conversation.session_id} has no recorded turns")
    known = next((t for t in turns if t.identity != "anonymous"), None)
    caller: dict[str, Any] = {}
    email_placeholder = False
    if known is not None and known.customer_id is not None:
        self_verified = known.identity == "verified"
        caller = {"identity": "self_verifying" if self_verified else "verified", "customer_id": known.customer_id}
        email_placeholder = self_verified
    flags = sorted({flag for turn in turns for flag in turn.flags})
    case: dict[str, Any] = {
        "id": case_id(conversation.session_id),
        "description": (
            f"Conversation {conversation.session_id} of {turns[0].at:%Y-%m-%d}, exported from the review "
            f"({len(turns)} turn{'s' if len(turns) != 1 else ''}; flags: {', '.join(flags) or 'none'}). The "
            "expectations are the tool calls the agent made: correct the wrong ones."
        ),
        "tags": ["review", *flags],
        "language": turns[0].language if turns[0].language in _LANGUAGES else "en",
    }
    if caller:
        case["caller"] = caller
    case["turns"] = [_turn(turn.heard, turn.tool_calls, email_placeholder) for turn in turns]
    return case


def _turn(heard: str, calls: list[Any], email_placeholder: bool) -> dict[str, Any]:
    say = _said(heard, email_placeholder)
    if not calls:
        return {"say": say, "expect": {"no_tool": True}}
    expected = []
    for call in calls:
        args = {name: _expected_value(value, email_placeholder) for name, value in call.args.items()
                if value is not None}
        expected.append({"name": call.name, "args": args} if args else {"name": call.name})
    return {"say": say, "expect": {"tools": expected}}


def _said(heard: str, email_placeholder: bool) -> str:
    # Braces the caller typed must not read as a `{lookup.field}` placeholder.
    said = _PLACEHOLDER.sub(lambda m: f"({m.group(1)}.{m.group(2)})", heard)
    if email_placeholder:
        said = said.replace("[email]", "{customer.email}")
    return said or "…"


def _expected_value(value: Any, email_placeholder: bool) -> Any:
    if isinstance(value, str):
        if email_placeholder and value == "[email]":
            return "{customer.email}"
        if _REDACTED.search(value) or _PLACEHOLDER.search(value):
            return {"present": True}
        return value
    if isinstance(value, bool | int | float):
        return value
    return {"present": True}


def case_yaml(conversation: Conversation) -> str:
    header = (f"# Exported from the Apitap review: conversation {conversation.session_id}.\n"
              "# Run it with `apitap eval --cases THIS_FILE`; check it with `apitap eval check --cases THIS_FILE`.\n")
    body = yaml.safe_dump({"cases": [eval_case(conversation)]}, sort_keys=False, allow_unicode=True, width=110)
    return header + body
