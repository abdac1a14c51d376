"""`--format text`: findings grouped by file, each with its line and the span underlined.

    examples/draft.txt
      1:7 warning [*] «!!!»: несколько знаков подряд звучат эмоционально — достаточно одного  exclamation
          │ Привет!!!
          │       ^^^
          = !

`[*]` marks a finding `--fix` can fix (as ruff does); the closing lines count them. Every line
fits the terminal's width (COLUMNS, else the terminal's, else 100 off a terminal): a message wraps
at spaces under itself with the rule id kept whole on its last line, and a long source line is cut
at word boundaries around the span, with «…» where it was cut. Colour only on a terminal, or with
FORCE_COLOR / --color; NO_COLOR (or --no-color, or TERM=dumb) leaves no escape code at all, bold
and dim included. Lines are built as plain strings (no rich rendering per line): a report of 10,000
findings takes a fraction of a second.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import TextIO

from replylint.engine.runner import DraftResult
from replylint.reporters.json import question_record, summary
from replylint.rulekit.finding import Finding, Severity

_DEFAULT_WIDTH = 100  # off a terminal, when COLUMNS does not say
_MIN_WIDTH = 40
_GUTTER = "      │ "
_HINT = "      = "
_ELLIPSIS = "…"
_FIXABLE = "[*]"
_NO_BREAK = "\u00a0"
# Tabs, CR and any other control character of a draft are shown as a space: one column each, and
# no escape sequence from a draft reaches the terminal.
_CONTROLS = {code: " " for code in (*range(32), 127)}
_SHORT_QUOTE = 30  # a quoted phrase up to this long is not split by a wrap
# SGR codes; a style is a tuple of them.
_SGR = {"bold": "1", "dim": "2", "underline": "4", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_SEVERITY_STYLE = {Severity.ERROR: ("bold", "red"), Severity.WARNING: ("yellow",), Severity.INFO: ("cyan",)}
# The closing lines, in the language of the messages (the drafts' own unless --message-lang says).
_SUMMARY = {
    "en": ("No problems in {items} draft(s).", "Found {findings} problem(s) in {items} draft(s): {parts}",
           {"error": "error", "warning": "warning", "info": "info"}),
    "ru": ("Проблем не найдено (проверено: {items}).", "Найдено проблем: {findings} (проверено: {items}): {parts}",
           {"error": "ошибки", "warning": "предупреждения", "info": "замечания"}),
    "uk": ("Проблем не знайдено (перевірено: {items}).", "Знайдено проблем: {findings} (перевірено: {items}): {parts}",
           {"error": "помилки", "warning": "попередження", "info": "зауваження"}),
}
_FIXABLE_LINE = {
    "en": ("{marker} {count} fixable with `--fix`.", " ({hidden} more with `--unsafe-fixes`.)",
           "No fixes with `--fix`; {hidden} with `--fix --unsafe-fixes`."),
    "ru": ("{marker} Исправимо с `--fix`: {count}.", " (Ещё {hidden} — с `--unsafe-fixes`.)",
           "Безопасных исправлений нет; с `--fix --unsafe-fixes`: {hidden}."),
    "uk": ("{marker} Можна виправити з `--fix`: {count}.", " (Ще {hidden} — з `--unsafe-fixes`.)",
           "Безпечних виправлень немає; з `--fix --unsafe-fixes`: {hidden}."),
}


class TextReporter:
    def __init__(self, *, color: bool | None = None, message_lang: str = "auto", unsafe_fixes: bool = False,
                 width: int | None = None) -> None:
        self.color = color
        self.message_lang = message_lang
        self.unsafe_fixes = unsafe_fixes  # --unsafe-fixes: --fix applies the unsafe fixes too, so they count
        self.width = width

    def __call__(self, results: list[DraftResult], stream: TextIO) -> None:
        paint = _Painter(use_color(self.color, stream))
        width = max(_MIN_WIDTH, self.width or terminal_width(stream))
        out: list[str] = []
        for result in results:
            if not result.findings:
                continue
            name = result.draft.path + (f" [{result.draft.item}]" if result.draft.item else "")
            out.append(paint(name, "bold", "underline"))
            places = [result.draft.locate(finding.start) for finding in result.findings]
            column = max(len(f"{line}:{at}") for line, at in places)  # messages of one file start in one column
            for finding, place in zip(result.findings, places, strict=True):
                out += self._finding(paint, width, result, finding, f"{place[0]}:{place[1]}".ljust(column))
            out.append("")
        lang = summary_language(results, self.message_lang)
        out += self._summary_lines(paint, width, results, lang)
        stream.write("\n".join(out) + "\n")

    def fixable(self, finding: Finding) -> bool:
        return finding.fix is not None and (finding.fix.safe or self.unsafe_fixes)

    def _finding(self, paint: _Painter, width: int, result: DraftResult, finding: Finding,
                 place: str) -> list[str]:
        position = f"  {place}"
        label = f"{finding.severity.label:<7}"
        marker = f"{_FIXABLE} " if self.fixable(finding) else ""
        indent = cells(position) + 1 + len(label) + 1
        words = [*_keep_quotes(finding.message.split()), f"\0{finding.rule}"]  # \0: the rule id, whole
        rows = wrap(words, width, first=indent + len(marker), rest=indent)
        lines = []
        for number, row in enumerate(rows):
            text = _render_row(paint, row)
            if number == 0:
                lines.append(f"{paint(position, 'dim')} {paint(label, *_SEVERITY_STYLE[finding.severity])} "
                             f"{paint(marker, 'bold') if marker else ''}{text}")
            else:
                lines.append(" " * indent + text)
        question = question_record(finding)
        if question is not None:
            # A finding about the client's question shows that question and where it stands in the
            # client's message, rather than underlining the draft where no answer is.
            where = f"      ? {question['line']}:{question['column']} "
            shown, _, _ = excerpt(" ".join(question["text"].split()), 0, 0, width - cells(where))
            lines.append(paint(where, "dim") + paint(shown, *_SEVERITY_STYLE[finding.severity]))
        else:
            source, start, end = excerpt(result.draft.text, finding.start, finding.end, width - cells(_GUTTER))
            lines.append(paint(_GUTTER, "dim") + source)
            lines.append(paint(_GUTTER, "dim") + " " * start + paint("^" * max(1, end - start),
                                                                     *_SEVERITY_STYLE[finding.severity]))
        if finding.suggestion:
            hint = wrap(finding.suggestion.split(), width, first=cells(_HINT), rest=cells(_HINT))
            lines.append(paint(_HINT, "dim") + paint(" ".join(hint[0]), "green"))
            lines += [" " * cells(_HINT) + paint(" ".join(row), "green") for row in hint[1:]]
        return lines

    def _summary_lines(self, paint: _Painter, width: int, results: list[DraftResult], lang: str) -> list[str]:
        clean, found, labels = _SUMMARY.get(lang, _SUMMARY["en"])
        counts = summary(results)
        if not counts["findings"]:
            return [paint(" ".join(row), "green") for row in wrap(clean.format(items=counts["items"]).split(), width)]
        parts = ", ".join(f"{labels[label]}: {counts[label]}" for label in ("error", "warning", "info")
                          if counts[label])
        text = found.format(findings=counts["findings"], items=counts["items"], parts=parts)
        lines = [paint(" ".join(row), "bold") for row in wrap(text.split(), width)]
        fixes = Counter("fixable" if self.fixable(finding) else "hidden"
                        for result in results for finding in result.findings if finding.fix is not None)
        if fixes:
            some, more, only_unsafe = _FIXABLE_LINE.get(lang, _FIXABLE_LINE["en"])
            if fixes["fixable"]:
                text = some.format(marker=_FIXABLE, count=fixes["fixable"])
                text += more.format(hidden=fixes["hidden"]) if fixes["hidden"] else ""
            else:
                text = only_unsafe.format(hidden=fixes["hidden"])
            lines += [" ".join(row) for row in wrap(text.split(), width)]
        return lines


def summary_language(results: list[DraftResult], message_lang: str) -> str:
    """The language of the closing lines: --message-lang's, else the drafts' — the most common one
    when a folder mixes Russian and Ukrainian (the first seen on a tie), never English by default."""
    if message_lang != "auto":
        return message_lang
    languages = Counter(result.language for result in results)
    return max(languages, key=languages.__getitem__) if languages else "en"


def use_color(forced: bool | None, stream: TextIO) -> bool:
    """--color/--no-color win; then NO_COLOR (any non-empty value), FORCE_COLOR, TERM=dumb; else
    whether the stream is a terminal."""
    if forced is not None:
        return forced
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def terminal_width(stream: TextIO) -> int:
    """COLUMNS when set, else the width of the terminal the stream writes to, else 100."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(stream.fileno()).columns or _DEFAULT_WIDTH
    except (AttributeError, OSError, ValueError):
        return _DEFAULT_WIDTH


class _Painter:
    """Wraps text in SGR codes, or leaves it as it is when colour is off."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not text:
            return text
        return f"\x1b[{';'.join(_SGR[style] for style in styles)}m{text}\x1b[0m"


# Characters that may not take exactly one column: combining marks, zero-width and format
# characters, wide CJK and emoji ranges. Everything else (Latin, Cyrillic, «», —, …) takes one, so
# most lines are measured by len() alone; only these go through unicodedata.
_NOT_ONE_CELL = (
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u1100-\u115f\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u231a-\u23ff\u2600-\u27bf\u2b00-\u2bff\u2e80-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe00-\ufe0f\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0010ffff]")
# Latin, Cyrillic, general punctuation, currency and letterlike symbols («», —, …, №, ₽), box
# drawing (│): none of them in the class above, so a text made only of these is one column a
# character, and is measured without the pattern (its 45,000 code points take some 3 ms to compile).
_ONE_CELL = frozenset(map(chr, itertools.chain(
    range(0x300), range(0x400, 0x483), range(0x48A, 0x530), range(0x2010, 0x2028), range(0x2030, 0x2060),
    range(0x2070, 0x231A), range(0x2400, 0x2600))))


@cache
def _not_one_cell() -> re.Pattern[str]:
    return re.compile(_NOT_ONE_CELL)


def cells(text: str) -> int:
    """Terminal columns `text` takes: wide (CJK, most emoji) count two, combining marks none."""
    if text.isascii() or _ONE_CELL.issuperset(text):
        return len(text)
    return len(text) + sum(_char_cells(char) - 1 for char in _not_one_cell().findall(text))


def _char_cells(char: str) -> int:
    if char in _ONE_CELL or not _not_one_cell().match(char):
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def wrap(words: Iterable[str], width: int, *, first: int = 0, rest: int = 0) -> list[list[str]]:
    """Words into rows that fit `width` columns, the first starting at column `first`, the others
    at `rest`. A word starting with \\0 (the rule id) follows two spaces and is never broken; a word
    longer than a whole row is cut."""
    rows: list[list[str]] = [[]]
    used = first
    for word in words:
        gap = 2 if word.startswith("\0") else 1
        size = cells(word.lstrip("\0"))
        if rows[-1] and used + gap + size > width:
            rows.append([])
            used = rest
        if not rows[-1] and used + size > width and not word.startswith("\0"):
            while used + cells(word) > width and len(word) > 1:  # one word wider than the row: cut it
                room = max(1, width - used)
                rows[-1].append(word[:room])
                rows.append([])
                word, used = word[room:], rest
        used += (gap if rows[-1] else 0) + size
        rows[-1].append(word)
    return rows


def _keep_quotes(words: list[str]) -> list[str]:
    """Words with a short «quoted phrase» joined into one (by no-break spaces), so that a wrap never
    splits «С уважением» over two lines."""
    kept: list[str] = []
    for word in words:
        previous = kept[-1] if kept else ""
        if "«" in previous and "»" not in previous[previous.rindex("«"):] and len(previous) + len(word) < _SHORT_QUOTE:
            kept[-1] = f"{previous}{_NO_BREAK}{word}"
        else:
            kept.append(word)
    return kept


def _render_row(paint: _Painter, row: list[str]) -> str:
    words = [word.replace(_NO_BREAK, " ") for word in row if not word.startswith("\0")]
    rule = [word[1:] for word in row if word.startswith("\0")]
    text = " ".join(words)
    if rule:
        text += ("  " if words else "") + paint(rule[0], "dim")
    return text


def excerpt(text: str, start: int, end: int, room: int) -> tuple[str, int, int]:
    """The source line holding text[start], cut to `room` columns around [start, end) at word
    boundaries, «…» marking a cut; with the columns where the span starts and ends in it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].translate(_CONTROLS)
    begin, finish = start - line_start, max(start, min(end, line_end)) - line_start
    if cells(line) > room:
        line, begin, finish = _cut(line, begin, finish, max(room, 10))
    return line, cells(line[:begin]), cells(line[:finish])


def _cut(line: str, begin: int, finish: int, room: int) -> tuple[str, int, int]:
    """A window of `line` at most `room` columns wide showing [begin, finish) (its start at least),
    cut at spaces where the line has them, with «…» where text was left out."""
    budget = room - 2 * cells(_ELLIPSIS)
    slack = max(0, budget - cells(line[begin:finish]))
    left = max(0, begin - slack // 3)  # a third of the room left over goes before the span
    if left > 0 and line[left - 1] != " ":
        space = line.find(" ", left, begin)
        left = space + 1 if space != -1 else left
    right = min(len(line), left + budget)
    # wide or zero-width characters: count them one by one
    if not _ONE_CELL.issuperset(line[left:right]) and _not_one_cell().search(line, left, right):
        right, used = left, 0
        while right < len(line) and used + _char_cells(line[right]) <= budget:
            used += _char_cells(line[right])
            right += 1
    if right < len(line) and line[right] != " ":
        space = line.rfind(" ", finish, right)
        space = space if space != -1 else line.rfind(" ", begin + 1, right)
        right = space if space != -1 else right
    head = _ELLIPSIS if left > 0 else ""
    window = line[left:right].rstrip(" ")
    tail = _ELLIPSIS if right < len(line) else ""
    shift = len(head) - left
    return head + window + tail, begin + shift, min(len(head) + len(window), finish + shift)
