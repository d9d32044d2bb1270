"""Start the web chat on the bundled corpus, building or updating the index first when it is missing or stale.

Usage: python app.py [--host HOST] [--port PORT] [--index DIR] [--corpus DIR ...]
"""

from assistant.config import set_offline_environment

set_offline_environment()  # before gradio or transformers are imported

if __name__ == "__main__":
    import sys

    from assistant.cli import main

    sys.exit(main(["serve", *sys.argv[1:]]))
