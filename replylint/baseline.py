"""Baselines: accept today's findings, fail only on new ones.

`replylint check --write-baseline FILE PATH...` records every finding of a run; `--baseline FILE`
then drops the recorded ones and reports the rest. A team adopts replylint on a library of two
thousand templates without fixing them all first, and the baseline shrinks as templates are fixed.

An entry is keyed by path (relative to the baseline file's folder, so the file can be committed
and used from any working directory), item, rule and excerpt, with a count: line numbers are
left out so that editing one template does not turn every finding below it into a "new" one.
The file is JSON, one entry per line, sorted: its diff shows exactly what a change fixed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from replylint.engine.runner import DraftResult
from replylint.sources.errors import SourceError

BASELINE_VERSION = 1
_MARK = "replylint baseline"

Key = tuple[str, str | None, str, str]  # path, item, rule, excerpt


class BaselineError(SourceError):
    """A baseline that cannot be read or written: one line, exit code 2."""


class BaselineStage:
    """The pipeline's baseline step. Built before linting, so a bad FILE fails at once rather than
    after two thousand templates were checked."""

    def __init__(self, use: str | None = None, write: str | None = None) -> None:
        if use and write:
            raise BaselineError(write, "--baseline and --write-baseline cannot be used together")
        self.path = write or use
        self.writing = bool(write)
        self.recorded: Counter[Key] = Counter()
        if use:
            self.recorded = _load(use)
        elif write:
            _check_writable(write)

    def is_own_file(self, path: str) -> bool:
        """The baseline file itself, met while walking a folder, is not a template."""
        if self.path is None:
            return False
        try:
            return os.path.samefile(path, self.path)
        except OSError:
            return False

    def apply(self, results: list[DraftResult], err: TextIO) -> list[DraftResult]:
        """`results` without the recorded findings. Notes on `err` how many recorded findings of
        the checked drafts were not met (fixed since): rewriting the baseline drops them."""
        if self.path is None:
            return results
        remaining = Counter(self.recorded)
        folder = Path(self.path).resolve().parent
        kept: list[DraftResult] = []
        checked: set[tuple[str, str | None]] = set()
        for result in results:
            new = []
            for finding in result.findings:
                key = _key(result, finding.rule, finding.start, finding.end, folder)
                if remaining[key] > 0:
                    remaining[key] -= 1
                else:
                    new.append(finding)
            checked.add((_relative(result.draft.path, folder), result.draft.item))
            kept.append(replace(result, findings=new))
        stale = sum(count for key, count in remaining.items() if count > 0 and key[:2] in checked)
        if stale:
            err.write(f"replylint: {stale} finding(s) recorded in {self.path} no longer occur; "
                      "rewrite it with --write-baseline to drop them\n")
        return kept

    def write(self, results: list[DraftResult], err: TextIO) -> None:
        """Record the findings of `results`, sorted, one entry per line."""
        assert self.path is not None and self.writing
        target = Path(self.path)
        counts = _count(results, target.resolve().parent)
        entries = [
            {"path": key[0], "item": key[1], "rule": key[2], "excerpt": key[3], "count": count}
            for key, count in sorted(counts.items(), key=lambda pair: _sort_key(pair[0]))
        ]
        body = ",\n".join(f"    {json.dumps(entry, ensure_ascii=False)}" for entry in entries)
        findings = f"[\n{body}\n  ]" if entries else "[]"
        header = json.dumps(f"{_MARK}: findings accepted when it was written; `replylint check --baseline FILE` "
                            "reports only others")
        _replace_file(target, f'{{\n  "comment": {header},\n  "version": {BASELINE_VERSION},\n'
                              f'  "findings": {findings}\n}}\n')
        err.write(f"replylint: recorded {sum(counts.values())} finding(s) of {len(results)} draft(s) "
                  f"in {self.path}\n")


def _check_writable(path: str) -> None:
    """An existing file is replaced only when it is a baseline itself: a mistyped FILE (a template)
    is never overwritten."""
    target = Path(path)
    if target.is_dir():
        raise BaselineError(path, "is a folder, not a baseline file")
    if not target.resolve().parent.is_dir():
        raise BaselineError(path, "cannot write the baseline: its folder does not exist")
    if target.exists() and not target.is_file():
        raise BaselineError(path, "not a regular file (a FIFO or a device); not overwritten")
    if target.exists():
        try:
            _load(path)
        except BaselineError as error:
            raise BaselineError(path, f"{error.reason}; not overwritten (remove it first)") from None


def _count(results: list[DraftResult], folder: Path) -> Counter[Key]:
    return Counter(_key(result, finding.rule, finding.start, finding.end, folder)
                   for result in results for finding in result.findings)


def _key(result: DraftResult, rule: str, start: int, end: int, folder: Path) -> Key:
    # Whitespace inside an excerpt (a re-wrapped line, CRLF) does not make a finding new.
    excerpt = " ".join(result.draft.text[start:end].split())
    return _relative(result.draft.path, folder), result.draft.item, rule, excerpt


def _relative(path: str, folder: Path) -> str:
    if path.startswith("<"):  # <stdin>, <text>: no file to be relative to
        return path
    return Path(os.path.relpath(Path(path).resolve(), folder)).as_posix()


def _sort_key(key: Key) -> tuple[str, str, str, str]:
    return key[0], key[1] or "", key[2], key[3]


def _load(path: str) -> Counter[Key]:
    from replylint.sources.errors import SourceError
    from replylint.sources.read import MAX_FILE_BYTES, read_limited

    if not os.path.lexists(path):
        raise BaselineError(path, "no such baseline file (create it with --write-baseline)")
    try:  # bounded by the bytes read: a FIFO or /dev/zero as a baseline must not hang or grow
        raw = read_limited(path, MAX_FILE_BYTES, what="baseline").decode("utf-8")
    except SourceError as error:
        raise BaselineError(path, f"cannot read the baseline: {error.reason}") from None
    except UnicodeDecodeError as error:
        raise BaselineError(path, f"cannot read the baseline: {error}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise BaselineError(path, f"not a replylint baseline (invalid JSON: {error.msg})", error.lineno) from None
    if not (isinstance(data, dict) and str(data.get("comment", "")).startswith(_MARK)
            and isinstance(data.get("findings"), list)):
        raise BaselineError(path, "not a replylint baseline (no replylint baseline header)")
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(path, f"unsupported baseline version {data.get('version')!r} (expected 1)")
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(data["findings"], 1):
        if not _valid_entry(entry):
            raise BaselineError(path, f"not a replylint baseline (entry {number} is malformed)")
        counts[(entry["path"], entry["item"], entry["rule"], entry["excerpt"])] += entry["count"]
    return counts


def _valid_entry(entry: Any) -> bool:
    return (isinstance(entry, dict)
            and all(isinstance(entry.get(name), str) for name in ("path", "rule", "excerpt"))
            and (entry.get("item") is None or isinstance(entry["item"], str))
            and type(entry.get("count")) is int and entry["count"] > 0)


def _replace_file(target: Path, content: str) -> None:
    """Write next to the target and rename over it: an interrupted run leaves the old file whole."""
    import tempfile  # only a run that writes a baseline needs it
    folder = target.resolve().parent
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise BaselineError(str(target), f"cannot write the baseline: {error.strerror or error}") from None
