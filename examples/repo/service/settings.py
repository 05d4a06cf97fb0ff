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

# Seconds an upload session and its confirmed chunks are kept after the last chunk.
# FIX-012: was 20 s, left over from 2.3 where a session lived for one request; it
# dropped every upload interrupted for longer. REQ-042 needs a day.
UPLOAD_SESSION_IDLE_TIMEOUT = _int("UPLOAD_SESSION_IDLE_TIMEOUT", 24 * 3600)

# Where upload sessions live, so that they survive a restart or another instance.
SESSION_REDIS_URL = os.environ.get("SESSION_REDIS_URL", "redis://sessions.internal:6379/2")

# Chunk confirmations are written to Redis in batches of this many chunks; after an
# interruption at most CONFIRM_BATCH - 1 chunks are sent again.
CONFIRM_BATCH = _int("CONFIRM_BATCH", 4)
