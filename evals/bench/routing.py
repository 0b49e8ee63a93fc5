"""The first stage of a tool decision alone: how often the router's best label, and its shortlist, hold a tool
the case expects (or `reply` for a turn that must call none). No model runs, so a whole case set takes seconds.

Only each case's first turn counts where later turns lean on the conversation, which the router does not see.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from time import perf_counter

from core.settings import get_settings
from evals.bench.stats import p50_p95
from evals.cases import Case, load_cases
from evals.lookups import Bindings, MissingCaseData
from tools import all_tools
from tools.db.engine import ensure_initialised, make_engine


def _labelled_turns(cases: list[Case], db) -> list[tuple[str, str, set[str]]]:
    """(language, words, labels that count as right) for every first turn with a clear expectation."""
    from agent.routing import REPLY

    turns = []
    for case in cases:
        turn = case.turns[0]
        wanted = {name for call in turn.expect.tools for name in call.names} or ({REPLY} if turn.expect.no_tool else set())
        if not wanted:
            continue
        try:
            said = Bindings(db, case).render(turn.say)
        except MissingCaseData:
            continue
        turns.append((case.language, said, wanted))
    return turns


def run(cases: list[Path] | None, shortlist: int, mass: float, progress: bool = True) -> dict:
    from agent.routing import route

    settings = get_settings()
    db = make_engine(settings.effective_database_url, read_only=True)
    ensure_initialised(db)
    tools = all_tools()
    turns = _labelled_turns(load_cases(cases), db)
    route(tools, "hello")  # trains the router once, outside the timings
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: list[dict] = []
    latencies = []
    sizes = []
    confident = defaultdict(lambda: [0, 0])
    for language, said, wanted in turns:
        began = perf_counter()
        ranking = route(tools, said)
        latencies.append((perf_counter() - began) * 1000)
        top = ranking.best in wanted
        sizes.append(len(ranking.shortlist(shortlist, mass)))
        for threshold in (0.5, 0.7, 0.9):
            if ranking.probabilities[0] >= threshold:
                confident[threshold][0] += 1
                confident[threshold][1] += top
        listed = bool(wanted & set(ranking.shortlist(shortlist, mass)))
        for key in ("all", language):
            hits[key][0] += 1
            hits[key][1] += top
            hits[key][2] += listed
        if not listed:
            misses.append({"said": said, "expected": sorted(wanted), "shortlist": ranking.shortlist(shortlist, mass)})
    return {
        "turns": len(turns),
        "shortlist_size": shortlist,
        "mass": mass,
        "top1": {k: round(v[1] / v[0], 3) for k, v in sorted(hits.items())},
        "in_shortlist": {k: round(v[2] / v[0], 3) for k, v in sorted(hits.items())},
        "mean_shortlist": round(sum(sizes) / len(sizes), 2),
        "when_sure": {f"p>={t}": {"share": round(n / len(turns), 3), "top1": round(ok / n, 3)}
                      for t, (n, ok) in sorted(confident.items()) if n},
        "rank_ms": p50_p95(latencies),
        "not_in_shortlist": misses[:40],
    }
