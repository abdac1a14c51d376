"""YAML template libraries, with every character of a scalar mapped back to its file offset.

PyYAML's composed nodes give each scalar's start and end marks and its final value, but not where
each character of the value came from. So each scalar is re-scanned here the way PyYAML's scanner
reads it (plain and quoted flow scalars with line folding and escapes, literal/folded block
scalars with indentation, chomping and folding), recording offsets. If the re-scan ever disagrees
with PyYAML's value, the value is aligned to it and unmatched characters map to the nearest
source character before them.
"""

from __future__ import annotations

import difflib
import re
from functools import partial

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from replylint.sources.draft import Draft
from replylint.sources.errors import MAX_EXPANDED_VALUES, MAX_NESTING, SourceError
from replylint.sources.located import Builder, Located
from replylint.sources.records import Node, collection_drafts

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same marks, faster
_BREAKS = "\r\n\x85\u2028\u2029"
_ENDS = _BREAKS + "\0"  # _Cursor.peek() gives NUL at the end of the text, as PyYAML's reader does
_LINE_END = re.compile(f"[{_ENDS}]")
_ESCAPES: dict[str, str] = yaml.scanner.Scanner.ESCAPE_REPLACEMENTS
_ESCAPE_CODES: dict[str, int] = yaml.scanner.Scanner.ESCAPE_CODES


def parse_yaml(path: str, text: str) -> list[Draft]:
    return collection_drafts(path, text, compose_tree(path, text))


def compose_tree(path: str, text: str) -> Node | None:
    """The document as a Node tree whose lines and string offsets point into `text`."""
    # libyaml's marks skip a byte-order mark, PyYAML's count it: leave it out and shift back after.
    body = text.removeprefix("\ufeff")
    try:
        root = yaml.compose(body, Loader=_LOADER)
        if root is None:
            return None
        _check_graph(path, root)
        return _Tree(body, len(text) - len(body)).convert(root, parent_indent=-1)
    except RecursionError:
        raise SourceError(path, f"invalid YAML: nested deeper than {MAX_NESTING} levels") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "syntax error"
        if "nesting depth" in reason:  # PyYAML >= 6.0.4 stops deep nesting itself, before our check
            reason = f"nested deeper than {MAX_NESTING} levels"
        raise SourceError(path, f"invalid YAML: {reason}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise SourceError(path, f"invalid YAML: {error}") from None


def _check_graph(path: str, root: yaml.Node) -> None:
    """Before anything is built: no alias that contains itself, no nesting deeper than MAX_NESTING
    and no more than MAX_EXPANDED_VALUES values added by expanding aliases (a "billion laughs" of a
    few hundred bytes). Iterative; each shared node's expanded size and height is computed once."""
    sizes: dict[int, tuple[int, int]] = {}  # id -> (expanded values, expanded height)
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            ceiling = len(sizes) + 1 + MAX_EXPANDED_VALUES  # values written out, plus what aliases may add
            size = min(1 + sum(sizes[id(child)][0] for child in children), ceiling + 1)
            height = 1 + max((sizes[id(child)][1] for child in children), default=0)
            line = node.start_mark.line + 1
            if size > ceiling:
                raise SourceError(path, f"invalid YAML: aliases add more than {MAX_EXPANDED_VALUES:,} values", line)
            if height > MAX_NESTING:
                raise SourceError(path, f"invalid YAML: nested deeper than {MAX_NESTING} levels", line)
            sizes[key] = (size, height)
        elif key not in sizes:
            if key in on_path:
                raise SourceError(path, "invalid YAML: an alias refers to a node that contains it",
                                  node.start_mark.line + 1)
            if len(on_path) > MAX_NESTING:
                raise SourceError(path, f"invalid YAML: nested deeper than {MAX_NESTING} levels",
                                  node.start_mark.line + 1)
            on_path.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


class _Tree:
    def __init__(self, text: str, shift: int) -> None:
        self.text = text
        self.shift = shift
        self.constructor = yaml.constructor.SafeConstructor()
        self.done: dict[int, Node] = {}  # by id(yaml node): aliases share nodes, and may be recursive

    def convert(self, node: yaml.Node, parent_indent: int) -> Node:
        if id(node) in self.done:
            return self.done[id(node)]
        result = Node(None, node.start_mark.line + 1)
        self.done[id(node)] = result
        if isinstance(node, MappingNode):
            self.constructor.flatten_mapping(node)  # resolves `<<: *defaults` merge keys
            # A block mapping's indentation is its keys' column (the node itself may start at an anchor).
            indent = node.value[0][0].start_mark.column if node.value else node.start_mark.column
            result.value = {
                self._key(key): self.convert(value, indent) for key, value in node.value if isinstance(key, ScalarNode)
            }
        elif isinstance(node, SequenceNode):
            result.value = [self.convert(child, node.start_mark.column) for child in node.value]
        else:
            result.value = self._scalar_value(node)
            result.located = partial(self.located, node, parent_indent)
        return result

    def _key(self, node: ScalarNode) -> str:
        try:
            return str(self.constructor.construct_object(node))
        except ValueError:  # a 5,000-digit number: Python will not turn it into a string and back
            return str(node.value)

    def _scalar_value(self, node: ScalarNode) -> object:
        try:
            return self.constructor.construct_object(node)
        except ValueError:  # a plain scalar that looks like a date but is none (2024-02-30)
            return node.value

    def located(self, node: ScalarNode, parent_indent: int) -> Located:
        return scalar_located(self.text, node, parent_indent).shifted(self.shift)


def scalar_located(text: str, node: ScalarNode, parent_indent: int) -> Located:
    """node.value with file offsets; `parent_indent` is the column of the enclosing block collection
    (-1 at top level), needed for block scalars with an explicit indentation indicator."""
    start = _skip_properties(text, node.start_mark.index)
    end = node.end_mark.index
    style = node.style or None
    scanned: Located | None
    if style in ("|", ">"):
        scanned = _block_scalar(text, start, parent_indent)
    elif style in ("'", '"'):
        scanned = _flow_scalar(text, start + 1, end - 1, style)
    else:
        scanned = _flow_scalar(text, start, end, None)
    if scanned is not None and scanned.text == node.value:
        return scanned
    return _align(node.value, scanned or Located(), start)


def _skip_properties(text: str, index: int) -> int:
    """Past an anchor (`&a`) and tag (`!!str`), which the node's start mark includes."""
    while index < len(text) and text[index] in "&!":
        while index < len(text) and text[index] not in " \t\r\n":
            index += 1
        while index < len(text) and text[index] in " \t\r\n":
            index += 1
    return index


def _line_break(text: str, index: int) -> tuple[str, int, int]:
    """(the break as YAML reads it, its offset, the offset after it); CRLF, CR and NEL read as LF."""
    if text.startswith("\r\n", index):
        return "\n", index, index + 2
    char = text[index]
    return ("\n" if char in "\r\n\x85" else char), index, index + 1


def _flow_scalar(text: str, index: int, stop: int, style: str | None) -> Located | None:
    """text[index:stop] read as a plain (style None), single- or double-quoted scalar's inside.
    Line folding as in PyYAML: trailing/leading blanks around a break go, a lone break becomes a
    space (mapped to the break), each further empty line becomes a newline."""
    out = Builder()
    while index < stop:
        char = text[index]
        if char in " \t" or char in _BREAKS:
            blank_end = index
            while blank_end < stop and text[blank_end] in " \t":
                blank_end += 1
            if blank_end < stop and text[blank_end] in _BREAKS:
                first, at, index = _line_break(text, blank_end)
                breaks, index = _flow_breaks(text, index, stop)
                if first != "\n":
                    out.add(first, at)
                elif not breaks:
                    out.add(" ", at)
                for brk, brk_at in breaks:
                    out.add(brk, brk_at)
            else:
                out.copy(text, index, blank_end)
                index = blank_end
        elif style == "'" and text.startswith("''", index):
            out.add("'", index)
            index += 2
        elif style == '"' and char == "\\":
            code = text[index + 1 : index + 2]
            if code in _ESCAPES:
                out.add(_ESCAPES[code], index)
                index += 2
            elif code in _ESCAPE_CODES:
                digits = text[index + 2 : index + 2 + _ESCAPE_CODES[code]]
                out.add(chr(int(digits, 16)), index)
                index += 2 + len(digits)
            elif code and code in _BREAKS:  # an escaped line break joins the lines without a space
                index = _line_break(text, index + 1)[2]
                breaks, index = _flow_breaks(text, index, stop)
                for brk, brk_at in breaks:
                    out.add(brk, brk_at)
            else:
                return None
        else:
            out.copy(text, index, index + 1)
            index += 1
    return out.build()


def _flow_breaks(text: str, index: int, stop: int) -> tuple[list[tuple[str, int]], int]:
    """The empty lines after a folded break (each kept as a break), skipping their blanks."""
    breaks: list[tuple[str, int]] = []
    while True:
        while index < stop and text[index] in " \t":
            index += 1
        if index < stop and text[index] in _BREAKS:
            brk, at, index = _line_break(text, index)
            breaks.append((brk, at))
        else:
            return breaks, index


class _Cursor:
    """Just enough of PyYAML's reader to port its block scalar scanner: peek, column, breaks."""

    def __init__(self, text: str, index: int) -> None:
        self.text = text
        self.index = index
        self.line_start = text.rfind("\n", 0, index) + 1

    def peek(self) -> str:
        return self.text[self.index] if self.index < len(self.text) else "\0"

    @property
    def column(self) -> int:
        return self.index - self.line_start

    def line_end(self) -> int:
        """Where the current line ends: its break, NUL or the end of the text (as peek() sees them)."""
        found = _LINE_END.search(self.text, self.index)
        return found.start() if found else len(self.text)

    def line_break(self) -> tuple[str, int] | None:
        if self.peek() not in _BREAKS:
            return None
        brk, at, self.index = _line_break(self.text, self.index)
        self.line_start = self.index
        return brk, at

    def breaks(self, indent: int) -> list[tuple[str, int]]:
        """PyYAML's scan_block_scalar_breaks: empty lines, indentation skipped."""
        found: list[tuple[str, int]] = []
        while True:
            while self.column < indent and self.peek() == " ":
                self.index += 1
            brk = self.line_break()
            if brk is None:
                return found
            found.append(brk)


def _block_scalar(text: str, start: int, parent_indent: int) -> Located:
    """A literal (|) or folded (>) block scalar starting at its indicator: a port of PyYAML's
    scan_block_scalar that records offsets. Folding spaces and kept breaks map to line breaks."""
    folded = text[start] == ">"
    cursor = _Cursor(text, start + 1)
    chomping: bool | None = None
    increment: int | None = None
    while cursor.peek() in "+-123456789":
        if cursor.peek() in "+-":
            chomping = cursor.peek() == "+"
        else:
            increment = int(cursor.peek())
        cursor.index += 1
    while cursor.peek() not in _ENDS:  # the rest of the header line: blanks and a comment
        cursor.index += 1
    cursor.line_break()

    min_indent = max(parent_indent + 1, 1)
    if increment is None:
        breaks: list[tuple[str, int]] = []
        max_indent = 0
        while cursor.peek() in " " + _BREAKS:
            if cursor.peek() == " ":
                cursor.index += 1
                max_indent = max(max_indent, cursor.column)
            elif found := cursor.line_break():
                breaks.append(found)
        indent = max(min_indent, max_indent)
    else:
        indent = min_indent + increment - 1
        breaks = cursor.breaks(indent)

    out = Builder()
    line_break: tuple[str, int] | None = None
    while cursor.column == indent and cursor.peek() != "\0":
        for brk, at in breaks:
            out.add(brk, at)
        leading_non_space = cursor.peek() not in " \t"
        line_start = cursor.index
        cursor.index = cursor.line_end()  # a regex search, not a step per character: big collections
        out.copy(text, line_start, cursor.index)
        line_break = cursor.line_break()
        breaks = cursor.breaks(indent)
        if not (cursor.column == indent and cursor.peek() != "\0"):
            break
        if not line_break:
            continue
        if folded and line_break[0] == "\n" and leading_non_space and cursor.peek() not in " \t":
            if not breaks:  # a lone break between two ordinary lines folds into a space
                out.add(" ", line_break[1])
        else:
            out.add(*line_break)
    if chomping is not False and line_break:
        out.add(*line_break)
    if chomping is True:
        for brk, at in breaks:
            out.add(brk, at)
    return out.build()


def _align(value: str, scanned: Located, start: int) -> Located:
    """Fallback: map `value` through its best alignment with what the re-scan produced."""
    positions: list[int] = []
    last = scanned.positions[0] if scanned.positions else start
    matcher = difflib.SequenceMatcher(None, scanned.text, value, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            positions.extend(scanned.positions[i1:i2])
            last = scanned.positions[i2 - 1]
        elif tag in ("replace", "insert"):
            positions.extend([scanned.positions[i1] if tag == "replace" else last] * (j2 - j1))
    return Located(value, tuple(positions))
