"""`--format json`: the machine-readable contract (README, «JSON output»; `version` changes if it breaks)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from replylint.engine.runner import DraftResult
from replylint.rulekit.finding import Finding, Fix, Severity
from replylint.sources.draft import Draft

FORMAT_VERSION = 1


def finding_record(result: DraftResult, finding: Finding) -> dict[str, Any]:
    """One finding as the JSON contract has it: the one place every format (and the server) reads
    a finding's fields from."""
    text = result.draft.text
    return {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
        **span(result.draft, finding.start, finding.end),
        "excerpt": text[finding.start : finding.end],
        "suggestion": finding.suggestion,
        "fix": fix_record(result.draft, finding.fix),
        **({"question": question} if (question := question_record(finding)) else {}),
    }


def span(draft: Draft, start: int, end: int) -> dict[str, int]:
    """Where text[start:end] of a draft lies in its file: 1-based lines, columns with the end
    exclusive (as SARIF's), and the offsets themselves."""
    line, column = draft.locate(start)
    end_line, end_column = draft.locate(max(start, end - 1))
    return {"line": line, "column": column, "end_line": end_line,
            "end_column": end_column + (1 if end > start else 0), "start": start, "end": end}


def fix_record(draft: Draft, fix: Fix | None) -> dict[str, Any] | None:
    """A fix as ruff's JSON carries it: its applicability ("safe": `--fix` applies it; "unsafe":
    only with `--unsafe-fixes`) and its edits, each replacing text[start:end] with `content`
    (offsets into the item's text as the finding's; an insertion has start == end)."""
    if fix is None:
        return None
    return {"applicability": "safe" if fix.safe else "unsafe",
            "edits": [{"content": fix.replacement, **span(draft, fix.start, fix.end)}]}


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


class JsonReporter:
    """`--format json`. Told of the results while the drafts are linted (`advance`), it encodes
    each draft's part then, in the time the parent process would otherwise spend waiting for its
    workers; the report itself is written only at the end, all at once, so a run that fails half
    way writes nothing."""

    def __init__(self) -> None:
        self._ahead: list[tuple[DraftResult, _Encoded]] = []

    def advance(self, results: Sequence[DraftResult]) -> None:
        self._ahead.extend((result, _Encoded(_file(file_record(result)))) for result in results)

    def __call__(self, results: list[DraftResult], stream: TextIO) -> None:
        document = json_document(results, ready=self._ready(results))
        write_document(document, stream)

    def _ready(self, results: list[DraftResult]) -> list[_Encoded] | None:
        """The parts encoded ahead, when they are those of `results` (no baseline or fix changed them)."""
        ahead = self._ahead
        if len(ahead) != len(results):
            return None
        if any(seen is not result for (seen, _), result in zip(ahead, results, strict=True)):
            return None
        return [encoded for _, encoded in ahead]


# Compact, and so encoded by the json module's C encoder; `indent` would switch to its pure-Python
# encoder, which took a fifth of a run over a large library.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def write_document(document: dict[str, Any], stream: TextIO) -> None:
    """`document` as JSON laid out for reading and grepping: one top-level key per line, and in a
    list one element per line (a file, a statistics row), each finding of a file on its own line.
    Written piece by piece: a large run's output is never held twice in memory."""
    stream.write("{")
    for number, (key, value) in enumerate(document.items()):
        stream.write(f"{',' if number else ''}\n  {_encode(key)}: ")
        if not isinstance(value, list) or not value:
            stream.write(_encode(value))
            continue
        encode = _file if key == "files" else _encode
        stream.write("[")
        for index, element in enumerate(value):
            stream.write(f"{',' if index else ''}\n    {element if isinstance(element, _Encoded) else encode(element)}")
        stream.write("\n  ]")
    stream.write("\n}\n")


class _Encoded(str):
    """An element of the document encoded already (a file's part, by `_file`): written as it is."""


def _file(file: dict[str, Any]) -> str:
    findings = file.get("findings")
    if not findings:
        return _encode(file)
    head = _encode({key: value for key, value in file.items() if key != "findings"})
    lines = ",\n".join(f"      {_encode(finding)}" for finding in findings)
    return f'{head[:-1]}, "findings": [\n{lines}\n    ]}}'


def json_document(results: list[DraftResult], *, ready: list[_Encoded] | None = None) -> dict[str, Any]:
    """The report as a document; `ready`: the files' parts encoded already, one per result."""
    return {
        "version": FORMAT_VERSION,
        "files": ready if ready is not None else [file_record(result) for result in results],
        "summary": summary(results),
    }


def file_record(result: DraftResult) -> dict[str, Any]:
    """One draft (a file, or an item of a collection) with its findings."""
    return {
        "path": result.draft.path,
        "item": result.draft.item,
        "language": result.language,
        "findings": [finding_record(result, finding) for finding in result.findings],
    }
