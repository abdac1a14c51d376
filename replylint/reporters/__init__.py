"""Output formats. Each reporter takes the run's results and writes them to a stream."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from replylint.engine.runner import DraftResult

Reporter = Callable[[list[DraftResult], TextIO], None]


def get_reporter(name: str, *, color: bool | None = None, message_lang: str = "auto",
                 statistics: bool = False, unsafe_fixes: bool = False) -> Reporter:
    if statistics and name != "sarif":  # SARIF has no place for it: the option is refused there
        from replylint.reporters.statistics import StatisticsReporter

        return StatisticsReporter(name, message_lang=message_lang)
    if name == "sarif":
        from replylint.reporters.sarif import write_sarif

        return write_sarif
    if name == "github":
        from replylint.reporters.github import write_github

        return write_github
    if name == "json":
        from replylint.reporters.json import JsonReporter

        return JsonReporter()
    if name == "text":
        from replylint.reporters.text import TextReporter

        return TextReporter(color=color, message_lang=message_lang, unsafe_fixes=unsafe_fixes)
    raise ValueError(f"unknown output format {name!r}")
