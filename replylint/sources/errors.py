"""The one error a source parser raises: a user-facing line naming the file and, when known, the line."""

from __future__ import annotations


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
