"""JSON template collections and JSONL conversation exports.

`json` validates (its messages and line numbers are the ones users know); a small scanner then
re-reads the valid text into Nodes whose strings know the file offset of every character
(an escape such as `\\n` or `\\u00ab` maps to its backslash).
"""

from __future__ import annotations

import json
import re

from replylint.sources.draft import Draft, LineMap
from replylint.sources.errors import MAX_NESTING, MAX_NUMBER_DIGITS, SourceError
from replylint.sources.located import Builder, Located
from replylint.sources.records import Node, collection_drafts, row_drafts

_BOM = "\ufeff"
_SPACE = re.compile(r"[ \t\r\n]*")
_STRING_STOP = re.compile(r'["\\]')
_LITERAL = re.compile(r"true|false|null|NaN|-?Infinity|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_STRUCTURE = re.compile(rf'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{{}}]|\d{{{MAX_NUMBER_DIGITS + 1},}}')
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def parse_json(path: str, text: str) -> list[Draft]:
    start = 1 if text.startswith(_BOM) else 0
    _validate(path, text[start:])
    root = _Scanner(path, text).value(start)[0]
    return collection_drafts(path, text, root)


def parse_jsonl(path: str, text: str) -> list[Draft]:
    """One JSON object per line; blank lines are allowed."""
    scanner = _Scanner(path, text)
    rows: list[tuple[int, dict[str, Node]]] = []
    end = -1
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines(): JSON strings may hold U+2028
        start = end + 1 + (1 if number == 1 and line.startswith(_BOM) else 0)
        end += len(line) + 1
        if not text[start:end].strip():
            continue
        _validate(path, text[start:end], first_line=number)
        node = scanner.value(start)[0]
        if not isinstance(node.value, dict):
            raise SourceError(path, "expected a JSON object on each line", number)
        rows.append((number, node.value))
    return row_drafts(path, text, rows)


def _validate(path: str, text: str, first_line: int = 1) -> None:
    _check_limits(path, text, first_line)
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(path, f"invalid JSON: {error.msg}", first_line + error.lineno - 1) from None


def _check_limits(path: str, text: str, first_line: int) -> None:
    """Nesting deeper than MAX_NESTING and numbers longer than Python converts, found in one linear
    pass before `json` recurses into them (strings are skipped whole)."""
    depth = 0
    for token in _STRUCTURE.finditer(text):
        char = token.group()[0]
        if char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = first_line + text.count("\n", 0, token.start())
                raise SourceError(path, f"invalid JSON: nested deeper than {MAX_NESTING} levels", line)
        elif char in "]}":
            depth -= 1
        elif char != '"':
            line = first_line + text.count("\n", 0, token.start())
            raise SourceError(path, f"invalid JSON: a number of {len(token.group()):,} digits "
                              f"(at most {MAX_NUMBER_DIGITS:,})", line)


class _Scanner:
    """Reads one JSON value from already-validated text; offsets are into the whole file."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.lines = LineMap(text)

    def value(self, index: int) -> tuple[Node, int]:
        index = self._skip(index)
        node = Node(None, self.lines.locate(index)[0])
        char = self.text[index]
        if char == "{":
            node.value, index = {}, self._skip(index + 1)
            while self.text[index] != "}":
                key, index = self._string(self._skip(index))
                node.value[key.text], index = self.value(self._skip(index) + 1)  # past the colon
                index = self._after_item(index)
            return node, index + 1
        if char == "[":
            node.value, index = [], self._skip(index + 1)
            while self.text[index] != "]":
                child, index = self.value(index)
                node.value.append(child)
                index = self._after_item(index)
            return node, index + 1
        if char == '"':
            located, index = self._string(index)
            node.value = located.text
            node.located = lambda: located
            return node, index
        match = _LITERAL.match(self.text, index)
        if match is None:  # unreachable for validated text
            raise ValueError(f"unexpected JSON at offset {index}")
        node.value = json.loads(match.group())
        return node, match.end()

    def _skip(self, index: int) -> int:
        return _SPACE.match(self.text, index).end()  # type: ignore[union-attr]  # `*` always matches

    def _after_item(self, index: int) -> int:
        index = self._skip(index)
        return self._skip(index + 1) if self.text[index] == "," else index

    def _string(self, index: int) -> tuple[Located, int]:
        """The string literal opening at `index`, and the offset after its closing quote."""
        out = Builder()
        index += 1
        while True:
            stop = _STRING_STOP.search(self.text, index)
            if stop is None:  # unreachable for validated text
                raise ValueError("unterminated JSON string")
            out.copy(self.text, index, stop.start())
            at = stop.start()
            if self.text[at] == '"':
                return out.build(), at + 1
            code = self.text[at + 1]
            if code != "u":
                out.add(_ESCAPES[code], at)
                index = at + 2
                continue
            point, index = int(self.text[at + 2 : at + 6], 16), at + 6
            if 0xD800 <= point < 0xDC00 and self.text.startswith("\\u", index):
                low = int(self.text[index + 2 : index + 6], 16)
                if 0xDC00 <= low < 0xE000:  # a surrogate pair is one character
                    point, index = 0x10000 + ((point - 0xD800) << 10) + (low - 0xDC00), index + 6
            if 0xD800 <= point < 0xE000:  # no character: it cannot be printed, sent or written back
                raise SourceError(self.path, f"invalid JSON: a lone surrogate \\u{point:04x} in a string",
                                  self.lines.locate(at)[0])
            out.add(chr(point), at)
