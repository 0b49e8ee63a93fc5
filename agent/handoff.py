"""Handing a conversation to a person: when the caller asks for one, when the agent has failed them several turns in
a row, or when their verification is locked.

What counts as asking for a person is data: each language's catalogue lists, under `handoff.asks_for_person`,
phrases of word slots (`talk|speak to|with {people}`). A slot names whole words, or stems ending in `*`; up to two
other words may stand between slots ("talk to a real person"). A phrase that matches after a negation ("I don't
want to talk to a person") or inside a question about the agent itself ("are you a real person?") does not count.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from core.i18n import every

if TYPE_CHECKING:
    from agent.review import ReviewedTurn

_FILLER_WORDS = 2
"""Words allowed between two slots of a phrase ("talk to [a real] person")."""
_NEGATION_WINDOW = 3
"""Words before a match searched for a negation ("I [do not] want to talk to a person")."""

REASON_TEXT = {
    "asked_for_person": "the caller asked for a person",
    "repeated_failure": "the agent could not help several turns in a row",
    "verification_locked": "identity verification was locked after repeated failures",
}


# --- asking for a person ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Phrases:
    wanted: tuple[re.Pattern[str], ...]
    about_the_agent: tuple[re.Pattern[str], ...]
    negations: frozenset[str]
    alone: frozenset[str]
    """Words that make a request on their own ("Representative!", "un humano, por favor")."""
    polite: frozenset[str]


def normalized(text: str) -> str:
    """Lower case, accents gone, one space between words, and a "," wherever a clause ends, so neither a phrase nor
    a negation reaches across clauses: "No, ¡pásame con un AGENTE!" → "no , pasame con un agente ,"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z0-9']+|[,.;:!?¡¿]", plain)).translate(_CLAUSE_ENDS)


_CLAUSE_ENDS = str.maketrans({mark: "," for mark in ".;:!?¡¿"})


def _slot(alternatives: str, groups: dict[str, list[str]]) -> str:
    words: list[str] = []
    for alternative in alternatives.split("|"):
        if alternative.startswith("{") and alternative.endswith("}"):
            words.extend(groups[alternative[1:-1]])
        else:
            words.append(alternative)
    parts = [re.escape(normalized(w.rstrip("*"))) + (r"[a-z0-9']*" if w.endswith("*") else "") for w in words]
    return "(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")"


def _phrase(phrase: str, groups: dict[str, list[str]]) -> re.Pattern[str]:
    gap = rf"(?: [a-z0-9']+){{0,{_FILLER_WORDS}}} "
    slots = [_slot(slot, groups) for slot in phrase.split()]
    return re.compile(r"\b" + gap.join(slots) + r"\b")


@lru_cache(maxsize=1)
def _phrases() -> _Phrases:
    wanted: list[re.Pattern[str]] = []
    about_the_agent: list[re.Pattern[str]] = []
    words: dict[str, set[str]] = {"negations": set(), "alone": set(), "polite": set()}
    for entry in every("handoff.asks_for_person").values():
        groups = {name: str(names).split() for name, names in (entry.get("groups") or {}).items()}
        wanted.extend(_phrase(p, groups) for p in entry.get("phrases", []))
        about_the_agent.extend(_phrase(p, groups) for p in entry.get("about_the_agent", []))
        for kind, found in words.items():
            found.update(normalized(str(entry.get(kind, ""))).split())
    return _Phrases(tuple(wanted), tuple(about_the_agent), *(frozenset(words[k]) for k in words))


def asks_for_person(said: str) -> bool:
    """Does the caller ask to be put through to a person? Every language's phrases are tried, so a caller whose
    language was mis-detected is still understood."""
    text = normalized(said)
    phrases = _phrases()
    spoken = [word for word in text.split() if word != ","]
    if spoken and all(word in phrases.polite for word in spoken if word not in phrases.alone) and any(
        word in phrases.alone for word in spoken
    ):
        return True
    questions = [m.span() for pattern in phrases.about_the_agent for m in pattern.finditer(text)]
    for pattern in phrases.wanted:
        for match in pattern.finditer(text):
            in_a_question = any(start <= match.start() < end for start, end in questions)
            clause = text[: match.start()].split(",")[-1].split()
            if not in_a_question and not phrases.negations.intersection(clause[-_NEGATION_WINDOW:]):
                return True
    return False


# --- deciding ---------------------------------------------------------------------------------------------------


def decide(
    *, asked: bool, flags: list[str], earlier: list[list[str]], failed_turn_flags: Iterable[str],
    after_failed_turns: int, already_open: bool,
) -> str | None:
    """Why this turn hands the conversation to a person, or None. `earlier`: the flags of the session's earlier
    turns, oldest first. A session with a handoff still open gets no second one, unless the caller asks again (the
    caller then hears the reference they already have)."""
    if asked:
        return "asked_for_person"
    if already_open:
        return None
    if "verification_locked" in flags:
        return "verification_locked"
    failed = set(failed_turn_flags)
    if after_failed_turns > 0:
        streak = [flags, *reversed(earlier)][:after_failed_turns]
        if len(streak) == after_failed_turns and all(failed & set(f) and "handoff" not in f for f in streak):
            return "repeated_failure"
    return None


# --- the summary a person reads --------------------------------------------------------------------------------

_SAID_CHARS = 160
_TURNS_QUOTED = 3


def summarize(turns: list[ReviewedTurn], reason: str, identity: str, customer_id: int | None) -> str:
    """A few lines an agent can read before picking the conversation up, built from the recorded (already
    redacted) turns. It quotes only what the caller said and names only the customer id the caller was known by,
    so an anonymous caller's handoff holds nothing about anyone that the caller did not give."""
    first, last = turns[0], turns[-1]
    who = {
        "trusted": f"customer {customer_id} (identified by the integrating app)",
        "verified": f"customer {customer_id} (verified in the conversation)",
    }.get(identity, "not identified")
    topics = _unique(t.intent.replace("_", " ") for t in turns if t.intent != "general_inquiry")
    tools = _unique(f"{call.name} → {_outcome(call.result)}" for t in turns for call in t.tool_calls)
    flags = _unique(flag.replace("_", " ") for t in turns for flag in t.flags)
    said = [f"“{_clip(t.heard)}”" for t in turns[-_TURNS_QUOTED:]]
    lines = [
        f"Why: {REASON_TEXT.get(reason, reason)}.",
        f"Caller: {who}; language {last.language}; channel {last.channel}.",
        f"Conversation: {len(turns)} turn{'s' if len(turns) != 1 else ''} since {first.at:%Y-%m-%d %H:%M} UTC.",
        f"Asked about: {', '.join(topics) or 'nothing the tools cover'}.",
        f"Looked up: {'; '.join(tools) or 'nothing'}.",
        f"Flags: {', '.join(flags) or 'none'}.",
        f"Last said: {' / '.join(said)}",
    ]
    return "\n".join(lines)


def _outcome(result: dict[str, Any]) -> str:
    if "error" in result:
        return str(result["error"]).replace("_", " ")
    if result.get("verified") is False:
        return "not verified"
    return "answered"


def _clip(text: str) -> str:
    return text if len(text) <= _SAID_CHARS else text[: _SAID_CHARS - 1].rstrip() + "…"


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
