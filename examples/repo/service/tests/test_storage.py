"""FIX-013: the merge of upload parts is started as an operation and polled (TC-107)."""
import pytest

from service import storage


class FakeGateway:
    def __init__(self, polls_until_done: int, error: dict | None = None):
        self.polls_until_done = polls_until_done
        self.error = error
        self.calls: list[tuple[str, str]] = []

    def __call__(self, method, path, body=None, timeout=60):
        self.calls.append((method, path))
        assert timeout <= 30, "no call may wait longer than the gateway's 45 s idle timeout"
        if method == "POST":
            return {"id": "op-7f3a"}
        self.polls_until_done -= 1
        if self.polls_until_done > 0:
            return {"done": False}
        return {"done": True, "error": self.error} if self.error else {"done": True}


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_merge_polls_until_done(monkeypatch):
    gateway, clock = FakeGateway(polls_until_done=40), FakeClock()
    monkeypatch.setattr(storage, "_call", gateway)
    storage.merge_parts("u1/f/scan.pdf", ["p1", "p2"], clock=clock, sleep=clock.sleep)
    assert gateway.calls[0] == ("POST", f"/v1/b/{storage.BUCKET}/compose?async=true")
    assert len(gateway.calls) == 41 and clock.now == 78.0


def test_merge_reports_the_gateway_error(monkeypatch):
    monkeypatch.setattr(storage, "_call", FakeGateway(polls_until_done=2, error={"message": "part missing"}))
    with pytest.raises(storage.StorageError, match="part missing"):
        storage.merge_parts("u1/f/scan.pdf", ["p1"], sleep=lambda s: None)


def test_merge_gives_up_after_the_deadline(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(storage, "_call", FakeGateway(polls_until_done=10**6))
    with pytest.raises(storage.StorageError, match="not done after 600 s"):
        storage.merge_parts("u1/f/scan.pdf", ["p1"], clock=clock, sleep=clock.sleep)
