"""Settings of the Filebox upload service, read once at start-up.

Each value may be overridden by an environment variable of the same name.
"""
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# Largest file a user may upload.
MAX_UPLOAD_BYTES = _int("MAX_UPLOAD_BYTES", 5 * 1024**3)

# Files up to this size go to storage in one PUT; larger ones are stored in parts
# that the storage gateway merges when the upload completes.
SINGLE_PUT_LIMIT = _int("SINGLE_PUT_LIMIT", 50 * 1024**2)
PART_BYTES = _int("PART_BYTES", 16 * 1024**2)

# Seconds without a byte before an upload session is dropped.
UPLOAD_SESSION_IDLE_TIMEOUT = _int("UPLOAD_SESSION_IDLE_TIMEOUT", 20)
