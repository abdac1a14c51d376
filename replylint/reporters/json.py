"""`--format json`: the machine-readable contract of DESIGN.md."""

from __future__ import annotations

import json
from typing import Any, TextIO

from replylint.engine.finding import Finding, Severity
from replylint.engine.runner import DraftResult

FORMAT_VERSION = 1


def finding_record(result: DraftResult, finding: Finding) -> dict[str, Any]:
    text = result.draft.text
    line, column = result.draft.locate(finding.start)
    last = max(finding.start, finding.end - 1)
    end_line, end_column = result.draft.locate(last)
    return {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column + (1 if finding.end > finding.start else 0),
        "start": finding.start,
        "end": finding.end,
        "excerpt": text[finding.start : finding.end],
        "suggestion": finding.suggestion,
        **({"question": question} if (question := question_record(finding)) else {}),
    }


def question_record(finding: Finding) -> dict[str, Any] | None:
    """The client's question a finding is about (unanswered-question): its text, its offsets in the
    client's message as read, and its 1-based line and column there; None for other findings."""
    data = finding.data
    if "question" not in data or "question_start" not in data:
        return None
    return {"text": data["question"], "start": int(data["question_start"]), "end": int(data["question_end"]),
            "line": int(data.get("question_line", 1)), "column": int(data.get("question_column", 1))}


def summary(results: list[DraftResult]) -> dict[str, int]:
    counts = {severity.label: 0 for severity in sorted(Severity, reverse=True)}
    for result in results:
        for finding in result.findings:
            counts[finding.severity.label] += 1
    return {
        "files": len({result.draft.path for result in results}),
        "items": len(results),
        "findings": sum(counts.values()),
        **counts,
    }


def write_json(results: list[DraftResult], stream: TextIO) -> None:
    json.dump(json_document(results), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def json_document(results: list[DraftResult]) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "files": [
            {
                "path": result.draft.path,
                "item": result.draft.item,
                "language": result.language,
                "findings": [finding_record(result, finding) for finding in result.findings],
            }
            for result in results
        ],
        "summary": summary(results),
    }
