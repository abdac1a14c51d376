"""Where the reply's own text ends: quoted history below it, a signature block at its foot.

Both are found line by line on normalised text. Rules judge only the body; the signature still
matters to some (an agent's name, a farewell written just above it).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from replylint.document.language import LANGUAGES

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


class Line(NamedTuple):
    """One line of the text, with its offsets."""

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


@cache
def _quote_header() -> re.Pattern[str]:
    """A line that starts quoted history, built from the words in rules/{ru,uk,common}/quoting.toml.
    «… Анна пишет:» counts only with a date or an address on the line (01.01.2024 10:00, Анна пишет:)."""
    from replylint.data import load_toml

    words: dict[str, list[str]] = {"separators": [], "wrote": [], "from": []}
    for lang in (*LANGUAGES, "common"):
        for key, entries in load_toml(f"{lang}/quoting.toml").items():
            words[key] += entries

    def alternatives(key: str) -> str:
        return "|".join(r"\s+".join(map(re.escape, word.split())) for word in sorted(words[key], key=len, reverse=True))

    separators, wrote, by = alternatives("separators"), alternatives("wrote"), alternatives("from")
    time = r"\d{1,2}:\d{2}(?::\d{2})?"
    return re.compile(
        rf"""^\s*(?:
            -{{2,}}\s*(?:{separators})\s*-{{2,}}                   # -----Original Message-----
          | (?:{separators})\s*:                                # Begin forwarded message:
          | (?=.*[\d@])on\s.{{3,120}}\s(?:{wrote}):               # On …, Anna wrote: (a date or address:
          | (?=.*[\d@]).{{3,160}}\s(?:{wrote}):                    # not «Как я уже написал:»)
          | .{{1,80}}\s(?:{wrote})\s.{{0,80}}{time}\s*:            # Анна написала 1 января в 10:00:
          | .{{0,80}}{time}.{{0,120}}<[^<>\n]{{1,120}}>\s*:          # 01.01.2024, 10:00, "Анна" <a@b.ru>:
          | .{{0,80}}\d{{4}},?\s+{time}.{{0,40}}\s(?:{by})\s.{{1,80}}:  # …2024, 10:00 +03:00 от Анна:
          | (?:from|от|від):\s.+@.+                              # From: Anna <a@b.c>
        )\s*$""",
        re.IGNORECASE | re.VERBOSE,
    )


def is_quote_header(text: str) -> bool:
    # Every form of the header ends in «:», or holds «--» or «@»: a line with none of them
    # cannot match, and most lines are answered without compiling the pattern at all.
    if not (text.rstrip().endswith(":") or "--" in text or "@" in text):
        return False
    return bool(_quote_header().match(text))


def is_quoted_line(text: str) -> bool:
    """A line quoted with ">" (anywhere in the reply: it is the client's text, not the agent's)."""
    return bool(_QUOTED_LINE.match(text))


def find_quote_start(lines: list[Line]) -> int:
    """Index of the first line of quoted history, or len(lines) when there is none."""
    # history_below[i]: lines[i:] are all ">" lines, blank lines or headers (one pass from the end).
    history_below = [True] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        history_below[index] = history_below[index + 1] and (
            is_quoted_line(line.text) or line.blank or is_quote_header(line.text))
    for index, line in enumerate(lines):
        if is_quote_header(line.text):
            return index
        # A ">" line starts the history only when the rest below it is history or blank.
        if is_quoted_line(line.text) and history_below[index]:
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
