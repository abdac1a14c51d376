"""Progress of a library run on stderr: files done out of all, findings so far, on one line.

Only for a person watching: when stderr is a terminal and not in CI (the `CI` variable, which
GitHub Actions, GitLab and most CI services set). Piped or redirected, nothing is written, so
logs and captured output stay exactly what they were. The line is redrawn at most ten times a
second and erased when the run ends, before the report is printed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from replylint.engine.runner import DraftResult

_INTERVAL = 0.1  # seconds between redraws
_MIN_FILES = 2  # one file is done before anyone could read a progress line


class Progress:
    """Counts results as they come back (in the drafts' order) and redraws the line."""

    def __init__(self, files: Sequence[str], stream: TextIO) -> None:
        self._stream = stream
        self._total = len(files)
        self._path: str | None = None
        self._files = self._findings = 0
        self._drawn = 0.0

    def advance(self, results: Sequence[DraftResult]) -> None:
        for result in results:
            # The drafts of one file come one after another: a file is done when the next begins.
            if result.draft.path != self._path:
                self._files += self._path is not None
                self._path = result.draft.path
            self._findings += len(result.findings)
        now = time.monotonic()
        if now - self._drawn >= _INTERVAL:
            self._drawn = now
            self._stream.write(f"\r\x1b[Kreplylint: {self._files}/{self._total} files, "
                               f"{self._findings} findings so far")
            self._stream.flush()

    def close(self) -> None:
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


def progress_for(files: Sequence[str], stream: TextIO) -> Progress | None:
    """A Progress when someone watches `stream` (a terminal, not CI) and there are several files."""
    if len(files) < _MIN_FILES or _in_ci() or not _is_terminal(stream):
        return None
    return Progress(files, stream)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False
