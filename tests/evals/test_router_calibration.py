"""The calibration table counts a recorded run's tool turns by the router's confidence (real router, no model)."""

from evals.router_calibration import calibration, main


def _turn(said: str, expected: str, right: bool, expects_tools: bool = True) -> dict:
    return {"said": said, "expected_tool_names": [expected], "tools_correct": right, "expects_tools": expects_tools}


def test_counts_router_and_agent_per_confidence_bucket():
    run = {"runs": [{"turns": [
        _turn("What is your return policy?", "get_policy", False),
        _turn("What is your return policy?", "search_products|get_product", True),
        _turn("hello", "get_policy", True, expects_tools=False),
    ]}]}
    table = calibration(run)
    assert sum(b["turns"] for b in table.values()) == 2
    assert sum(b["agent_right"] for b in table.values()) == 1
    assert sum(b["router_right"] for b in table.values()) == 1


def test_a_missing_run_file_is_a_one_line_error(tmp_path, capsys):
    assert main([str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
