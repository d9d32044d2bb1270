"""Load test of the web app: concurrent simulated users asking questions through gradio_client (loopback only).

Starts the app on a free 127.0.0.1 port over a copy of the bundled corpus (or uses --url, which must be a
loopback address), runs N users for a bounded time, and prints requests served, errors, and latency p50/p95.

Usage: python bench/load_ui.py [--users 20] [--seconds 60] [--url http://127.0.0.1:7860/]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "What did Ofsted say about supervision?",
    "care leavers apprenticeships?",
    "How are UASC supported?",
    "What did the council say about staff turnover?",
    "What are the council's parking charges?",
    "how many care leavers stay with foster families in Leicester?",
]


def user(url: str, deadline: float, latencies: list[float], errors: list[str], lock: threading.Lock) -> None:
    from gradio_client import Client

    client = Client(url, verbose=False)
    n = 0
    while time.monotonic() < deadline:
        question = QUESTIONS[n % len(QUESTIONS)]
        n += 1
        started = time.perf_counter()
        try:
            answer = client.predict(question, "", "", "", "", api_name="/ask")
            if "answer" not in answer:
                raise ValueError("no answer field")
        except Exception as error:  # every failure is counted, whatever it is
            with lock:
                errors.append(f"{type(error).__name__}: {error}")
            continue
        with lock:
            latencies.append(time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url", help="a running app on 127.0.0.1 (default: start one)")
    args = parser.parse_args()
    server = None
    if args.url:
        if urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("--url must be a loopback address: this script never loads other hosts.")
        url = args.url
    else:
        from tests.ui_server import AppServer

        workspace = Path(tempfile.mkdtemp())
        shutil.copytree(ROOT / "corpus", workspace / "corpus")
        server = AppServer(workspace)
        url = server.url
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds
    threads = [threading.Thread(target=user, args=(url, deadline, latencies, errors, lock)) for _ in range(args.users)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.seconds + 120)
    elapsed = time.monotonic() - started
    if server:
        server.close()
    ordered = sorted(latencies)
    print(f"users: {args.users}, duration: {elapsed:.0f} s")
    print(f"requests served: {len(latencies)} ({len(latencies) / elapsed:.1f}/s), errors: {len(errors)}")
    if ordered:
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"latency p50: {statistics.median(ordered) * 1000:.0f} ms, p95: {p95 * 1000:.0f} ms")
    for error in errors[:5]:
        print("error:", error)


if __name__ == "__main__":
    main()
