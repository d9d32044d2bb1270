"""The Gradio web app: serve the layout from Settings, with an optional login. Gradio is imported inside launch.

Everything that comes from a document is escaped before it is shown (see views.py).
"""

from __future__ import annotations

import os
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
    print(f"Open http://{settings.host}:{settings.port} in a browser.", flush=True)
    app.queue(default_concurrency_limit=4).launch(
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
