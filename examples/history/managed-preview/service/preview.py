"""Previews of office documents, PDFs and images, rendered by Cloud Docs Convert.

REQ-041: the managed conversion service of Acme Cloud (contract AC-2026-1020, region
tw-1) renders the first pages; they are cached for 7 days per file version. A 5xx is
retried twice with exponential backoff.
REQ-018: when conversion still fails, the page offers the file for download instead
of an error.
"""
import json
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

CONVERT_ENDPOINT = os.environ.get("CONVERT_ENDPOINT", "https://convert.tw-1.acme-cloud.example/v1/jobs")
CONVERT_TIMEOUT_SECONDS = 20
RETRIES = 2
BACKOFF_SECONDS = 0.25
CACHE_TTL_SECONDS = 7 * 24 * 3600
PAGES = 5


@dataclass
class File:
    id: str
    version: int
    name: str
    size: int
    url: str  # signed URL of the stored file


@dataclass
class Preview:
    pages: list[str]  # URLs of the rendered pages; empty when only a download is offered
    download_url: str | None = None


class ConvertError(Exception):
    pass


class Cache:
    """Rendered pages by file version; the preview bucket in production."""

    def __init__(self, clock=time.time):
        self._entries: dict[str, tuple[float, list[str]]] = {}
        self._clock = clock

    def get(self, key: str) -> list[str] | None:
        entry = self._entries.get(key)
        if entry is None or self._clock() - entry[0] > CACHE_TTL_SECONDS:
            return None
        return entry[1]

    def put(self, key: str, pages: list[str]) -> None:
        self._entries[key] = (self._clock(), pages)


def preview(file: File, cache: Cache, convert=None, sleep=time.sleep) -> Preview:
    convert = convert or _convert
    key = f"{file.id}@{file.version}"
    if (pages := cache.get(key)) is not None:
        return Preview(pages)
    for attempt in range(RETRIES + 1):
        try:
            pages = convert(file)
            cache.put(key, pages)
            return Preview(pages)
        except ConvertError:
            if attempt < RETRIES:
                sleep(BACKOFF_SECONDS * 2**attempt)
    return Preview(pages=[], download_url=file.url)


def _convert(file: File) -> list[str]:
    body = json.dumps({"source": file.url, "output": "png", "pages": PAGES}).encode()
    request = urllib.request.Request(CONVERT_ENDPOINT, data=body, method="POST")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=CONVERT_TIMEOUT_SECONDS) as response:
            return json.load(response)["pages"]
    except urllib.error.HTTPError as error:
        if error.code >= 500:
            raise ConvertError(f"convert returned {error.code}") from error
        raise
    except TimeoutError as error:
        raise ConvertError("convert timed out") from error
