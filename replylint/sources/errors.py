"""The one error a source parser raises: a user-facing line naming the file and, when known, the line."""

from __future__ import annotations

# Limits on what one input may hold, checked before the work is done (issue 16): deeper nesting,
# more values added by expanding YAML aliases, more MIME parts or deeper folders are refused.
MAX_NESTING = 100
MAX_EXPANDED_VALUES = 1_000_000
MAX_MIME_PARTS = 100
MAX_FOLDER_DEPTH = 100
MAX_NUMBER_DIGITS = 4300  # Python's own limit for int <-> str conversion


class SourceError(Exception):
    """`str()` is `path:line: reason` (or `path: reason` when the line is unknown)."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        super().__init__(path, reason, line)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"
