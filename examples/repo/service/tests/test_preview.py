"""REQ-041: previews from Cloud Docs Convert, cached 7 days; REQ-018: a download link on failure."""
from service import preview

FILE = preview.File(id="f-81", version=3, name="Q3 budget.xlsx", size=2_400_000, url="https://files/f-81?sig=x")


class Clock:
    def __init__(self):
        self.now = 1_790_000_000.0

    def __call__(self):
        return self.now


def converter(results):
    calls = []

    def convert(file):
        calls.append(file.id)
        result = results.pop(0)
        if isinstance(result, Exception):
            raise result
        return result

    convert.calls = calls
    return convert


def test_cache_hit_within_7_days():
    clock = Clock()
    cache, convert = preview.Cache(clock), converter([["p1.png"]])
    preview.preview(FILE, cache, convert)
    clock.now += 7 * 24 * 3600 - 60
    assert preview.preview(FILE, cache, convert).pages == ["p1.png"]
    assert len(convert.calls) == 1


def test_cache_miss_after_7_days():
    clock = Clock()
    cache, convert = preview.Cache(clock), converter([["p1.png"], ["p1b.png"]])
    preview.preview(FILE, cache, convert)
    clock.now += 7 * 24 * 3600 + 60
    assert preview.preview(FILE, cache, convert).pages == ["p1b.png"]


def test_retries_with_backoff():
    waits = []
    convert = converter([preview.ConvertError("503"), preview.ConvertError("503"), ["p1.png"]])
    assert preview.preview(FILE, preview.Cache(), convert, sleep=waits.append).pages == ["p1.png"]
    assert waits == [0.25, 0.5]


def test_converter_down_shows_download_link():
    convert = converter([preview.ConvertError("503")] * 3)
    result = preview.preview(FILE, preview.Cache(), convert, sleep=lambda s: None)
    assert result.pages == [] and result.download_url == FILE.url
    assert len(convert.calls) == 3
