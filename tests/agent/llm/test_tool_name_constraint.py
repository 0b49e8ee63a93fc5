"""The logits processor that holds a forced call's name to the offered tools (agent/llm/llamacpp.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from agent.llm.llamacpp import LoadedModel, _OnlyToolNames

# A tiny vocabulary; token 0 stands for the prompt.
PIECES = ["<prompt>", "get", "_order", "_status", "payment", "methods", '"', '",', "John", " Doe", "list", "_payment",
          "_methods", "getpayment"]
NAMES = ["get_order_status", "list_payment_methods"]
MODEL = LoadedModel(llama=None, template=None, path=Path("fake.gguf"), load_seconds=0.0, add_bos=False,
                    plain_answer_banned_ids=[], vocab_pieces=PIECES)


def best_next(written: list[int], preferred: list[int]) -> int:
    """The token the processor leaves on top when the model would rather say `preferred` (best first)."""
    scores = np.full(len(PIECES), -10.0)
    for rank, token_id in enumerate(preferred):
        scores[token_id] = 10.0 - rank
    candidates = MODEL.tool_name_candidates(NAMES)
    out = _OnlyToolNames(PIECES, NAMES, candidates, prompt_length=1)(np.array([0, *written]), scores)
    return int(np.argmax(out))


def test_a_name_that_is_no_tool_cannot_start():
    assert best_next([], preferred=[8, 13, 10]) == 10, "'John' and 'getpayment' lead to no tool; 'list' does"


def test_the_name_must_continue_towards_an_offered_tool():
    assert best_next([1], preferred=[4, 2]) == 2, "get → _order (there is no 'getpayment…' tool)"
    assert best_next([1, 2], preferred=[6, 3]) == 3, "the name cannot close early on 'get_order'"


def test_the_name_may_close_and_then_anything_goes():
    assert best_next([1, 2, 3], preferred=[7]) == 7
    assert best_next([1, 2, 3, 7], preferred=[8]) == 8


def test_candidates_are_the_tokens_a_name_can_be_made_of():
    assert [PIECES[t] for t in MODEL.tool_name_candidates(NAMES)] == [
        "get", "_order", "_status", "payment", "methods", '"', '",', "list", "_payment", "_methods"]
