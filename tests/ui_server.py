"""Start the real web app in a subprocess on a free loopback port, over a copy of a workspace."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from assistant.config import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """`python -m assistant serve` on 127.0.0.1:<port>; stopped by `close()`."""

    def __init__(self, workspace: Path, env: dict | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = workspace / "server.log"
        command = [
            sys.executable,
            "-m",
            "assistant",
            "serve",
            "--port",
            str(self.port),
            "--index",
            str(workspace / "index"),
            "--corpus",
            str(workspace / "corpus"),
        ]
        environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=workspace, env=environment, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait()

    def _wait(self, timeout: float = 240) -> None:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.close()
        raise RuntimeError(f"the app did not start in {timeout} s: {self.log.read_text()[-2000:]}")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
