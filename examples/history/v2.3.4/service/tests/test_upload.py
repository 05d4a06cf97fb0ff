import io

import pytest

from service import settings, storage, upload

MB = 1024**2


@pytest.fixture(autouse=True)
def fake_storage(monkeypatch):
    stored = {}
    monkeypatch.setattr(storage, "put_object", lambda key, data: stored.setdefault(key, len(data)))
    monkeypatch.setattr(storage, "put_part", lambda key, n, data: f"{key}.part{n:05d}")
    monkeypatch.setattr(storage, "merge_parts", lambda key, parts: stored.setdefault(key, parts))
    upload._sessions.clear()
    return stored


def test_small_file_in_one_put(fake_storage):
    session = upload.start("u1", "f", "memo.docx", 3 * MB)
    upload.receive(session, io.BytesIO(b"x" * 3 * MB))
    assert fake_storage[upload.complete(session)] == 3 * MB


def test_large_file_in_parts(fake_storage):
    session = upload.start("u1", "f", "scan.pdf", 80 * MB)
    upload.receive(session, io.BytesIO(b"x" * 80 * MB))
    assert len(fake_storage[upload.complete(session)]) == 5


def test_idle_session_expires():
    session = upload.start("u1", "f", "memo.docx", 3 * MB)
    upload.expire_idle(now=upload._sessions[session].last_seen + settings.UPLOAD_SESSION_IDLE_TIMEOUT + 1)
    with pytest.raises(upload.UploadError, match="expired"):
        upload.complete(session)
