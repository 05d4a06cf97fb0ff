"""Health check of the LibreOffice workers, run by cron every minute (REQ-009).

A worker that does not answer /health within 5 s twice in a row is restarted.
"""
import subprocess
import urllib.request

from service.preview import WORKERS

_failures: dict[str, int] = {}


def check(worker: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://{worker}/health", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def main() -> None:
    for worker in WORKERS:
        _failures[worker] = 0 if check(worker) else _failures.get(worker, 0) + 1
        if _failures[worker] >= 2:
            host = worker.split(":")[0]
            subprocess.run(["ssh", host, "sudo", "systemctl", "restart", "lo-convert"], check=False, timeout=60)
            _failures[worker] = 0


if __name__ == "__main__":
    main()
