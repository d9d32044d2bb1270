"""The Gradio web app: serve the layout from Settings, with an optional login. Gradio is imported inside launch.

Everything that comes from a document is escaped before it is shown (see views.py).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

from ..api import Assistant
from ..config import Settings, set_offline_environment
from ..errors import AssistantError
from .layout import build_app
from .views import CSS


def _auth(setting: str) -> list[tuple[str, str]] | None:
    """Login pairs from "user:password" or a file of such lines; None when no login is configured."""
    if not setting:
        return None
    lines = Path(setting).read_text(encoding="utf-8").splitlines() if os.path.isfile(setting) else [setting]
    pairs = [tuple(line.strip().split(":", 1)) for line in lines if ":" in line]
    if not pairs:
        raise AssistantError("ASSISTANT_AUTH must be user:password or a file of user:password lines.")
    return pairs


class LoginThrottle:
    """ASGI middleware slowing repeated wrong passwords per client address (in memory).

    After `free` failed logins from one address, its next attempt is refused (HTTP 429, password not checked)
    until `delay` seconds after the last failure, doubling with each further failure up to `longest`.
    A successful login clears the address's count.
    """

    def __init__(self, app, free: int = 5, delay: float = 1.0, longest: float = 60.0, clock=time.monotonic):
        self.app, self.free, self.delay, self.longest, self.clock = app, free, delay, longest, clock
        self.failures: dict[str, tuple[int, float]] = {}  # address -> (failures, time of the last one)

    def wait(self, client: str) -> float:
        """Seconds `client` must still wait before its password is checked again (0: none)."""
        count, last = self.failures.get(client, (0, 0.0))
        if count < self.free:
            return 0.0
        return max(0.0, last + min(self.longest, self.delay * 2 ** (count - self.free)) - self.clock())

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].rstrip("/").endswith("/login"):
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown",))[0]
        wait = self.wait(client)
        if wait > 0:
            body = json.dumps({"detail": f"Too many failed logins: try again in {wait:.0f} s."}).encode()
            headers = [(b"content-type", b"application/json"), (b"retry-after", str(int(wait) + 1).encode())]
            # names, not words
            await send({"type": "http.response.start", "status": 429, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return None

        async def record(message):
            if message["type"] == "http.response.start":
                if message["status"] < 300:
                    self.failures.pop(client, None)
                elif message["status"] in (400, 401, 403):
                    self.failures[client] = (self.failures.get(client, (0, 0.0))[0] + 1, self.clock())
                    if len(self.failures) > 10_000:  # bounded memory: forget the oldest addresses
                        for old in sorted(self.failures, key=lambda k: self.failures[k][1])[:5_000]:
                            del self.failures[old]
            await send(message)

        return await self.app(scope, receive, record)


def launch(settings: Settings) -> None:
    """Load (building or updating when needed) the index and serve the app on settings.host:port."""
    set_offline_environment()
    import gradio as gr

    print(f"Loading the index in {settings.index_dir} (building it first if it is missing or stale)...", flush=True)
    # Folders named on the command line win; otherwise the ones the index was built from (or the default).
    corpus_dirs = None if settings.corpus_dirs == Settings().corpus_dirs else list(settings.corpus_dirs)
    assistant = Assistant.load(settings.index_dir, settings, corpus_dirs=corpus_dirs, build_if_needed=True)
    app = build_app(assistant)
    theme = gr.themes.Default(
        font=[gr.themes.Font("system-ui"), "Segoe UI", "Roboto", "sans-serif"],
        font_mono=[gr.themes.Font("ui-monospace"), "Consolas", "monospace"],
    )
    # Stopped by a service manager (SIGTERM), the app exits as on Ctrl-C, so its downloads folder is removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"Open http://{settings.host}:{settings.port} in a browser.", flush=True)
    from starlette.middleware import Middleware

    throttle = Middleware(
        LoginThrottle, free=settings.login_free_failures, delay=settings.login_delay_seconds
    )  # fmt: skip
    app.queue(default_concurrency_limit=4).launch(
        app_kwargs={"middleware": [throttle]},
        server_name=settings.host,
        server_port=settings.port,
        auth=_auth(settings.auth),
        max_file_size=settings.max_file_bytes,
        theme=theme,
        css=CSS,
        footer_links=[],
        share=False,
        show_error=True,
    )
