"""Where the reply's own text ends: quoted history below it, a signature block at its foot.

Both are found line by line on normalised text. Rules judge only the body; the signature still
matters to some (an agent's name, a farewell written just above it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that starts quoted history; everything from it to the end is the quote.
_QUOTE_HEADER = re.compile(
    r"""^\s*(?:
        -{2,}\s*(?:original\s+message|исходное\s+сообщение|оригінальне\s+повідомлення|
                 пересылаемое\s+сообщение|переслане\s+повідомлення|forwarded\s+message)\s*-{2,}
      | on\s.{3,120}\swrote:
      | .{3,160}\s(?:написал|написала|написал\(а\)|писал|писала|пише|написав|написала|написав\(ла\)):
      | (?:from|от|від):\s.+@.+
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_QUOTED_LINE = re.compile(r"^\s*>")
_SIGNATURE_DELIMITER = re.compile(r"^--\s*$")
_CONTACT = re.compile(
    r"""(?:\+?\d[\d\s().-]{7,}\d)                       # a phone number
      | [\w.+-]+@[\w-]+\.[\w.-]+                        # an e-mail
      | (?:https?://|www\.)\S+                          # a link
      | ^\s*(?:тел|моб|phone|tel|e-?mail|сайт|skype|telegram|viber)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A signature line is short: a name, a role, a company, a contact.
_MAX_SIGNATURE_LINE = 70
_MAX_SIGNATURE_LINES = 6


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # exclusive, without the line break
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    start = 0
    for part in text.split("\n"):
        lines.append(Line(start, start + len(part), part))
        start += len(part) + 1
    return lines


def find_quote_start(lines: list[Line]) -> int:
    """Index of the first line of quoted history, or len(lines) when there is none."""
    for index, line in enumerate(lines):
        if _QUOTE_HEADER.match(line.text):
            return index
        # A ">" line counts as history only when the rest below it is history or blank.
        if _QUOTED_LINE.match(line.text) and all(
                _QUOTED_LINE.match(rest.text) or rest.blank or _QUOTE_HEADER.match(rest.text)
                for rest in lines[index:]):
            return index
    return len(lines)


def find_signature_start(lines: list[Line], end: int, closing_line: int | None) -> int:
    """Index of the first signature line within lines[:end], or `end` when there is none.

    `closing_line` is the line holding the farewell formula, if the caller found one: short lines
    after it are the signature. Without one, only a "--" delimiter or a trailing block of contact
    lines counts, so a short last sentence is never mistaken for a signature.
    """
    for index in range(end):
        if _SIGNATURE_DELIMITER.match(lines[index].text):
            return index
    last = end
    while last > 0 and lines[last - 1].blank:
        last -= 1
    if closing_line is not None and closing_line < last:
        tail = [line for line in lines[closing_line + 1 : last] if not line.blank]
        if 0 < len(tail) <= _MAX_SIGNATURE_LINES and all(len(line.text.strip()) <= _MAX_SIGNATURE_LINE
                                                         for line in tail):
            return closing_line + 1
    start = last
    while start > 1 and last - start < _MAX_SIGNATURE_LINES and _is_contact_line(lines[start - 1]):
        start -= 1
    while start < last and lines[start].blank:
        start += 1
    return start if start < last else end


def _is_contact_line(line: Line) -> bool:
    return line.blank or (len(line.text.strip()) <= _MAX_SIGNATURE_LINE and bool(_CONTACT.search(line.text)))
