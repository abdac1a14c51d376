"""Output formats. Each reporter takes the run's results and writes them to a stream."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from replylint.engine.runner import DraftResult

Reporter = Callable[[list[DraftResult], TextIO], None]


def get_reporter(name: str, *, color: bool | None = None) -> Reporter:
    if name == "json":
        from replylint.reporters.json import write_json

        return write_json
    if name == "text":
        from replylint.reporters.text import TextReporter

        return TextReporter(color=color)
    raise ValueError(f"unknown output format {name!r}")
