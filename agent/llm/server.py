"""`python -m agent.llm.server ARGS`: llama-cpp-python's OpenAI-compatible server (`python -m llama_cpp.server ARGS`,
same arguments) with the embedded provider's rule for repacked weights (`LLM_WEIGHT_REPACK`), so that the `openai`
provider can be pointed at a local llama.cpp server that does not crash on a CPU with AMX."""

from __future__ import annotations

import runpy

from agent.llm.llamacpp import model_params, weight_repack
from core.settings import Settings


def main() -> None:
    with model_params(weight_repack(Settings().llm_weight_repack)):
        runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
