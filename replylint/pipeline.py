"""`replylint check` from paths to an exit code, one stage after another.

read drafts -> settings per draft -> lint -> report -> exit code. Each stage lives in its own
module; this file only orders them, so a reader sees the whole run in one place.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TextIO

from replylint.config import CliOverrides, ConfigResolver
from replylint.engine.grammar_stage import DEFAULT_TIMEOUT, grammar_stage
from replylint.engine.parallel import LintTask, Listener, lint_all
from replylint.engine.runner import DraftResult
from replylint.errors import SettingsError
from replylint.rulekit.finding import Severity
from replylint.sources.draft import Draft

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OptionsError(SettingsError):
    """Options that do not fit the input (--client for several drafts): one line, exit code 2."""


@dataclass
class CheckOptions:
    """Everything the command line can say about a run. None means "not given": config decides."""

    paths: tuple[str, ...]
    # What the command line says about the settings (--select, --ignore, --lang, --first-contact,
    # --message-lang, --fail-on, --config, --isolated): the config files decide the rest.
    overrides: CliOverrides = field(default_factory=CliOverrides)
    client_file: str | None = None
    client_text: str | None = None  # --client-text: the client's message itself
    output_format: str = "text"
    color: bool | None = None
    jobs: int | None = None  # worker processes; None or 0: every CPU when there are enough drafts
    fix: bool = False  # --fix: write the safe fixes (--unsafe-fixes: all); --diff: show them, write nothing
    unsafe_fixes: bool = False
    diff: bool = False
    baseline: str | None = None  # --baseline FILE: report only findings it does not record
    write_baseline: str | None = None  # --write-baseline FILE: record this run's findings there
    statistics: bool = False  # --statistics: counts per rule
    languagetool: str | None = None  # --languagetool URL|local: the `grammar` rule's server; None: off
    languagetool_timeout: float = DEFAULT_TIMEOUT
    cache_dir: str | None = None  # --cache-dir: LanguageTool answers (default: XDG cache)
    send_at: datetime | None = None  # --send-at: when the reply goes out, for send-time
    stdin_filename: str | None = None  # --stdin-filename: the path "-" stands for (config, format, reports)


def run_check(options: CheckOptions, out: TextIO | None = None) -> int:
    from replylint.baseline import BaselineStage
    from replylint.engine.progress import progress_for
    from replylint.reporters import get_reporter
    from replylint.sources.read import read_drafts

    out = out or sys.stdout
    config = ConfigResolver(options.overrides)
    client = read_client(options.client_file) if options.client_file else options.client_text
    limit = config.run_config(options.paths).max_draft_size
    if client is not None:  # before any draft is read: the error names the client's file
        refuse_if_too_long(options.client_file or "--client-text", "client's message", client, limit)
    baseline = BaselineStage(options.baseline, options.write_baseline)

    def task(draft: Draft) -> LintTask:
        if client is not None and draft.client is None:
            draft.client = client
        check_size(draft, config.config_for(draft.path).max_draft_size)
        return LintTask(draft, config.settings_for(draft.path), send_at=options.send_at, grammar=grammar)

    grammar = grammar_stage(options.languagetool, options.cache_dir, options.languagetool_timeout)
    files = [path for path in folder_files(config, options.paths) if not baseline.is_own_file(path)]
    drafts: Iterable[Draft] = read_drafts(files, stdin_name=options.stdin_filename)
    if client is not None:  # every draft must be known before one client message is held against it
        drafts = list(drafts)
        one_draft_per_client(drafts, "--client" if options.client_file else "--client-text")
    tasks = (task(draft) for draft in drafts)  # read while the first ones are linted
    named = tuple(options.stdin_filename if path == "-" and options.stdin_filename else path
                  for path in options.paths)  # run-wide settings from the config of the path stdin stands for
    report = get_reporter(options.output_format, color=options.color, message_lang=config.message_lang(named),
                          statistics=options.statistics, unsafe_fixes=options.unsafe_fixes)
    progress = progress_for(files, sys.stderr)
    # A reporter that can (JSON) renders each result as it comes back, unless a fix or a baseline
    # is to change the results first.
    ahead = None if options.fix or options.diff or baseline.path else getattr(report, "advance", None)
    listeners = [listener for listener in (progress.advance if progress else None, ahead) if listener]
    try:
        # With LanguageTool, one process: the server is the bottleneck, and a failure warns once.
        results: list[DraftResult] = lint_all(tasks, jobs=1 if grammar else options.jobs,
                                              listener=_all_of(listeners), expected=len(files))
    finally:
        if progress is not None:
            progress.close()
        if grammar is not None:
            grammar.close()
    report_to, failed = out, False
    if options.fix or options.diff:
        from replylint.fixes import report_fix_run, run_fixes

        fixing = run_fixes(results, lambda draft: lint_all([task(draft)])[0], unsafe=options.unsafe_fixes,
                           write=not options.diff)
        report_fix_run(fixing, diff=options.diff, out=out, err=sys.stderr)
        if options.diff:  # as ruff: the diff is the output; 1 when there is something to fix
            return EXIT_ERROR if fixing.errors else (EXIT_FINDINGS if fixing.changed_files else EXIT_CLEAN)
        results, failed = fixing.results, bool(fixing.errors)
        if any(file.is_stdin for file in fixing.files):
            report_to = sys.stderr  # stdout carries the fixed text
    if baseline.writing:
        baseline.write(results, sys.stderr)
        return EXIT_ERROR if failed else EXIT_CLEAN
    results = baseline.apply(results, sys.stderr)
    report(results, report_to)
    return EXIT_ERROR if failed else exit_code(results, config.fail_on(named))


def _all_of(listeners: list[Listener]) -> Listener | None:
    """One listener telling each of `listeners` in turn; None when there are none."""
    if len(listeners) <= 1:
        return listeners[0] if listeners else None

    def tell(results: Sequence[DraftResult]) -> None:
        for listener in listeners:
            listener(results)

    return tell


def one_draft_per_client(drafts: list[Draft], option: str) -> None:
    """One client message answers one draft: holding several drafts against it gives nonsense
    findings (unanswered questions, names, language), so that is a usage error. Collection items
    that carry their own `client` do not count."""
    taking = [draft for draft in drafts if draft.client is None]
    if len(taking) > 1:
        names = list(dict.fromkeys(draft.path + (f" [{draft.item}]" if draft.item else "") for draft in taking))
        shown = ", ".join(names[:2]) + (", …" if len(names) > 2 else "")
        raise OptionsError(f"{option} is the message one draft answers, but {len(taking)} drafts were given "
                           f"({shown}): check one draft at a time, or put each client's message in a "
                           "collection item's `client` field")


def folder_files(config: ConfigResolver, paths: tuple[str, ...]) -> list[str]:
    """The files to read; a folder named on the command line with nothing to check in it is an
    error (exit 2), not a clean run: a mistyped or emptied folder must not pass CI in silence."""
    import os

    from replylint.sources.errors import SourceError
    from replylint.sources.formats import SUPPORTED_EXTENSIONS

    files: list[str] = []
    for path in paths:
        found = config.files([path])
        if not found and os.path.isdir(path):
            raise SourceError(path, f"no files to check in this folder (looked for .{', .'.join(SUPPORTED_EXTENSIONS)} "
                              "not excluded or gitignored; see `include` in the config)")
        files += found
    return files


def check_size(draft: Draft, limit: int) -> None:
    """A draft (or the client's message it answers) over `max_draft_size` characters is refused."""
    for what, text in (("draft", draft.text), ("client's message", draft.client or "")):
        refuse_if_too_long(draft.path + (f" [{draft.item}]" if draft.item else ""), what, text, limit,
                           draft.locate(0)[0] if draft.item else None)


def refuse_if_too_long(where: str, what: str, text: str, limit: int, line: int | None = None) -> None:
    """The one error for a text over `max_draft_size` characters: exit 2, one line naming the limit."""
    from replylint.sources.errors import SourceError

    if len(text) > limit:
        raise SourceError(where, f"{what} too long ({len(text):,} characters; max_draft_size is {limit:,})", line)


def read_client(path: str) -> str | None:
    """The client's message from --client: a text file as it is; an .eml, its own text only (the
    history it quotes is not what the client wrote now)."""
    from replylint.sources.read import read_text

    text = read_text(path)
    if path.lower().endswith(".eml"):
        from replylint.sources.eml import parse_eml

        return parse_eml(path, text)[0].text
    return text


def exit_code(results: list[DraftResult], fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity.parse(fail_on)
    failing = any(finding.severity >= threshold for result in results for finding in result.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN
