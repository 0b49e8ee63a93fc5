"""The calibration table counts a recorded run's tool and no-tool turns by the router's best label and confidence
(real router, no model)."""

from evals.router_calibration import calibration, main


def _turn(said: str, expected: str, right: bool, expects_tools: bool = True, abstains: bool = False) -> dict:
    return {"said": said, "expected_tool_names": [expected], "tools_correct": right, "expects_tools": expects_tools,
            "expects_abstention": not expects_tools and abstains, "abstained": right}


def test_counts_router_and_agent_per_best_label_and_confidence_bucket():
    run = {"runs": [{"turns": [
        _turn("What is your return policy?", "get_policy", False),
        _turn("What is your return policy?", "search_products|get_product", True),
        _turn("hello", "get_policy", True, expects_tools=False),
        _turn("thank you so much, goodbye", "", True, expects_tools=False, abstains=True),
    ]}]}
    table = calibration(run)
    tools, replies = table["tool"].values(), table["reply"].values()
    assert sum(b["turns"] for b in tools) == 2
    assert sum(b["agent_right"] for b in tools) == 1
    assert sum(b["router_right"] for b in tools) == 1
    assert [(b["turns"], b["agent_right"], b["router_right"]) for b in replies] == [(1, 1, 1)]


def test_a_missing_run_file_is_a_one_line_error(tmp_path, capsys):
    assert main([str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
