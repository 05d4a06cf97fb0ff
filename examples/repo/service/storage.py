"""Client of the storage gateway, the service in front of the object storage buckets.

Small files are stored with one PUT; large ones in parts that the gateway merges
(composes) into one object when the upload completes.
"""
import json
import logging
import os
import time
import urllib.request

GATEWAY = os.environ.get("STORAGE_GATEWAY", "http://storage-gw.internal:8080")
BUCKET = os.environ.get("STORAGE_BUCKET", "filebox-files-tw1")

# FIX-013: since gateway 3.8 (2026-11-02) a blocking merge answers only after the object
# is replicated to jp-2, 40-60 s for large files, and the gateway closes connections idle
# for 45 s. The merge is therefore started as an operation and polled; the operation is
# done once the primary copy is written. STORAGE_ASYNC_MERGE=0 returns to the blocking
# call (runbook: docs/runbook/upload.md).
ASYNC_MERGE = os.environ.get("STORAGE_ASYNC_MERGE", "1") == "1"
MERGE_POLL_SECONDS = 2.0
MERGE_DEADLINE_SECONDS = 600

# The blocking call, kept for the flag: a merge of a 5 GB file takes up to four minutes.
MERGE_TIMEOUT_SECONDS = 300

log = logging.getLogger("filebox.storage")


class StorageError(Exception):
    pass


def _call(method: str, path: str, body: bytes | dict | None = None, timeout: float = 60) -> dict:
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    request = urllib.request.Request(f"{GATEWAY}{path}", data=data, method=method)
    request.add_header("Content-Type", "application/json" if isinstance(body, dict) else "application/octet-stream")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        payload = response.read()
    return json.loads(payload) if payload else {}


def put_object(key: str, data: bytes) -> None:
    _call("PUT", f"/v1/b/{BUCKET}/o/{key}", data)


def put_part(key: str, number: int, data: bytes) -> str:
    """Stores part `number` (1-based) of the object `key`; returns the part's name."""
    return _call("PUT", f"/v1/b/{BUCKET}/o/{key}.part{number:05d}", data)["name"]


def merge_parts(key: str, parts: list[str], clock=time.monotonic, sleep=time.sleep) -> None:
    """Merges the parts into the object `key`, returning when the object exists."""
    body = {"destination": key, "sources": parts, "delete_sources": True}
    if not ASYNC_MERGE:
        _call("POST", f"/v1/b/{BUCKET}/compose", body, timeout=MERGE_TIMEOUT_SECONDS)
        return
    operation = _call("POST", f"/v1/b/{BUCKET}/compose?async=true", body, timeout=30)
    started = clock()
    while clock() - started < MERGE_DEADLINE_SECONDS:
        state = _call("GET", f"/v1/operations/{operation['id']}", timeout=30)
        if state.get("done"):
            if "error" in state:
                raise StorageError(f"merge of {key} failed: {state['error'].get('message')}")
            log.info("merged %s from %d parts in %.1f s", key, len(parts), clock() - started)
            return
        sleep(MERGE_POLL_SECONDS)
    raise StorageError(f"merge of {key} not done after {MERGE_DEADLINE_SECONDS} s (operation {operation['id']})")
