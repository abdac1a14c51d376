"""Text assembled piece by piece from a file, remembering the file offset of every character."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from replylint.sources.draft import Draft, LineMap


@dataclass
class Located:
    """`positions[i]` is the file offset that `text[i]` came from (see LineMap)."""

    text: str = ""
    positions: tuple[int, ...] = ()

    def slice(self, start: int, end: int) -> Located:
        return Located(self.text[start:end], self.positions[start:end])

    def through(self, inner: Located) -> Located:
        """`inner` was extracted from this text (offsets into self.text): give it the file's offsets."""
        last = len(self.positions) - 1
        return Located(inner.text, tuple(self.positions[min(at, last)] for at in inner.positions))

    def shifted(self, by: int) -> Located:
        """The same text for a source that sits `by` characters into the file."""
        if not by:  # the usual case (no byte-order mark): no copy per item of a big collection
            return self
        return Located(self.text, tuple(p + by for p in self.positions))

    def draft(
        self,
        path: str,
        file_text: str,
        *,
        item: str | None = None,
        client: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> Draft:
        return Draft(
            path=path,
            text=self.text,
            item=item,
            client=client,
            options=options or {},
            line_map=LineMap(file_text, self.positions),
        )


@dataclass
class Builder:
    """Collects (character, file offset) pairs; several characters may share one offset (escapes)."""

    chars: list[str] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)

    def add(self, text: str, at: int) -> None:
        """Characters that all stand for the construct starting at `at` (an escape, an entity, a fold)."""
        self.chars.extend(text)
        self.positions.extend([at] * len(text))

    def copy(self, source: str, start: int, end: int) -> None:
        """A verbatim run source[start:end]."""
        self.chars.extend(source[start:end])
        self.positions.extend(range(start, end))

    def extend(self, located: Located) -> None:
        self.chars.extend(located.text)
        self.positions.extend(located.positions)

    @property
    def last(self) -> str:
        return self.chars[-1] if self.chars else ""

    def pop(self) -> None:
        self.chars.pop()
        self.positions.pop()

    def build(self) -> Located:
        return Located("".join(self.chars), tuple(self.positions))


def line_of(text: str, offset: int) -> int:
    """1-based line number of `offset` in `text`."""
    return LineMap(text).locate(offset)[0]


def verbatim(source: str, start: int = 0, end: int | None = None) -> Located:
    """source[start:end] as it stands in the file."""
    stop = len(source) if end is None else end
    return Located(source[start:stop], tuple(range(start, stop)))
