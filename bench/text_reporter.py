"""Time the text reporter alone over many findings (no linting): is printing the slow part?

Usage: python bench/text_reporter.py [--findings N] [--runs N]

It builds synthetic drafts (one file per 20 findings, lines of realistic length, some long lines,
some fixable findings) and writes the text report to an in-memory stream, with colour and without,
at 80 and 120 columns. Prints the median of the runs per case. Needs nothing outside the repository.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from replylint.engine.runner import DraftResult
from replylint.reporters.text import TextReporter
from replylint.rulekit.finding import Finding, Fix, Severity
from replylint.sources.draft import Draft, LineMap

LINE = ("Здравствуйте, Ольга! Ваш заказ №48213 УЖЕ отправлен)) Трек-номер пришлём в СМС.... "
        "Если возникнут вопросы, пишите нам в любое время, мы постараемся помочь в ближайшее время")


def results(count: int) -> list[DraftResult]:
    out = []
    per_file = 20
    for number in range(max(1, count // per_file)):
        text = "\n".join(LINE[: 60 + (index * 37) % len(LINE)] for index in range(per_file)) + "\n"
        draft = Draft(f"templates/folder{number % 40}/reply{number}.txt", text, line_map=LineMap(text))
        findings = []
        at = 0
        for index, line in enumerate(text.splitlines(keepends=True)):
            start = at + 27
            fix = Fix(start, start + 3, "уже", safe=index % 2 == 0) if index % 3 == 0 else None
            findings.append(Finding("caps", Severity.ERROR if index % 2 else Severity.WARNING,
                                    "«УЖЕ» написано заглавными буквами — это читается как крик", start, start + 3,
                                    suggestion="уже" if fix else None, fix=fix))
            at += len(line)
        out.append(DraftResult(draft, "ru", findings))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = results(args.findings)
    total = sum(len(result.findings) for result in data)
    for columns in ("80", "120"):
        os.environ["COLUMNS"] = columns
        for color in (True, False):
            times = []
            for _ in range(args.runs):
                stream = io.StringIO()
                began = time.perf_counter()
                TextReporter(color=color)(data, stream)
                times.append(time.perf_counter() - began)
            print(f"{total} findings, {columns} columns, colour {'on ' if color else 'off'}: "
                  f"median {statistics.median(times):.3f} s ({len(stream.getvalue().splitlines())} lines)")


if __name__ == "__main__":
    main()
