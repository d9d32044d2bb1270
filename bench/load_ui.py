"""Load test of the web app: concurrent simulated users asking questions through gradio_client (loopback only).

Starts the app on a free 127.0.0.1 port over a copy of the bundled corpus (or uses --url, which must be a
loopback address), runs N users for a bounded time, and prints requests served, errors, and latency p50/p95.

With the app started here, the server's resident memory (RSS) is sampled every `--sample` seconds during the
load and for a minute after it, and printed as a curve: does it level off, and does it fall back when idle?

Usage: python bench/load_ui.py [--users 20] [--seconds 60] [--sample 30] [--url http://127.0.0.1:7860/]
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


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    import subprocess

    pids = [str(pid)] + subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    total = 0
    for one in pids:
        try:
            status = Path(f"/proc/{one}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total / 1024


def sample_rss(pid: int, every: float, stop: threading.Event, curve: list[tuple[float, float]]) -> None:
    began = time.monotonic()
    while not stop.wait(every if curve else 0):
        curve.append((time.monotonic() - began, rss_mb(pid)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url", help="a running app on 127.0.0.1 (default: start one)")
    parser.add_argument("--sample", type=float, default=30, help="seconds between RSS samples of the app started here")
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
    curve: list[tuple[float, float]] = []
    stop = threading.Event()
    sampler = None
    if server:
        sampler = threading.Thread(target=sample_rss, args=(server.process.pid, args.sample, stop, curve), daemon=True)
        sampler.start()
    threads = [threading.Thread(target=user, args=(url, deadline, latencies, errors, lock)) for _ in range(args.users)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.seconds + 120)
    elapsed = time.monotonic() - started
    if server:
        time.sleep(60)  # idle: does memory fall back?
        stop.set()
        server.close()
    ordered = sorted(latencies)
    print(f"users: {args.users}, duration: {elapsed:.0f} s")
    print(f"requests served: {len(latencies)} ({len(latencies) / elapsed:.1f}/s), errors: {len(errors)}")
    if ordered:
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"latency p50: {statistics.median(ordered) * 1000:.0f} ms, p95: {p95 * 1000:.0f} ms")
    for error in errors[:5]:
        print("error:", error)
    if curve:
        print("server RSS (s since start: MB): " + ", ".join(f"{s:.0f}: {mb:.0f}" for s, mb in curve))


if __name__ == "__main__":
    main()
