"""The audio cache: opaque ids only, expiry, the size cap, and a disk that refuses writes."""

from __future__ import annotations

import os
import time

import pytest

from api.audio_cache import AudioCache, AudioNotFound, AudioStoreError, InvalidAudioId


@pytest.fixture
def cache(tmp_path) -> AudioCache:
    return AudioCache(tmp_path / "audio", ttl_s=60, max_bytes=1000)


def test_stores_and_finds_by_id(cache):
    audio_id = cache.store(b"RIFF" + b"\0" * 100)
    assert len(audio_id) == 32 and int(audio_id, 16) >= 0
    assert cache.path_for(audio_id).read_bytes()[:4] == b"RIFF"


@pytest.mark.parametrize("bad", ["../../etc/passwd", "..", "A" * 32, "0" * 31, "0" * 33, "0" * 30 + "/x", ""])
def test_ids_that_are_not_32_hex_characters_are_refused(cache, bad):
    with pytest.raises(InvalidAudioId):
        cache.path_for(bad)


def test_unknown_and_expired_ids_are_not_found(cache):
    with pytest.raises(AudioNotFound):
        cache.path_for("0" * 32)
    audio_id = cache.store(b"x" * 10)
    old = time.time() - 120
    os.utime(cache.path_for(audio_id), (old, old))
    with pytest.raises(AudioNotFound):
        cache.path_for(audio_id)
    assert cache.sweep() == 1
    assert list(cache.directory.iterdir()) == []


def test_the_size_cap_evicts_the_oldest(cache):
    first = cache.store(b"a" * 400)
    os.utime(cache.path_for(first), (time.time() - 10, time.time() - 10))
    second = cache.store(b"b" * 400)
    third = cache.store(b"c" * 400)
    with pytest.raises(AudioNotFound):
        cache.path_for(first)
    assert cache.path_for(second).exists() and cache.path_for(third).exists()


def test_audio_larger_than_the_cache_is_refused(cache):
    with pytest.raises(AudioStoreError, match="larger than the audio cache"):
        cache.store(b"x" * 2000)


def test_an_unwritable_directory_gives_a_reason(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(AudioStoreError) as refused:
        AudioCache(blocker / "audio", ttl_s=60, max_bytes=1000).store(b"x")
    assert refused.value.reason == "the server could not store the answer audio (disk full or not writable)"
