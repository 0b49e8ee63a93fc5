"""`apitap bench tools` produces its JSON shape with every tool timed (the figures themselves are not asserted)."""

from __future__ import annotations

from evals.bench import tools as bench_tools
from tools import TOOLS


def test_bench_times_every_tool_on_the_demo(demo_sqlite_url, sqlite_db):
    result = bench_tools.run(url=demo_sqlite_url, repeat=3, progress=False)

    assert result["orders"] == sqlite_db.scalar("SELECT COUNT(*) FROM dbitems.tbl_order")
    assert set(result["tools"]) == {t.name for t in TOOLS}
    for timing in result["tools"].values():
        assert set(timing) == {"p50_ms", "p95_ms"} and 0 < timing["p50_ms"] <= timing["p95_ms"]
