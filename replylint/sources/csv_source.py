"""CSV conversation exports (`client`/`reply` or `question`/`answer` columns, optional `id`).

The csv module does not say where a field starts, so records are parsed here (RFC 4180 quoting,
the dialect spreadsheet exports use) keeping the file offset of every character; a doubled quote
inside a quoted field maps to its first quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from replylint.sources.draft import Draft, LineMap
from replylint.sources.errors import SourceError
from replylint.sources.located import Builder, Located
from replylint.sources.records import ROW_TEXT_KEYS, Node, row_drafts

_DELIMITERS = (",", ";", "\t")  # Russian/Ukrainian Excel exports default to ";"


def parse_csv(path: str, text: str) -> list[Draft]:
    start = 1 if text.startswith("\ufeff") else 0
    lines = LineMap(text)
    records = list(_records(path, text, start, _delimiter(text, start), lines))
    if not records:
        return []
    header_line, header = records[0]
    names = [field.text.strip().lower() for field in header]
    if not any(key in names for key in ROW_TEXT_KEYS):
        raise SourceError(path, "no 'reply' or 'answer' column in the header", header_line)
    rows: list[tuple[int, dict[str, Node]]] = []
    for line, fields in records[1:]:
        if len(fields) == 1 and not fields[0].text:
            continue  # a blank line
        extra = [field for field in fields[len(names) :] if field.text.strip()]
        if extra:
            raise SourceError(path, f"invalid CSV: {len(fields)} fields in a row, {len(names)} in the header", line)
        rows.append((line, {name: _node(field, line) for name, field in zip(names, fields, strict=False)}))
    return row_drafts(path, text, rows)


def _node(field: Located, line: int) -> Node:
    return Node(field.text, line, lambda: field)


def _delimiter(text: str, start: int) -> str:
    """The candidate seen most often in the header line (quoted header names are rare enough)."""
    header = text[start:].split("\n", 1)[0]
    return max(_DELIMITERS, key=header.count)


def _records(path: str, text: str, index: int, delimiter: str, lines: LineMap) -> Iterator[tuple[int, list[Located]]]:
    """(line, fields) for each record; a trailing line break does not start an empty record."""
    unquoted_end = re.compile(f"[{re.escape(delimiter)}\r\n]")
    end = len(text)
    while index < end:
        line = lines.locate(index)[0]
        fields: list[Located] = []
        while True:
            field = Builder()
            if text.startswith('"', index):
                opened, index = index, index + 1
                while True:
                    quote = text.find('"', index)
                    if quote < 0:
                        raise SourceError(path, "invalid CSV: unterminated quoted field", lines.locate(opened)[0])
                    field.copy(text, index, quote)
                    if not text.startswith('""', quote):
                        index = quote + 1
                        break
                    field.add('"', quote)
                    index = quote + 2
                if index < end and text[index] not in (delimiter, "\r", "\n"):
                    raise SourceError(
                        path, "invalid CSV: unexpected text after a closing quote", lines.locate(index)[0]
                    )
            else:
                stop = unquoted_end.search(text, index)
                field_end = stop.start() if stop else end
                field.copy(text, index, field_end)
                index = field_end
            fields.append(field.build())
            if index < end and text[index] == delimiter:
                index += 1
                continue
            index += 2 if text.startswith("\r\n", index) else 1
            break
        yield line, fields
