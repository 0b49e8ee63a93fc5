"""Assembling split model files: checksum, one assembly under concurrent first starts, where models come from."""

from __future__ import annotations

import hashlib
import multiprocessing
import threading
from pathlib import Path

import pytest

from core.model_assets import ModelAssetError, SplitAsset, assemble
from voice.stt.whisper import WHISPER_BASE, resolve_model

PARTS = [b"first slice of weights " * 4000, b"second slice " * 3000, b"tail"]
WHOLE = b"".join(PARTS)


def write_parts(directory: Path) -> list[Path]:
    paths = []
    for index, content in enumerate(PARTS):
        path = directory / f"model.bin.part{index + 1}"
        path.write_bytes(content)
        paths.append(path)
    return paths


def asset_from(paths: list[Path], log: Path | None = None, sha256: str | None = None) -> SplitAsset:
    def parts() -> list[Path]:
        if log is not None:
            with log.open("a") as handle:  # O_APPEND: one line per assembly, from any process
                handle.write("assembled\n")
        return paths

    return SplitAsset(
        name="fake-model", sha256=sha256 or hashlib.sha256(WHOLE).hexdigest(), size=len(WHOLE), parts=parts
    )


def test_parts_are_joined_in_order_and_verified(tmp_path: Path) -> None:
    target = assemble(asset_from(write_parts(tmp_path)), tmp_path / "cache" / "model.bin")
    assert target.read_bytes() == WHOLE


def test_checksum_mismatch_is_a_clear_error_and_leaves_nothing_behind(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with pytest.raises(ModelAssetError, match="sha256.*reinstall the model packages"):
        assemble(asset_from(write_parts(tmp_path), sha256="0" * 64), cache / "model.bin")
    assert sorted(p.name for p in cache.iterdir()) == ["model.bin.lock"]


def test_a_replaced_file_is_assembled_again(tmp_path: Path) -> None:
    log = tmp_path / "assemblies.log"
    asset = asset_from(write_parts(tmp_path), log)
    target = assemble(asset, tmp_path / "cache" / "model.bin")
    target.write_bytes(b"truncated")

    assemble(asset, target)

    assert target.read_bytes() == WHOLE
    assert log.read_text().count("assembled") == 2


def test_concurrent_threads_assemble_once(tmp_path: Path) -> None:
    log = tmp_path / "assemblies.log"
    asset = asset_from(write_parts(tmp_path), log)
    target = tmp_path / "cache" / "model.bin"
    start = threading.Barrier(4)
    results: list[bytes] = []

    def first_start() -> None:
        start.wait()
        results.append(assemble(asset, target).read_bytes())

    workers = [threading.Thread(target=first_start) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert results == [WHOLE] * 4
    assert log.read_text().count("assembled") == 1


def _assemble_in_process(directory: str, start: multiprocessing.synchronize.Event, out: str) -> None:
    base = Path(directory)
    asset = asset_from(sorted(base.glob("model.bin.part*")), base / "assemblies.log")
    start.wait()
    Path(out).write_bytes(hashlib.sha256(assemble(asset, base / "cache" / "model.bin").read_bytes()).digest())


def test_concurrent_processes_assemble_once(tmp_path: Path) -> None:
    write_parts(tmp_path)
    # spawn, not fork: a forked child inherits models loaded by earlier tests in this process (Whisper's
    # thread pool), and freeing them in the child aborts it, which says nothing about assembly.
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    outs = [tmp_path / f"result{i}" for i in range(2)]
    processes = [
        context.Process(target=_assemble_in_process, args=(str(tmp_path), start, str(out))) for out in outs
    ]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(60)

    assert [process.exitcode for process in processes] == [0, 0]
    assert [out.read_bytes() for out in outs] == [hashlib.sha256(WHOLE).digest()] * 2
    assert (tmp_path / "assemblies.log").read_text().count("assembled") == 1


def test_whisper_model_source_prefers_a_local_directory(tmp_path: Path) -> None:
    assert resolve_model(str(tmp_path), tmp_path / "cache") == str(tmp_path)


def test_whisper_hub_names_are_passed_through(tmp_path: Path) -> None:
    assert resolve_model("small", tmp_path / "cache") == "small"
    assert not (tmp_path / "cache").exists()


@pytest.mark.models
def test_packaged_whisper_base_assembles_to_the_published_checksum(tmp_path: Path) -> None:
    directory = Path(resolve_model("base", tmp_path))

    assert (directory / "model.bin").stat().st_size == WHISPER_BASE.size
    assert hashlib.sha256((directory / "model.bin").read_bytes()).hexdigest() == WHISPER_BASE.sha256
    assert {"config.json", "tokenizer.json", "vocabulary.txt"} <= {p.name for p in directory.iterdir()}
