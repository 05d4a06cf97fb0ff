"""Upload API of Filebox.

POST /api/v2/uploads                    start or resume: folder, name, size, fingerprint -> session
PUT  /api/v2/uploads/{id}/chunks/{n}    chunk n (from 0) of UPLOAD_CHUNK_BYTES
GET  /api/v2/uploads/{id}               the session and the chunks the server confirmed
POST /api/v2/uploads/{id}/complete      merge the chunks and store the file

REQ-042: an interrupted upload resumes. The client starts again with the same folder,
size and fingerprint (SHA-256 of the file's first MB), gets the same session back and
sends only the chunks not confirmed. Sessions live in Redis for a day (FIX-012).
"""
import json
import uuid

import redis

from service import settings, storage


class UploadError(Exception):
    """An upload the user must start again; the message is shown to the user."""


_redis = redis.Redis.from_url(settings.SESSION_REDIS_URL, decode_responses=True)

# Confirmations not yet written to Redis, per session (written every CONFIRM_BATCH chunks).
_pending: dict[str, dict[int, str]] = {}


def _chunks(size: int) -> int:
    return max(1, -(-size // settings.UPLOAD_CHUNK_BYTES))


def start(user: str, folder: str, name: str, size: int, fingerprint: str | None = None) -> dict:
    """A new session, or the one of the same file if it is still there.

    Without a fingerprint (web clients before v2.4.0-rc2) the name stands in for it.
    """
    if size > settings.MAX_UPLOAD_BYTES:
        raise UploadError(f"{name} is larger than the upload limit of 5 GB")
    index = f"upload-by-fp:{user}:{folder}:{size}:{fingerprint or 'name:' + name}"
    session_id = _redis.get(index)
    if session_id is None or not _redis.exists(f"upload:{session_id}"):
        session_id = uuid.uuid4().hex
        meta = {"user": user, "folder": folder, "name": name, "size": size}
        _redis.set(f"upload:{session_id}", json.dumps(meta), ex=settings.UPLOAD_SESSION_IDLE_TIMEOUT)
        _redis.set(index, session_id, ex=settings.UPLOAD_SESSION_IDLE_TIMEOUT)
    _touch(session_id, index)
    return state(session_id)


def put_chunk(session_id: str, number: int, data: bytes) -> None:
    meta = _meta(session_id)
    if not 0 <= number < _chunks(meta["size"]):
        raise UploadError(f"{meta['name']}: no chunk {number}")
    expected = min(settings.UPLOAD_CHUNK_BYTES, meta["size"] - number * settings.UPLOAD_CHUNK_BYTES)
    if len(data) != expected:
        raise UploadError(f"{meta['name']}: chunk {number} has {len(data)} bytes, expected {expected}")
    pending = _pending.setdefault(session_id, {})
    pending[number] = storage.put_part(_object_key(meta), number + 1, data)
    if len(pending) >= settings.CONFIRM_BATCH:
        _flush(session_id)


def state(session_id: str) -> dict:
    meta = _meta(session_id)
    _flush(session_id)
    confirmed = sorted(int(n) for n in _redis.hkeys(f"upload:{session_id}:chunks"))
    return {"id": session_id, "chunk_bytes": settings.UPLOAD_CHUNK_BYTES,
            "chunks": _chunks(meta["size"]), "confirmed": confirmed}


def complete(session_id: str) -> str:
    meta = _meta(session_id)
    _flush(session_id)
    parts = _redis.hgetall(f"upload:{session_id}:chunks")
    missing = _chunks(meta["size"]) - len(parts)
    if missing:
        raise UploadError(f"{meta['name']}: {missing} chunks not received")
    key = _object_key(meta)
    storage.merge_parts(key, [parts[str(n)] for n in range(_chunks(meta["size"]))])
    _redis.delete(f"upload:{session_id}", f"upload:{session_id}:chunks")
    return key


def _flush(session_id: str) -> None:
    pending = _pending.pop(session_id, None)
    if pending:
        _redis.hset(f"upload:{session_id}:chunks", mapping={str(n): part for n, part in pending.items()})
        _touch(session_id)


def _touch(session_id: str, *more: str) -> None:
    for key in (f"upload:{session_id}", f"upload:{session_id}:chunks", *more):
        _redis.expire(key, settings.UPLOAD_SESSION_IDLE_TIMEOUT)


def _meta(session_id: str) -> dict:
    raw = _redis.get(f"upload:{session_id}")
    if raw is None:
        raise UploadError("the upload session expired; start the upload again")
    return json.loads(raw)


def _object_key(meta: dict) -> str:
    return f"{meta['user']}/{meta['folder']}/{meta['name']}"
