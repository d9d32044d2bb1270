"""Errors raised by the library; only cli.py and ui.py turn them into messages for people."""


class AssistantError(Exception):
    """Base class: the message names the bad value and what would be accepted."""


class UnsupportedDocument(AssistantError):
    """A file that cannot be read as a document (unknown format, empty, binary, corrupt, too large)."""


class IndexMissing(AssistantError):
    """No index where one was expected."""


class IndexStale(AssistantError):
    """The index does not match the corpus files it was built from."""


class IndexMismatch(AssistantError):
    """The index was built with another model or other chunk settings."""


class IndexCorrupt(AssistantError):
    """The index files cannot be read."""


class EmptyQuery(AssistantError):
    """An empty or whitespace-only question or claim."""


class InvalidInput(AssistantError):
    """An argument outside what is accepted (too long, bad filter value, bad gold file...)."""
