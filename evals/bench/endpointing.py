"""The words-based end-of-turn judge alone, on caller words it never learned from: how often a whole caller turn
would be held for more words (the caller then waits up to REALTIME_TURN_STOP_S), and how often the same turn cut
off at an earlier word would be let through (a false cut-off wherever Smart Turn also calls the pause complete),
at each threshold. No audio and no model run, so a whole case set takes seconds.

Every caller turn of the case files counts as whole; every cut of it after its second word and before its last
counts as cut off. Some cuts are whole sentences too ("Where is my order" of "Where is my order 12?"), so the
cut-off figure is a floor on what a threshold holds, the same floor at every threshold.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from core.settings import get_settings
from evals.cases import load_cases
from evals.lookups import Bindings, MissingCaseData
from tools import all_tools
from tools.db.engine import ensure_initialised, make_engine

THRESHOLDS = (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.95)


def _caller_turns(cases_paths: list[Path] | None) -> list[tuple[str, str]]:
    settings = get_settings()
    db = make_engine(settings.effective_database_url, read_only=True)
    ensure_initialised(db)
    turns = []
    for case in load_cases(cases_paths):
        try:
            bindings = Bindings(db, case)
            turns += [(case.language, bindings.render(turn.say)) for turn in case.turns]
        except MissingCaseData:
            continue
    return turns


def run(cases: list[Path] | None, progress: bool = True) -> dict:
    from agent.routing import requests_by_language
    from voice.realtime.completeness import Completeness
    from voice.realtime.session import SessionSettings, sounds_unfinished

    judge = Completeness(requests_by_language(all_tools()))
    turns = _caller_turns(cases)
    held_whole: dict[float, dict[str, list[int]]] = {t: defaultdict(lambda: [0, 0]) for t in THRESHOLDS}
    held_cut: dict[float, dict[str, list[int]]] = {t: defaultdict(lambda: [0, 0]) for t in THRESHOLDS}
    let_through: dict[float, list[str]] = defaultdict(list)
    wrongly_held: dict[float, list[str]] = defaultdict(list)
    for index, (language, said) in enumerate(turns):
        words = said.split()
        cuts = [" ".join(words[:k]) for k in range(2, len(words))]
        for threshold in THRESHOLDS:
            held = sounds_unfinished(said, language, judge, threshold)
            for key in ("all", language):
                held_whole[threshold][key][0] += 1
                held_whole[threshold][key][1] += held
            if held:
                wrongly_held[threshold].append(said)
            for cut in cuts:
                cut_held = sounds_unfinished(cut, language, judge, threshold)
                for key in ("all", language):
                    held_cut[threshold][key][0] += 1
                    held_cut[threshold][key][1] += cut_held
                if not cut_held:
                    let_through[threshold].append(f"{cut} …")
        if progress and index % 50 == 0:
            print(f"\r{index}/{len(turns)} turns", end="", flush=True, file=sys.stderr)
    if progress:
        print(file=sys.stderr)
    configured = SessionSettings().unfinished_above

    def share(counts: dict[str, list[int]]) -> dict[str, float]:
        return {key: round(held / total, 3) for key, (total, held) in sorted(counts.items()) if total}

    return {
        "caller_turns": len(turns),
        "cuts": held_cut[THRESHOLDS[0]]["all"][0],
        "configured_threshold": configured,
        "by_threshold": {
            str(t): {"whole_turns_held": share(held_whole[t]), "cuts_held": share(held_cut[t])} for t in THRESHOLDS
        },
        "examples_at_configured": {
            "whole_held": wrongly_held[configured][:15] if configured in THRESHOLDS else [],
            "cut_let_through": let_through[configured][:15] if configured in THRESHOLDS else [],
        },
    }
