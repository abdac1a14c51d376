"""`--statistics`: how many findings each rule has, most frequent first (as `ruff --statistics`).

Where to start on a big template library. With the text format the table replaces the listing;
with json the usual document gains a "statistics" list (the contract is otherwise unchanged);
with github the table follows the workflow commands (plain lines in the job's log).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, TextIO

from replylint.engine.runner import DraftResult
from replylint.rulekit.catalog import catalog
from replylint.rulekit.finding import Severity


@dataclass(frozen=True)
class RuleCount:
    rule: str
    count: int
    severities: tuple[Severity, ...]  # those its findings have, highest first (mirroring lowers some)
    summary: str

    def record(self) -> dict[str, Any]:
        return {"rule": self.rule, "count": self.count, "severity": self.severities[0].label,
                "severities": [severity.label for severity in self.severities], "summary": self.summary}


def rule_counts(results: list[DraftResult], lang: str) -> list[RuleCount]:
    counts: Counter[str] = Counter()
    severities: dict[str, set[Severity]] = {}
    for result in results:
        for finding in result.findings:
            counts[finding.rule] += 1
            severities.setdefault(finding.rule, set()).add(finding.severity)
    specs = catalog()
    return [RuleCount(rule, count, tuple(sorted(severities[rule], reverse=True)),
                      specs[rule].text(specs[rule].summary, lang))
            for rule, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))]


def format_table(counts: list[RuleCount]) -> str:
    if not counts:
        return ""
    number_width = len(str(counts[0].count))
    rule_width = max(len(count.rule) for count in counts)
    labels = [",".join(severity.label for severity in count.severities) for count in counts]
    label_width = max(map(len, labels))
    return "".join(f"{count.count:>{number_width}}  {count.rule:<{rule_width}}  {label:<{label_width}}  "
                   f"{count.summary}\n" for count, label in zip(counts, labels, strict=True))


class StatisticsReporter:
    def __init__(self, output_format: str, *, message_lang: str = "auto") -> None:
        self.output_format = output_format
        self.message_lang = message_lang

    def __call__(self, results: list[DraftResult], stream: TextIO) -> None:
        from replylint.reporters.text import summary_language

        # The summaries in the drafts' language (the most common one), as the text listing's closing line.
        lang = summary_language(results, self.message_lang)
        counts = rule_counts(results, lang)
        if self.output_format == "json":
            from replylint.reporters.json import json_document, write_document

            document = json_document(results)
            document["statistics"] = [count.record() for count in counts]
            write_document(document, stream)
            return
        if self.output_format == "github":
            from replylint.reporters.github import write_github

            write_github(results, stream)
        stream.write(format_table(counts))
