"""A draft as read from some source: the text to lint plus where it sits in its file."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple


class LineMap(NamedTuple):
    """Maps an offset in a draft's text to a 1-based (line, column) in the file it came from.

    `file_text` is the whole decoded file. `positions[i]` is the file offset of text[i]; None
    means the text is the file itself (plain files), so offsets are used as they are.
    """

    file_text: str
    positions: tuple[int, ...] | None = None

    def file_offset(self, offset: int) -> int:
        if self.positions is None:
            return offset
        if not self.positions:
            return 0
        if offset < len(self.positions):
            return self.positions[offset]
        return self.positions[-1] + 1 + (offset - len(self.positions))

    def locate(self, offset: int) -> tuple[int, int]:
        at = self.file_offset(offset)
        starts = self._line_starts
        line = bisect.bisect_right(starts, at) - 1
        return line + 1, at - starts[line] + 1

    @property
    def _line_starts(self) -> list[int]:
        return _line_starts(self.file_text)


@lru_cache(maxsize=16)
def _line_starts(file_text: str) -> list[int]:
    """Line starts of a file, computed once for all the drafts of one collection file."""
    return [0] + [match.end() for match in re.finditer("\n", file_text)]


@dataclass
class Draft:
    """One reply to lint. `item` is the template id inside a collection file, None otherwise.

    `options` carries per-item settings a collection may set: first_contact (bool), channel (str),
    lang (str), ignore (list of rule ids).
    """

    path: str
    text: str
    item: str | None = None
    client: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    line_map: LineMap | None = None
    # Read from standard input (`path` may still be a file's, from --stdin-filename): never written.
    from_stdin: bool = False

    def locate(self, offset: int) -> tuple[int, int]:
        line_map = self.line_map or LineMap(self.text)
        return line_map.locate(offset)
