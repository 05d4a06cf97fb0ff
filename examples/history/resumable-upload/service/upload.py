"""Upload API of Filebox.

POST /api/v2/uploads                    start or resume: folder, name, size -> session
PUT  /api/v2/uploads/{id}/chunks/{n}    chunk n (from 0) of UPLOAD_CHUNK_BYTES
GET  /api/v2/uploads/{id}               the session and the chunks the server confirmed
POST /api/v2/uploads/{id}/complete      merge the chunks and store the file

REQ-042: an interrupted upload resumes. The client starts again with the same folder,
name and size, gets the same session back and sends only the chunks not confirmed.
"""
import time
import uuid
from dataclasses import dataclass, field

from service import settings, storage


class UploadError(Exception):
    """An upload the user must start again; the message is shown to the user."""


@dataclass
class Session:
    id: str
    user: str
    folder: str
    name: str
    size: int
    confirmed: dict[int, str] = field(default_factory=dict)  # chunk number -> stored part
    last_seen: float = field(default_factory=time.monotonic)

    @property
    def chunks(self) -> int:
        return max(1, -(-self.size // settings.UPLOAD_CHUNK_BYTES))


_sessions: dict[str, Session] = {}


def start(user: str, folder: str, name: str, size: int) -> dict:
    if size > settings.MAX_UPLOAD_BYTES:
        raise UploadError(f"{name} is larger than the upload limit of 5 GB")
    for session in _sessions.values():
        if (session.user, session.folder, session.name, session.size) == (user, folder, name, size):
            session.last_seen = time.monotonic()
            return _state(session)
    session = Session(uuid.uuid4().hex, user, folder, name, size)
    _sessions[session.id] = session
    return _state(session)


def put_chunk(session_id: str, number: int, data: bytes) -> None:
    session = _get(session_id)
    if not 0 <= number < session.chunks:
        raise UploadError(f"{session.name}: no chunk {number}")
    expected = min(settings.UPLOAD_CHUNK_BYTES, session.size - number * settings.UPLOAD_CHUNK_BYTES)
    if len(data) != expected:
        raise UploadError(f"{session.name}: chunk {number} has {len(data)} bytes, expected {expected}")
    session.confirmed[number] = storage.put_part(_object_key(session), number + 1, data)
    session.last_seen = time.monotonic()


def state(session_id: str) -> dict:
    return _state(_get(session_id))


def complete(session_id: str) -> str:
    session = _get(session_id)
    missing = session.chunks - len(session.confirmed)
    if missing:
        raise UploadError(f"{session.name}: {missing} chunks not received")
    key = _object_key(session)
    storage.merge_parts(key, [session.confirmed[n] for n in range(session.chunks)])
    del _sessions[session.id]
    return key


def expire_idle(now: float | None = None) -> int:
    """Drops the sessions that received nothing for UPLOAD_SESSION_IDLE_TIMEOUT seconds."""
    now = time.monotonic() if now is None else now
    idle = [s.id for s in _sessions.values() if now - s.last_seen > settings.UPLOAD_SESSION_IDLE_TIMEOUT]
    for session_id in idle:
        del _sessions[session_id]
    return len(idle)


def _state(session: Session) -> dict:
    return {"id": session.id, "chunk_bytes": settings.UPLOAD_CHUNK_BYTES,
            "chunks": session.chunks, "confirmed": sorted(session.confirmed)}


def _get(session_id: str) -> Session:
    try:
        return _sessions[session_id]
    except KeyError:
        raise UploadError("the upload session expired; start the upload again") from None


def _object_key(session: Session) -> str:
    return f"{session.user}/{session.folder}/{session.name}"
