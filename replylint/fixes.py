"""`check --fix` and `check --diff`: apply the findings' fixes to the files they came from.

Nothing the user wrote is lost: a file is rewritten through a temporary file in its own folder
and os.replace, in the encoding it was read in (cp1251 stays cp1251, a BOM stays, CRLF stays),
and only after the fixed text was parsed and linted again. A fix inside a collection item (YAML,
JSON, CSV …) is written only where the item's text maps one-to-one onto the file's characters, and
only if the file, parsed again, gives exactly the fixed item text; otherwise that item's fixes are
skipped with one line on stderr.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from replylint.engine.runner import DraftResult
from replylint.rulekit.finding import Finding, Fix
from replylint.sources.draft import Draft, LineMap

STDIN_NAMES = frozenset({"-", "<stdin>"})
# Fixing can uncover or unblock other fixes (an overlapping one skipped on the first pass); as ruff
# does, apply, lint again and repeat, a few times at most.
MAX_PASSES = 4

LintOne = Callable[[Draft], DraftResult]


class FixError(Exception):
    """A fixed file could not be written; the original is untouched."""


@dataclass
class FileFix:
    """One file (or stdin) after fixing: its texts, what was fixed, and the findings that remain."""

    path: str
    original: str
    fixed: str
    fixed_count: int = 0
    results: list[DraftResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    from_stdin: bool = False  # read from standard input (under --stdin-filename's path, perhaps): never written

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    @property
    def is_stdin(self) -> bool:
        return self.from_stdin or self.path in STDIN_NAMES


def choose_fixes(findings: Iterable[Finding], *, unsafe: bool = False) -> tuple[list[Fix], int]:
    """The fixes to apply, in order, none overlapping (the first one wins, the rest wait for the
    next pass), and how many findings they fix (two findings may carry the same fix)."""
    candidates = sorted(
        {finding.fix for finding in findings if finding.fix is not None and (finding.fix.safe or unsafe)},
        key=lambda fix: (fix.start, fix.end, fix.replacement),
    )
    chosen: list[Fix] = []
    for fix in candidates:
        if chosen and _overlap(chosen[-1], fix):
            continue
        chosen.append(fix)
    kept = set(chosen)
    return chosen, sum(1 for finding in findings if finding.fix in kept)


def _overlap(before: Fix, fix: Fix) -> bool:
    """`fix` starts at or after `before` (sorted): they clash when ranges cross or both insert at one point."""
    return fix.start < before.end or fix.start == before.start == fix.end


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    """`text` with non-overlapping, ordered `fixes` applied."""
    pieces: list[str] = []
    at = 0
    for fix in fixes:
        pieces += [text[at : fix.start], fix.replacement]
        at = fix.end
    pieces.append(text[at:])
    return "".join(pieces)


def fix_file(results: list[DraftResult], lint_one: LintOne, *, unsafe: bool = False) -> FileFix:
    """Fix the drafts of one file (all of `results` share a path), lint again, repeat."""
    path = results[0].draft.path
    original = file_text(results[0].draft)
    outcome = FileFix(path, original, original, results=results, from_stdin=results[0].draft.from_stdin)
    blocked: set[int] = set()  # drafts (by index in the file) whose fixes cannot be written
    passes = 0
    while passes < MAX_PASSES:
        edits: list[Fix] = []
        expected: dict[int, str] = {}
        count = 0
        for index, result in enumerate(outcome.results):
            if index in blocked:
                continue
            fixes, fixed = choose_fixes(result.findings, unsafe=unsafe)
            mapped = [(fix, to_file(result.draft, fix)) for fix in fixes]
            exact = [fix for fix, in_file in mapped if in_file is not None]
            if len(exact) < len(fixes):
                blocked.add(index)
                outcome.notes.append(f"{_label(result.draft)}: some fixes skipped: the text is escaped or folded "
                                     "in the file, so they cannot be written back exactly")
                continue  # all-or-nothing per item: a partial item would be re-reported oddly
            if exact:
                edits += [in_file for _, in_file in mapped if in_file is not None]
                expected[index] = apply_fixes(result.draft.text, exact)
                count += fixed
        if not edits:
            break
        # Items sharing text in the file (YAML aliases) bring the same edit twice: apply it once.
        ordered = sorted(set(edits), key=lambda fix: (fix.start, fix.end, fix.replacement))
        candidate = apply_fixes(outcome.fixed, [fix for at, fix in enumerate(ordered)
                                                if not at or not _overlap(ordered[at - 1], fix)])
        relinted, bad = _relint(path, candidate, expected, lint_one, len(outcome.results), outcome.is_stdin)
        if bad:
            blocked |= bad
            outcome.notes += [f"{_label(outcome.results[index].draft)}: fixes skipped: the file would not read back "
                              "as the fixed text" for index in sorted(bad)]
            continue
        outcome.fixed, outcome.results = candidate, relinted
        outcome.fixed_count += count
        passes += 1
    return outcome


def _relint(
    path: str, text: str, expected: dict[int, str], lint_one: LintOne, count: int, from_stdin: bool = False
) -> tuple[list[DraftResult], set[int]]:
    """Lint the fixed file text again; the drafts whose text is not what the fixes should give."""
    from replylint.sources.errors import SourceError
    from replylint.sources.formats import parse_file

    try:
        drafts = [Draft(path, text, line_map=LineMap(text))] if path in STDIN_NAMES else parse_file(path, text)
    except SourceError:
        return [], set(expected)
    for draft in drafts:
        draft.from_stdin = from_stdin
    if len(drafts) != count:
        return [], set(expected)
    bad = {index for index, want in expected.items() if drafts[index].text != want}
    return ([] if bad else [lint_one(draft) for draft in drafts]), bad


def file_text(draft: Draft) -> str:
    return draft.line_map.file_text if draft.line_map is not None else draft.text


def to_file(draft: Draft, fix: Fix) -> Fix | None:
    """`fix` (offsets in the draft's text) in offsets of its file, or None when the characters it
    touches do not stand one-to-one in the file (escapes, entities, folded lines)."""
    line_map = draft.line_map
    if line_map is None or line_map.positions is None:
        return fix
    positions, source, text = line_map.positions, line_map.file_text, draft.text
    if fix.start >= len(positions):
        return None
    first = positions[fix.start]
    for index in range(fix.start, max(fix.end, fix.start + 1)):  # an insertion checks the next character
        if index >= len(positions):
            return None
        at = positions[index]
        if at != first + (index - fix.start) or at >= len(source) or source[at] != text[index]:
            return None
    return Fix(first, first + (fix.end - fix.start), fix.replacement, fix.safe)


def _label(draft: Draft) -> str:
    return f"{draft.path} [{draft.item}]" if draft.item else draft.path


def group_by_file(results: list[DraftResult]) -> list[list[DraftResult]]:
    groups: dict[str, list[DraftResult]] = {}
    for result in results:
        groups.setdefault(result.draft.path, []).append(result)
    return list(groups.values())


def unified_diff(fix: FileFix) -> str:
    lines = difflib.unified_diff(
        fix.original.splitlines(keepends=True), fix.fixed.splitlines(keepends=True),
        fromfile=f"a/{fix.path}" if not fix.is_stdin else fix.path,
        tofile=f"b/{fix.path}" if not fix.is_stdin else fix.path,
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def write_fixed(path: str, original: str, fixed: str) -> None:
    """Replace the file's text `original` by `fixed`, atomically and in the file's own encoding.

    Raises FixError (the file untouched) when the file changed since it was read, the fixed text
    does not fit its encoding, or the new file cannot be written or moved into place. The bytes on
    disk are compared with those read once more right before the replace, and the old file, still
    open, once more after it: a write that lands in between is put back, never lost. A file with
    several hard links, or owned by someone else, is rewritten in place (its inode, links, owner
    and mode kept) rather than replaced.
    """
    from replylint.sources.decode import decode
    from replylint.sources.errors import SourceError
    from replylint.sources.read import MAX_FILE_BYTES, read_stream

    target = os.path.realpath(path)  # a symlink stays a symlink: write where it points
    try:
        with open(target, "rb") as old:
            info = os.fstat(old.fileno())
            data = read_stream(old, path, MAX_FILE_BYTES)
            decoded = decode(data, path)
            if decoded.text != original:
                raise FixError(f"{path}: changed on disk while being checked; not fixed")
            encoded = _encoded(path, fixed, decoded.codec, decoded.bom)
            if info.st_nlink > 1 or not _can_keep_owner(info):
                _rewrite_in_place(path, target, data, encoded)
                return
            _replace(path, target, old, info, data, encoded)
    except (OSError, SourceError) as error:
        reason = getattr(error, "strerror", None) or error
        raise FixError(f"{path}: cannot read it again to fix it ({reason})") from None


def _encoded(path: str, fixed: str, codec: str, bom: bytes) -> bytes:
    """The fixed text in the file's encoding: every character must be one the encoding holds, and the
    bytes must read back as exactly this text."""
    from replylint.sources.decode import decode
    from replylint.sources.errors import SourceError

    try:
        encoded = bom + fixed.encode(codec)
        if decode(encoded, path).text == fixed:
            return encoded
    except (UnicodeEncodeError, SourceError):
        pass
    raise FixError(f"{path}: the fixed text does not fit the file's encoding ({codec}); not fixed")


def _can_keep_owner(info: os.stat_result) -> bool:
    return (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()) or os.geteuid() == 0


def _replace(path: str, target: str, old: BinaryIO, info: os.stat_result, data: bytes, encoded: bytes) -> None:
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=f".{os.path.basename(target)}.",
                                             suffix=".replylint")
        with os.fdopen(handle, "wb") as stream:
            stream.write(encoded)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            os.chown(temporary, info.st_uid, info.st_gid)
        if _now(old) != data or os.stat(target).st_ino != info.st_ino:
            raise FixError(f"{path}: changed on disk while being fixed; not fixed")
        os.replace(temporary, target)
        temporary = None
        late = _now(old)  # a write into the old file between the check and the replace
        if late != data:
            _put_back(target, late)
            raise FixError(f"{path}: changed on disk while being fixed; its new content is kept, not fixed")
    except OSError as error:
        raise FixError(f"{path}: cannot write the fixed file ({error.strerror or error}); "
                       "the original is unchanged") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _now(old: BinaryIO) -> bytes:
    from replylint.sources.read import MAX_FILE_BYTES, read_stream

    old.seek(0)
    return read_stream(old, "", MAX_FILE_BYTES + 1)


def _put_back(target: str, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".replylint")
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
    os.replace(temporary, target)


def _rewrite_in_place(path: str, target: str, data: bytes, encoded: bytes) -> None:
    """Hard links and foreign owners: the same inode gets the new bytes, after one more comparison
    with the bytes read (not atomic: this is what keeps every link and the owner)."""
    with open(target, "r+b") as stream:
        if _now(stream) != data:
            raise FixError(f"{path}: changed on disk while being fixed; not fixed")
        stream.seek(0)
        stream.write(encoded)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


@dataclass
class FixRun:
    """The whole run's fixing: files' outcomes, and the results that remain to report."""

    files: list[FileFix]
    results: list[DraftResult]
    errors: list[str]

    @property
    def fixed_count(self) -> int:
        return sum(file.fixed_count for file in self.files if file.changed)

    @property
    def changed_files(self) -> list[FileFix]:
        return [file for file in self.files if file.changed]


def run_fixes(results: list[DraftResult], lint_one: LintOne, *, unsafe: bool, write: bool) -> FixRun:
    """Fix every file; with `write` false (`--diff`) nothing is written and results stay as found."""
    files: list[FileFix] = []
    remaining: list[DraftResult] = []
    errors: list[str] = []
    for group in group_by_file(results):
        outcome = fix_file(group, lint_one, unsafe=unsafe)
        files.append(outcome)
        if write and outcome.changed and not outcome.is_stdin:
            try:
                write_fixed(outcome.path, outcome.original, outcome.fixed)
            except FixError as error:
                errors.append(str(error))
                outcome.fixed, outcome.fixed_count, outcome.results = outcome.original, 0, group
        remaining += outcome.results
    return FixRun(files, remaining, errors)


def report_fix_run(run: FixRun, *, diff: bool, out: TextIO, err: TextIO) -> None:
    """What happened, on the streams ruff uses: diffs and stdin's fixed text on stdout, notes on stderr."""
    for file in run.files:
        for note in file.notes:
            err.write(f"replylint: {note}\n")
        if diff and file.changed:
            out.write(unified_diff(file))
        elif not diff and file.is_stdin:
            out.write(file.fixed)
    for error in run.errors:
        err.write(f"replylint: error: {error}\n")
    changed = run.changed_files
    verb = "Would fix" if diff else "Fixed"
    if changed or diff:
        err.write(f"{verb} {run.fixed_count} finding(s) in {len(changed)} file(s).\n")
