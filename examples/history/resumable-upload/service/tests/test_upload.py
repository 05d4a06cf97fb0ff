"""REQ-042: resumable uploads in 8 MB chunks."""
import pytest

from service import settings, storage, upload

MB = 1024**2


@pytest.fixture(autouse=True)
def fake_storage(monkeypatch):
    merged = {}
    monkeypatch.setattr(storage, "put_part", lambda key, n, data: f"{key}.part{n:05d}")
    monkeypatch.setattr(storage, "merge_parts", lambda key, parts: merged.setdefault(key, parts))
    upload._sessions.clear()
    return merged


def test_chunks_are_merged_in_order(fake_storage):
    session = upload.start("u1", "f", "big.bin", 20 * MB)
    assert session["chunks"] == 3
    for n in (2, 0, 1):
        upload.put_chunk(session["id"], n, b"x" * min(8 * MB, 20 * MB - n * 8 * MB))
    key = upload.complete(session["id"])
    assert fake_storage[key] == [f"{key}.part{n:05d}" for n in (1, 2, 3)]


def test_start_again_returns_the_confirmed_chunks():
    first = upload.start("u1", "f", "big.bin", 20 * MB)
    upload.put_chunk(first["id"], 0, b"x" * 8 * MB)
    again = upload.start("u1", "f", "big.bin", 20 * MB)
    assert again["id"] == first["id"] and again["confirmed"] == [0]


def test_a_chunk_of_the_wrong_size_is_refused():
    session = upload.start("u1", "f", "big.bin", 20 * MB)
    with pytest.raises(upload.UploadError, match="expected 8388608"):
        upload.put_chunk(session["id"], 0, b"x" * MB)


def test_idle_sessions_expire():
    session = upload.start("u1", "f", "big.bin", 20 * MB)
    upload.expire_idle(now=upload._sessions[session["id"]].last_seen + settings.UPLOAD_SESSION_IDLE_TIMEOUT + 1)
    with pytest.raises(upload.UploadError, match="expired"):
        upload.state(session["id"])
