"""Previews of office documents, PDFs and images, rendered by the LibreOffice workers.

Four VMs (lo-1 to lo-4) run LibreOffice headless behind a small HTTP wrapper; a
preview is the first pages as PNG, stored beside the file in the preview bucket.
"""
import itertools
import json
import os
import urllib.request
from dataclasses import dataclass

WORKERS = os.environ.get("PREVIEW_WORKERS", "lo-1:2002,lo-2:2002,lo-3:2002,lo-4:2002").split(",")
TIMEOUT_SECONDS = int(os.environ.get("PREVIEW_TIMEOUT", 60))
PAGES = 5

_next_worker = itertools.cycle(WORKERS)


@dataclass
class File:
    id: str
    version: int
    name: str
    size: int
    url: str  # signed URL of the stored file


@dataclass
class Preview:
    pages: list[str]  # URLs of the rendered pages


def preview(file: File) -> Preview:
    worker = next(_next_worker)
    body = json.dumps({"source": file.url, "pages": PAGES}).encode()
    request = urllib.request.Request(f"http://{worker}/convert", data=body, method="POST")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        return Preview(pages=json.load(response)["pages"])
