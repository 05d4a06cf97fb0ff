"""Settings of the Filebox upload service, read once at start-up.

Each value may be overridden by an environment variable of the same name.
"""
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# Largest file a user may upload.
MAX_UPLOAD_BYTES = _int("MAX_UPLOAD_BYTES", 5 * 1024**3)

# REQ-042: the client sends a file in chunks of this size; each chunk is stored as
# one part, and an interrupted upload resumes after the chunks already confirmed.
UPLOAD_CHUNK_BYTES = _int("UPLOAD_CHUNK_BYTES", 8 * 1024**2)

# Seconds without a byte before an upload session is dropped.
UPLOAD_SESSION_IDLE_TIMEOUT = _int("UPLOAD_SESSION_IDLE_TIMEOUT", 20)
