"""Where the router's best tool can be trusted: a recorded eval run's tool turns ranked again by the router,
bucketed by whether its best label is a tool or `reply` (no tool) and by its confidence, beside whether the agent
picked the right tool (or rightly none) in that run.

    python -m evals.router_calibration eval-runs/dev/run.json

Calibrate `AgentContext.confident` on the dev cases' run, never on the frozen set's."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def calibration(run: dict) -> dict[str, dict[str, int]]:
    from agent.routing import REPLY, route
    from tools import TOOLS

    buckets: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(
        lambda: {"turns": 0, "agent_right": 0, "router_right": 0}))
    for case in run["runs"]:
        for turn in case["turns"]:
            if turn["expects_tools"]:
                expected = {name for names in turn["expected_tool_names"] for name in names.split("|")}
                agent_right = bool(turn["tools_correct"])
            elif turn.get("expects_abstention"):
                expected, agent_right = {REPLY}, bool(turn["abstained"])
            else:
                continue
            ranking = route(TOOLS, turn["said"])
            kind = "reply" if ranking.best == REPLY else "tool"
            bucket = buckets[kind][f"{min(int(ranking.probabilities[0] * 10), 9) / 10:.1f}"]
            bucket["turns"] += 1
            bucket["agent_right"] += agent_right
            bucket["router_right"] += ranking.best in expected
    return {kind: dict(sorted(by_confidence.items())) for kind, by_confidence in sorted(buckets.items())}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m evals.router_calibration RUN.json", file=sys.stderr)
        return 2
    try:
        run = json.loads(Path(argv[0]).read_text())
    except (OSError, ValueError) as exc:
        print(f"error: cannot read {argv[0]}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"router_best_label_and_confidence_at_least": calibration(run)}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
