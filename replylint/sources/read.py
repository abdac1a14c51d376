"""From the paths on the command line to drafts: files, folders, and "-" for standard input.

Every read is bounded by the bytes actually read, not by what `stat` says: a pipe, a FIFO or a
device reports size 0, and /dev/zero never ends. A FIFO is read without blocking on a writer that
never comes, within a deadline; a socket or a block device is refused.
"""

from __future__ import annotations

import os
import select
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from replylint.sources.decode import decode_bytes
from replylint.sources.draft import Draft, LineMap
from replylint.sources.errors import SourceError

STDIN = "-"
# Files bigger than this are not drafts or template libraries; refuse rather than stall.
MAX_FILE_BYTES = 64 * 1024 * 1024
# A FIFO whose writer sends nothing for this long (or drips on past it) is given up on.
FIFO_DEADLINE_SECONDS = 5.0
_CHUNK = 1024 * 1024


def read_text(path: str) -> str:
    """Decode a file (or stdin for "-") the way every input is decoded."""
    if path == STDIN:
        return decode_bytes(read_stream(sys.stdin.buffer, "<stdin>", MAX_FILE_BYTES), "<stdin>")
    return decode_bytes(read_limited(path, MAX_FILE_BYTES), path)


def read_limited(path: str, limit: int, *, what: str = "file") -> bytes:
    """The bytes of `path`, at most `limit` of them (more is a SourceError naming the limit)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SourceError(path, "no such file or directory") from None
    except OSError as error:
        raise SourceError(path, f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(path, "is a folder, not a file")
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        raise SourceError(path, f"not a regular {what} (a socket or a block device)")
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise SourceError(path, f"{what} too large ({_size(info.st_size)}; the limit is {_size(limit)})")
    fifo = stat.S_ISFIFO(info.st_mode)
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        descriptor = os.open(path, os.O_RDONLY | (os.O_NONBLOCK if fifo else 0))
    except OSError as error:
        raise SourceError(path, f"cannot read: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb", buffering=0) as stream:
        if fifo:
            return _read_fifo(stream, path, limit, what)
        return read_stream(stream, path, limit, what=what)


def read_stream(stream: BinaryIO, name: str, limit: int, *, what: str = "input") -> bytes:
    """Read to the end, but never more than `limit` bytes (stdin, /dev/zero, a growing file)."""
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := stream.read(min(_CHUNK, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise SourceError(name, f"{what} too large (more than {_size(limit)}, the limit)")
    except OSError as error:
        raise SourceError(name, f"cannot read: {error.strerror or error}") from None
    return b"".join(chunks)


def _read_fifo(stream: BinaryIO, path: str, limit: int, what: str) -> bytes:
    """A FIFO, opened non-blocking: data as it comes, until the writer closes or the deadline passes
    (a FIFO nobody writes to, or one that drips on, ends with an error at the deadline)."""
    deadline = time.monotonic() + FIFO_DEADLINE_SECONDS
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise SourceError(path, f"FIFO still open after {FIFO_DEADLINE_SECONDS:g} s; not read")
        ready, _, _ = select.select([stream], [], [], remaining)
        if not ready:
            continue
        try:
            # A non-blocking raw stream's read is None when nothing is there yet (typeshed says bytes).
            chunk: bytes | None = stream.read(min(_CHUNK, limit + 1 - total))
        except BlockingIOError:
            continue
        except OSError as error:
            raise SourceError(path, f"cannot read: {error.strerror or error}") from None
        if not chunk:  # None: nothing yet; b"": the writer closed (or there never was one)
            if chunk is None:
                continue
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise SourceError(path, f"{what} too large (more than {_size(limit)}, the limit)")


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.0f} MiB" if count >= 1024 * 1024 else f"{count:,} bytes"


def read_drafts(paths: Sequence[str], *, stdin_name: str | None = None) -> Iterator[Draft]:
    """The drafts of `paths` (files, folders walked already: `ConfigResolver.files`) in order;
    stdin is one plain-text draft, or, when `stdin_name` (the path it stands for) is given, read
    by that name's format and reported under it."""
    from replylint.sources.formats import parse_file

    for path in paths:
        if path == STDIN:
            text = read_text(STDIN)
            drafts = parse_file(stdin_name, text) if stdin_name else [Draft("<stdin>", text, line_map=LineMap(text))]
            for draft in drafts:
                draft.from_stdin = True
            yield from drafts
            continue
        yield from parse_file(path, read_text(path))
