"""`--format text`: findings grouped by file, each with its line and the span underlined.

Colour only on a terminal; rich honours NO_COLOR and FORCE_COLOR by itself.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from replylint.engine.finding import Finding, Severity
from replylint.engine.runner import DraftResult
from replylint.reporters.json import question_record, summary

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MAX_EXCERPT = 100
# The closing line, in the language of the messages (the drafts' own unless --message-lang says).
_SUMMARY = {
    "en": ("No problems in {items} draft(s).", "Found {findings} problem(s) in {items} draft(s): {parts}",
           {"error": "error", "warning": "warning", "info": "info"}),
    "ru": ("Проблем не найдено (проверено: {items}).", "Найдено проблем: {findings} (проверено: {items}): {parts}",
           {"error": "ошибки", "warning": "предупреждения", "info": "замечания"}),
    "uk": ("Проблем не знайдено (перевірено: {items}).", "Знайдено проблем: {findings} (перевірено: {items}): {parts}",
           {"error": "помилки", "warning": "попередження", "info": "зауваження"}),
}


class TextReporter:
    def __init__(self, *, color: bool | None = None, message_lang: str = "auto") -> None:
        self.color = color
        self.message_lang = message_lang

    def __call__(self, results: list[DraftResult], stream: TextIO) -> None:
        console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False,
                          force_terminal=self.color, no_color=self.color is False or None)
        for result in results:
            if not result.findings:
                continue
            name = result.draft.path + (f" [{result.draft.item}]" if result.draft.item else "")
            console.print(Text(name, style="bold underline"))
            for finding in result.findings:
                self._finding(console, result, finding)
            console.print()
        console.print(self._summary_line(results, self._language(results)))

    def _finding(self, console: Console, result: DraftResult, finding: Finding) -> None:
        line, column = result.draft.locate(finding.start)
        style = _STYLE[finding.severity]
        head = Text.assemble(
            (f"  {line}:{column}", "dim"), " ",
            (f"{finding.severity.label:<7}", style), " ",
            (finding.message, ""), "  ",
            (finding.rule, "dim"),
        )
        console.print(head)
        if self._question(console, finding):
            return
        text = result.draft.text
        line_start = text.rfind("\n", 0, finding.start) + 1
        line_end = text.find("\n", finding.start)
        line_end = len(text) if line_end < 0 else line_end
        start, end = finding.start - line_start, min(finding.end, line_end) - line_start
        source_line = text[line_start:line_end]
        if len(source_line) > _MAX_EXCERPT:  # keep the span in view on long lines
            cut = max(0, start - _MAX_EXCERPT // 3)
            source_line = source_line[cut : cut + _MAX_EXCERPT]
            start, end = start - cut, min(end - cut, len(source_line))
        console.print(Text("      │ ", style="dim") + Text(source_line.replace("\t", " ")))
        marker = "^" * max(1, end - start)
        console.print(Text("      │ ", style="dim") + Text(" " * start + marker, style=style))
        if finding.suggestion:
            console.print(Text("      = ", style="dim") + Text(escape(finding.suggestion), style="green"))

    @staticmethod
    def _question(console: Console, finding: Finding) -> bool:
        """A finding about the client's question (unanswered-question) shows that question and where
        it stands in the client's message, rather than underlining the draft where no answer is."""
        question = question_record(finding)
        if question is None:
            return False
        where = Text(f"      ? {question['line']}:{question['column']} ", style="dim")
        console.print(where + Text(" ".join(question["text"].split()), style=_STYLE[finding.severity]))
        if finding.suggestion:
            console.print(Text("      = ", style="dim") + Text(escape(finding.suggestion), style="green"))
        return True

    def _language(self, results: list[DraftResult]) -> str:
        if self.message_lang != "auto":
            return self.message_lang
        languages = {result.language for result in results}
        return languages.pop() if len(languages) == 1 else "en"

    @staticmethod
    def _summary_line(results: list[DraftResult], lang: str) -> Text:
        clean, found, labels = _SUMMARY.get(lang, _SUMMARY["en"])
        counts = summary(results)
        if not counts["findings"]:
            return Text(clean.format(items=counts["items"]), style="green")
        parts = ", ".join(f"{labels[label]}: {counts[label]}" for label in ("error", "warning", "info")
                          if counts[label])
        return Text(found.format(findings=counts["findings"], items=counts["items"], parts=parts), style="bold")
