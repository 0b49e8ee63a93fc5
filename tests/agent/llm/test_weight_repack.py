"""When llama.cpp may repack the weights (agent/llm/llamacpp.weight_repack): never on a CPU with AMX unless asked."""

from __future__ import annotations

import pytest

from agent.llm.llamacpp import EmbeddedLlamaChat, weight_repack
from core.settings import Settings

AMX_XEON = "fpu sse2 avx avx2 avx512f avx512_vnni amx_bf16 avx512_fp16 amx_tile amx_int8"
AVX2_ONLY = "fpu sse2 avx avx2 fma f16c"


@pytest.mark.parametrize(("setting", "flags", "expected"), [
    ("auto", AMX_XEON, False),
    ("auto", AVX2_ONLY, True),
    ("auto", "", True),
    ("on", AMX_XEON, True),
    ("off", AVX2_ONLY, False),
])
def test_auto_repacks_except_on_a_cpu_with_amx(setting, flags, expected):
    assert weight_repack(setting, flags) is expected


def test_the_setting_reaches_the_embedded_model():
    assert EmbeddedLlamaChat.from_settings(Settings(llm_weight_repack="off")).repack is False
    assert EmbeddedLlamaChat.from_settings(Settings(llm_weight_repack="on")).repack is True


def test_an_unknown_setting_is_refused():
    with pytest.raises(ValueError, match="llm_weight_repack"):
        Settings(llm_weight_repack="sometimes")
