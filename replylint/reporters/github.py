"""`--format github`: GitHub Actions workflow commands, which the run turns into annotations on
the changed files of a pull request.

    ::error file=templates/refund.md,line=3,col=7,endLine=3,endColumn=10,title=replylint (caps)::«УЖЕ» …

warning stays `::warning`, info becomes `::notice`. Columns are sent only for a finding on one
line (GitHub ignores them otherwise). Values are escaped as the Actions toolkit does.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from replylint.engine.runner import DraftResult
from replylint.reporters.json import finding_record
from replylint.rulekit.finding import Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def write_github(results: list[DraftResult], stream: TextIO) -> None:
    for result in results:
        path = workspace_path(result.draft.path)
        for finding in result.findings:
            record = finding_record(result, finding)
            properties: dict[str, object] = {"file": path, "line": record["line"]}
            if record["line"] == record["end_line"]:
                properties |= {"col": record["column"], "endLine": record["end_line"],
                               "endColumn": record["end_column"]}
            else:
                properties["endLine"] = record["end_line"]
            properties["title"] = f"replylint ({finding.rule})"
            message = f"{result.draft.item}: {finding.message}" if result.draft.item else finding.message
            rendered = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items())
            stream.write(f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(message)}\n")


def workspace_path(path: str) -> str:
    """`path` relative to the working folder (the checked-out repository in CI), with "/"; an
    absolute path for a file outside it; "<stdin>" as it is."""
    if path.startswith("<"):
        return path
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive (Windows)
        return Path(absolute).as_posix()
    outside = relative.split(os.sep, 1)[0] == os.pardir
    return Path(absolute if outside else relative).as_posix()


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
