"""Suppression comments in a draft: `<!-- replylint-disable caps -->` and its kin.

They are found here, on any text, so the document model can blank them out (no rule ever sees a
directive, and a directive line is a blank line: a greeting below it still opens the reply) and
the engine can apply them to the findings afterwards (`replylint.engine.suppression`).

    <!-- replylint-disable -->                  every rule (also: "all"), until replylint-enable or the end
    <!-- replylint-disable caps, emoji -->      these rules (commas or spaces between ids)
    <!-- replylint-enable -->                   every rule again
    <!-- replylint-enable caps -->              this rule again
    <!-- replylint-disable-next-line caps -->   only the next line with text (or the rest of its own line)
    Промокод ЛЕТО <!-- replylint-disable-line caps -->   only the line the comment stands on
"""

from __future__ import annotations

import re
from typing import NamedTuple

DISABLE, ENABLE, DISABLE_NEXT_LINE, DISABLE_LINE = "disable", "enable", "disable-next-line", "disable-line"
KINDS = (DISABLE, ENABLE, DISABLE_NEXT_LINE, DISABLE_LINE)

# Any one-line comment starting with "replylint" is ours: a misspelt one is reported, not shown to rules.
_COMMENT = re.compile(r"<!--[ \t]*replylint(?P<kind>[\w-]*)(?P<args>[^\n]*?)-->")
_NAME = re.compile(r"[^\s,]+")


class RuleName(NamedTuple):
    """A rule id as written in a directive, with its offsets (for pointing at an unused one)."""

    name: str
    start: int
    end: int


class Directive(NamedTuple):
    """`kind` is one of KINDS, or the unknown word as written (a malformed directive)."""

    kind: str
    names: tuple[RuleName, ...]
    start: int
    end: int

    @property
    def known(self) -> bool:
        return self.kind in KINDS

    @property
    def blanket(self) -> bool:
        """No rule named (or "all"): the directive is about every rule."""
        return len(self.rules) < len(self.names) or not self.names

    @property
    def rules(self) -> tuple[RuleName, ...]:
        return tuple(name for name in self.names if name.name.lower() != "all")


def find_directives(text: str) -> list[Directive]:
    if "replylint" not in text:  # the common case, without running the pattern
        return []
    directives = []
    for match in _COMMENT.finditer(text):
        kind = match.group("kind").removeprefix("-")
        args_at = match.start("args")
        names = tuple(RuleName(name.group(), args_at + name.start(), args_at + name.end())
                      for name in _NAME.finditer(match.group("args")))
        directives.append(Directive(kind, names, match.start(), match.end()))
    return directives


def blank_directives(text: str, directives: list[Directive]) -> str:
    """The text with each directive replaced by as many spaces: every offset stays where it was."""
    pieces: list[str] = []
    cursor = 0
    for directive in directives:
        pieces += [text[cursor : directive.start], " " * (directive.end - directive.start)]
        cursor = directive.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def own_line(text: str, start: int, end: int) -> tuple[int, int]:
    """What a disable-line directive at text[start:end] covers: the whole line it stands on."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end == -1 else line_end


def next_text_line(blanked: str, offset: int) -> tuple[int, int] | None:
    """What a disable-next-line directive ending at `offset` covers, as (start, end) in a text whose
    directives are blanked out (`Document.text`): the first line with text after its own line — or
    the rest of its own line when text follows it there, as when YAML's `>` folds the comment and
    the line below into one line. None when no text follows."""
    start = offset
    while start != -1:
        end = blanked.find("\n", start)
        end = len(blanked) if end == -1 else end
        if blanked[start:end].strip():
            return start, end
        start = end + 1 if end < len(blanked) else -1
    return None
