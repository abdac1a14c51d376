"""From the paths on the command line to drafts: files, folders, and "-" for standard input."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from replylint.sources.decode import decode_bytes
from replylint.sources.draft import Draft, LineMap
from replylint.sources.errors import SourceError

STDIN = "-"
# Files bigger than this are not drafts or template libraries; refuse rather than stall.
_MAX_BYTES = 64 * 1024 * 1024


def read_text(path: str) -> str:
    """Decode a file (or stdin for "-") the way every input is decoded."""
    if path == STDIN:
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    file = Path(path)
    if not file.exists():
        raise SourceError(path, "no such file or directory")
    if file.is_dir():
        raise SourceError(path, "is a folder, not a file")
    try:
        if file.stat().st_size > _MAX_BYTES:
            raise SourceError(path, f"file too large ({file.stat().st_size // (1024 * 1024)} MiB)")
        data = file.read_bytes()
    except OSError as error:
        raise SourceError(path, f"cannot read: {error.strerror or error}") from None
    return decode_bytes(data, path)


def read_drafts(paths: Sequence[str], *, stdin_name: str | None = None) -> Iterator[Draft]:
    """Drafts in command-line order; stdin is one plain-text draft, or, when `stdin_name` (the
    path it stands for) is given, read by that name's format and reported under it."""
    from replylint.sources.formats import parse_file

    for path in paths:
        if path == STDIN:
            text = read_text(STDIN)
            drafts = parse_file(stdin_name, text) if stdin_name else [Draft("<stdin>", text, line_map=LineMap(text))]
            for draft in drafts:
                draft.from_stdin = True
            yield from drafts
            continue
        # A file named directly needs no walking (and no gitignore machinery loaded).
        files = [path] if os.path.isfile(path) else _walk(path)
        for file in files:
            yield from parse_file(file, read_text(file))


def _walk(folder: str) -> list[str]:
    from replylint.sources.walk import discover  # pathspec loads only when a folder is walked

    return discover([folder])
