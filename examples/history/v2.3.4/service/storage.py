"""Client of the storage gateway, the service in front of the object storage buckets.

Small files are stored with one PUT; large ones in parts that the gateway merges
(composes) into one object when the upload completes.
"""
import json
import logging
import os
import socket
import urllib.request

GATEWAY = os.environ.get("STORAGE_GATEWAY", "http://storage-gw.internal:8080")
BUCKET = os.environ.get("STORAGE_BUCKET", "filebox-files-tw1")

# A merge of a 5 GB file takes the gateway up to four minutes.
MERGE_TIMEOUT_SECONDS = 300
MERGE_ATTEMPTS = 4

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


def merge_parts(key: str, parts: list[str]) -> None:
    """Merges the parts into the object `key`, waiting until the gateway is done."""
    body = {"destination": key, "sources": parts, "delete_sources": True}
    for attempt in range(1, MERGE_ATTEMPTS + 1):
        try:
            _call("POST", f"/v1/b/{BUCKET}/compose", body, timeout=MERGE_TIMEOUT_SECONDS)
            return
        except (TimeoutError, socket.timeout, ConnectionResetError) as error:
            log.warning("merge request timed out after %d s (attempt %d/%d): %s",
                        MERGE_TIMEOUT_SECONDS, attempt, MERGE_ATTEMPTS, error)
    raise StorageError(f"merge of {key} failed after {MERGE_ATTEMPTS} attempts")
