"""HTML e-mail templates: the visible text, each character mapped to its file offset.

Whitespace collapses as a browser renders it (one space, mapped to the first blank of the run),
block elements and <br> become line breaks (mapped to their tag), table cells are separated by a
space, entities are decoded (mapped to their `&`). `<!-- replylint... -->` comments are kept
verbatim on a line of their own so the engine's suppressions still apply.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from html.parser import HTMLParser

from replylint.sources.draft import Draft
from replylint.sources.located import Builder, Located

_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "fieldset"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"),
        *("li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul"),
    }
)
_CELLS = frozenset({"td", "th"})
_HIDDEN = frozenset({"head", "script", "style", "template", "title"})
_BLANKS = " \t\n\r\f"  # what HTML collapses; NBSP is not among them


def parse_html(path: str, text: str) -> list[Draft]:
    return [extract_text(text).draft(path, text)]


def extract_text(source: str) -> Located:
    """The visible text of an HTML document, with offsets into `source`."""
    extractor = _Extractor(source)
    extractor.feed(source)
    extractor.close()
    return extractor.result()


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)  # entities arrive separately, so we know where they are
        self.source = source
        # HTMLParser reports (line, column) counting "\n" only; these turn that back into offsets.
        self.line_starts = [0] + [i + 1 for i, char in enumerate(source) if char == "\n"]
        self.out = Builder()
        self.hidden: list[str] = []  # open elements whose content is not shown
        self.pre = 0
        self.space_at: int | None = None  # a collapsed blank run waiting for the next visible text

    def result(self) -> Located:
        text = self.out.build()
        start = len(text.text) - len(text.text.lstrip(" \n"))
        return text.slice(start, len(text.text.rstrip(" \n")))

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _emit(self, text: str, positions: Sequence[int]) -> None:
        if self.hidden:
            return
        for char, at in zip(text, positions, strict=True):
            if char in _BLANKS and not self.pre:
                if self.space_at is None and self.out.last not in ("", "\n"):
                    self.space_at = at
                continue
            if self.space_at is not None:
                self.out.add(" ", self.space_at)
                self.space_at = None
            self.out.add(char, at)

    def _line_break(self, at: int, *, always: bool = False) -> None:
        if self.hidden:
            return
        self.space_at = None
        if always or self.out.last not in ("", "\n"):
            self.out.add("\n", at)

    def handle_data(self, data: str) -> None:
        start = self._here()  # data is always a verbatim slice starting here (convert_charrefs=False)
        self._emit(data, range(start, start + len(data)))

    def _reference(self, reference: str) -> None:
        start = self._here()
        decoded = html.unescape(reference)
        if decoded == reference:  # unknown entity: shown as written
            end = start + len(reference) - (0 if self.source.startswith(reference, start) else 1)
            self._emit(self.source[start:end], range(start, end))
        else:
            self._emit(decoded, [start] * len(decoded))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden.append(tag)
        elif tag == "body":
            self.hidden.clear()  # a <head> left open ends where the body starts
        elif tag == "br":
            self._line_break(self._here(), always=True)
        elif tag in _BLOCKS:
            self._line_break(self._here())
            if tag == "pre":
                self.pre += 1
        elif tag in _CELLS and self.out.last not in ("", "\n") and self.space_at is None and not self.hidden:
            self.space_at = self._here()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.hidden:
            while self.hidden.pop() != tag:
                pass
        elif tag in _BLOCKS:
            self._line_break(self._here())
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_comment(self, data: str) -> None:
        if self.hidden or not data.strip().startswith("replylint"):
            return
        start = self._here()
        end = start + len("<!--") + len(data) + len("-->")
        # A directive stands on a line of its own, except replylint-disable-line: it is about its line.
        own_line = not data.strip().startswith("replylint-disable-line")
        if own_line:
            self._line_break(start)
        self.out.copy(self.source, start, end)
        if own_line:
            self._line_break(end)
