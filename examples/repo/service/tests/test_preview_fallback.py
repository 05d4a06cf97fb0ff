"""Files over 100 MB are previewed by the fallback worker (REQ-041, TC-106)."""
from service import preview

MB = 1024**2


def test_files_over_100_mb_go_to_the_fallback_worker(monkeypatch):
    used = []
    monkeypatch.setattr(preview, "_convert", lambda f: used.append("convert") or ["c.png"])
    monkeypatch.setattr(preview, "_convert_on_fallback_worker", lambda f: used.append("fallback") or ["w.png"])
    small = preview.File("f-1", 1, "deck.pptx", 100 * MB, "https://files/f-1")
    large = preview.File("f-2", 1, "scan.pdf", 100 * MB + 1, "https://files/f-2")
    assert preview.preview(small, preview.Cache()).pages == ["c.png"]
    assert preview.preview(large, preview.Cache()).pages == ["w.png"]
    assert used == ["convert", "fallback"]


def test_fallback_worker_down_shows_download_link(monkeypatch):
    def down(file):
        raise preview.ConvertError("fallback worker: connection refused")

    monkeypatch.setattr(preview, "_convert_on_fallback_worker", down)
    large = preview.File("f-2", 1, "scan.pdf", 150 * MB, "https://files/f-2")
    result = preview.preview(large, preview.Cache(), sleep=lambda s: None)
    assert result.download_url == large.url
