"""REQ-042: resumable uploads in 8 MB chunks; FIX-012: sessions survive 24 h offline."""
import fakeredis
import pytest

from service import settings, storage, upload

MB = 1024**2
FP = "9f2c4e0d1b7a"  # the client's SHA-256 of the first MB, shortened


@pytest.fixture(autouse=True)
def fake_backends(monkeypatch):
    merged = {}
    server = fakeredis.FakeServer()
    monkeypatch.setattr(upload, "_redis", fakeredis.FakeRedis(server=server, decode_responses=True))
    monkeypatch.setattr(storage, "put_part", lambda key, n, data: f"{key}.part{n:05d}")
    monkeypatch.setattr(storage, "merge_parts", lambda key, parts: merged.setdefault(key, parts))
    upload._pending.clear()
    return merged


def test_chunks_are_merged_in_order(fake_backends):
    session = upload.start("u1", "f", "big.bin", 20 * MB, FP)
    assert session["chunks"] == 3
    for n in (2, 0, 1):
        upload.put_chunk(session["id"], n, b"x" * min(8 * MB, 20 * MB - n * 8 * MB))
    key = upload.complete(session["id"])
    assert fake_backends[key] == [f"{key}.part{n:05d}" for n in (1, 2, 3)]


def test_resume_after_offline():
    """TC-103 in small: the connection drops after five chunks; the file is selected again."""
    first = upload.start("u1", "f", "big.bin", 80 * MB, FP)
    for n in range(5):
        upload.put_chunk(first["id"], n, b"x" * 8 * MB)
    upload._pending.clear()  # another instance answers the resume; chunk 4 was not yet written
    again = upload.start("u1", "f", "big (1).bin", 80 * MB, FP)
    assert again["id"] == first["id"]
    assert again["confirmed"] == [0, 1, 2, 3]


def test_confirmations_are_written_in_batches():
    session = upload.start("u1", "f", "big.bin", 40 * MB, FP)
    for n in range(settings.CONFIRM_BATCH):
        upload.put_chunk(session["id"], n, b"x" * 8 * MB)
    assert upload._redis.hlen(f"upload:{session['id']}:chunks") == settings.CONFIRM_BATCH


def test_session_kept_for_a_day():
    session = upload.start("u1", "f", "big.bin", 20 * MB, FP)
    ttl = upload._redis.ttl(f"upload:{session['id']}")
    assert settings.UPLOAD_SESSION_IDLE_TIMEOUT - 5 <= ttl <= 24 * 3600


def test_a_chunk_of_the_wrong_size_is_refused():
    session = upload.start("u1", "f", "big.bin", 20 * MB, FP)
    with pytest.raises(upload.UploadError, match="expected 8388608"):
        upload.put_chunk(session["id"], 0, b"x" * MB)
