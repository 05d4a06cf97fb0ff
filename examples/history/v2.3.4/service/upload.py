"""Upload API of Filebox.

POST /api/v2/uploads                start an upload: folder, name, size -> session id
PUT  /api/v2/uploads/{id}           the file's bytes, in one request
POST /api/v2/uploads/{id}/complete  store the file in the folder
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
    received: int = 0
    parts: list[str] = field(default_factory=list)
    last_seen: float = field(default_factory=time.monotonic)


_sessions: dict[str, Session] = {}


def start(user: str, folder: str, name: str, size: int) -> str:
    if size > settings.MAX_UPLOAD_BYTES:
        raise UploadError(f"{name} is larger than the upload limit of 5 GB")
    session = Session(uuid.uuid4().hex, user, folder, name, size)
    _sessions[session.id] = session
    return session.id


def receive(session_id: str, stream) -> None:
    """Reads the request body and stores it, in parts for large files, as it arrives."""
    session = _get(session_id)
    key = _object_key(session)
    if session.size <= settings.SINGLE_PUT_LIMIT:
        storage.put_object(key, stream.read())
        session.received = session.size
        return
    while chunk := stream.read(settings.PART_BYTES):
        session.parts.append(storage.put_part(key, len(session.parts) + 1, chunk))
        session.received += len(chunk)
        session.last_seen = time.monotonic()


def complete(session_id: str) -> str:
    session = _get(session_id)
    if session.received != session.size:
        raise UploadError(f"{session.name}: received {session.received} of {session.size} bytes")
    key = _object_key(session)
    if session.parts:
        storage.merge_parts(key, session.parts)
    del _sessions[session.id]
    return key


def expire_idle(now: float | None = None) -> int:
    """Drops the sessions that received nothing for UPLOAD_SESSION_IDLE_TIMEOUT seconds."""
    now = time.monotonic() if now is None else now
    idle = [s.id for s in _sessions.values() if now - s.last_seen > settings.UPLOAD_SESSION_IDLE_TIMEOUT]
    for session_id in idle:
        del _sessions[session_id]
    return len(idle)


def _get(session_id: str) -> Session:
    try:
        return _sessions[session_id]
    except KeyError:
        raise UploadError("the upload session expired; start the upload again") from None


def _object_key(session: Session) -> str:
    return f"{session.user}/{session.folder}/{session.name}"
