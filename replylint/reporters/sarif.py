"""`--format sarif`: SARIF 2.1.0, the format code-scanning services (GitHub among them) read.

One run; the driver lists every rule of the catalog with its English texts (the results'
messages stay in the drafts' language). Locations are the file's lines and columns, counted in
Unicode code points (declared by `columnKind`), paths relative to the working folder as URIs.
`partialFingerprints` identify a finding by path, item, rule, excerpt and its ordinal among equal
ones, not by line, so a finding keeps its identity when lines above it move.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from replylint.engine.runner import DraftResult
from replylint.reporters.github import workspace_path
from replylint.reporters.json import finding_record, span
from replylint.rulekit.catalog import RuleSpec, catalog
from replylint.rulekit.finding import Finding, Severity
from replylint.sources.draft import Draft

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "replylint/v1"


def write_sarif(results: list[DraftResult], stream: TextIO) -> None:
    specs = sorted(catalog().values(), key=lambda spec: spec.id)
    index = {spec.id: number for number, spec in enumerate(specs)}
    seen: Counter[str] = Counter()
    sarif_results = []
    for result in results:
        location = artifact_location(result.draft.path)
        uri = location["uri"]
        for finding in result.findings:
            record = finding_record(result, finding)
            identity = "\0".join((uri, result.draft.item or "", finding.rule, " ".join(record["excerpt"].split())))
            seen[identity] += 1
            sarif_results.append({
                "ruleId": finding.rule,
                "ruleIndex": index[finding.rule],
                "level": LEVELS[finding.severity],
                "message": {"text": finding.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": location,
                    "region": {
                        "startLine": record["line"], "startColumn": record["column"],
                        "endLine": record["end_line"], "endColumn": record["end_column"],
                        "snippet": {"text": record["excerpt"]},
                    },
                }}],
                **_related(record),
                "partialFingerprints": {FINGERPRINT: _digest(f"{identity}\0{seen[identity]}")},
                "properties": {"item": result.draft.item, "language": result.language},
                **_fixes(result, finding, location),
            })
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": _driver(specs)},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "results": sarif_results,
        }],
    }
    json.dump(log, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _fixes(result: DraftResult, finding: Finding, location: dict[str, str]) -> dict[str, Any]:
    """SARIF's `fixes`: the finding's fix as a replacement of a region of the file (the same
    edit `--fix` makes), its applicability in the properties. Left out when the fix has no exact
    place in the file (an escaped or folded collection item: `--fix` skips those too)."""
    from replylint.fixes import file_text, to_file

    fix = finding.fix
    in_file = to_file(result.draft, fix) if fix is not None else None
    if fix is None or in_file is None:
        return {}
    region = span(Draft(result.draft.path, file_text(result.draft)), in_file.start, in_file.end)
    deleted = {"startLine": region["line"], "startColumn": region["column"],
               "endLine": region["end_line"], "endColumn": region["end_column"]}
    return {"fixes": [{
        "description": {"text": finding.suggestion or finding.message},
        "artifactChanges": [{"artifactLocation": location, "replacements": [
            {"deletedRegion": deleted, "insertedContent": {"text": in_file.replacement}}]}],
        "properties": {"applicability": "safe" if fix.safe else "unsafe"},
    }]}
def _related(record: dict[str, Any]) -> dict[str, Any]:
    """The client's question as a related location: it stands in the client's message, not in the
    draft, so the location has a message and the question's place in the client's text (properties)."""
    question = record.get("question")
    if not question:
        return {}
    return {"relatedLocations": [{"id": 1, "message": {"text": question["text"]},
                                  "properties": {"clientMessage": {key: question[key] for key in
                                                                   ("start", "end", "line", "column")}}}]}


def artifact_location(path: str) -> dict[str, str]:
    """A URI relative to the working folder (where CI checks the repository out), or a file: URI
    for a file outside it."""
    relative = workspace_path(path)
    if os.path.isabs(relative):
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": "%SRCROOT%"}


def _driver(specs: list[RuleSpec]) -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("replylint")
        version, urls = meta["Version"], meta.get_all("Project-URL") or []
    except PackageNotFoundError:  # run from a source tree that was never installed
        version, urls = "0+unknown", []
    driver: dict[str, Any] = {"name": "replylint", "version": version, "rules": [_rule(spec) for spec in specs]}
    homepage = next((url.split(",", 1)[1].strip() for url in urls if "," in url), None)
    if homepage:
        driver["informationUri"] = homepage
    return driver


def _rule(spec: RuleSpec) -> dict[str, Any]:
    summary, rationale = spec.text(spec.summary, "en"), spec.text(spec.rationale, "en")
    examples = [f"- bad ({example.lang}): {example.bad}\n- good ({example.lang}): {example.good}"
                for example in spec.examples]
    return {
        "id": spec.id,
        "name": spec.id,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": rationale},
        "help": {"text": rationale, "markdown": "\n\n".join([rationale, *examples])},
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        "properties": {"tags": ["replylint", *spec.languages], "sources": list(spec.sources)},
    }


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
