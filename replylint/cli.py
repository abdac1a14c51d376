"""The command line: `replylint check`, `replylint rules`, `replylint explain`.

Conventions follow ruff and Vale: findings on stdout, one-line errors on stderr, exit code 0
(clean), 1 (findings at or above --fail-on), 2 (usage error or unreadable input).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from replylint.document.language import LANG_CHOICES, MESSAGE_LANG_CHOICES, MESSAGE_LANGUAGES
from replylint.engine.grammar_stage import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from datetime import datetime

EXIT_CLEAN, EXIT_ERROR = 0, 2
# A stdout that cannot be written (a full disk, a quota, an I/O error): one line, exit 2.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG})
_FAIL_ON = ("error", "warning", "info", "never")


# click 8.2 renamed it; older releases have no such error and print help through UsageError.
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", getattr(click.exceptions, "NoArgsIsHelp", ()))


class UserError(Exception):
    """Anything the user can fix: printed as one line, exit code 2."""


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="replylint", message="replylint %(version)s")
def cli() -> None:
    """A linter for draft customer-support replies in Russian and Ukrainian."""


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--client", "client_file", metavar="FILE",
              help="The client's message this draft answers: a text file, or an .eml (its own text; the "
                   "history it quotes is cut). One draft only: with several, an error.")
@click.option("--client-text", metavar="TEXT", help="The client's message as a string (instead of --client FILE).")
@click.option("--first-contact/--ongoing", default=None,
              help="First reply to this client (strict: caps, emoji, «Привет»; the default unless the config "
                   "says otherwise), or an ongoing conversation.")
@click.option("--lang", type=click.Choice(LANG_CHOICES), default=None,
              help="Language of the draft [default: the config's, else auto].")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif", "github"]), default="text",
              show_default=True, help="Output format (github: Actions annotations; sarif: code scanning).")
@click.option("--select", metavar="RULES", help="Only these rules (comma-separated ids).")
@click.option("--ignore", metavar="RULES", help="Skip these rules (comma-separated ids).")
@click.option("--fail-on", type=click.Choice(_FAIL_ON), default=None,
              help="Exit 1 when a finding is at or above this severity [default: the config's, else error].")
@click.option("--message-lang", type=click.Choice(MESSAGE_LANG_CHOICES), default=None,
              help="Language of the messages [default: the config's, else auto: the draft's].")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, metavar="N",
              help="Worker processes (default: every CPU when there are enough drafts, else 1).")
@click.option("--config", "config_file", metavar="FILE",
              help="Use this config file for every draft (default: the nearest .replylint.toml or "
                   "pyproject.toml with [tool.replylint] above each file).")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place (stdin: print the fixed text).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply the unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print what --fix would change as a unified diff; write nothing.")
@click.option("--baseline", metavar="FILE", help="Report (and fail on) only the findings FILE does not record.")
@click.option("--write-baseline", metavar="FILE", help="Record the current findings in FILE (a baseline); exit 0.")
@click.option("--statistics", is_flag=True, help="Count findings per rule, most frequent first.")
@click.option("--languagetool", metavar="URL", envvar="REPLYLINT_LANGUAGETOOL_URL",
              help="Also check grammar with a LanguageTool server at URL, or 'local' to start one (needs Java). "
                   "Off by default; only the reply's own text is sent, private data masked. "
                   "Env: REPLYLINT_LANGUAGETOOL_URL.")
@click.option("--languagetool-timeout", type=click.FloatRange(min=0, min_open=True),
              default=DEFAULT_TIMEOUT,
              show_default=True, metavar="SECONDS", help="Give up on LanguageTool after this long (one warning).")
@click.option("--cache-dir", metavar="DIR",
              help="Cache of LanguageTool answers (default: $XDG_CACHE_HOME/replylint/languagetool).")
@click.option("--send-at", metavar="WHEN", callback=lambda ctx, param, value: _send_at(value),
              help="When the reply goes out: HH:MM (today), 'Sat 10:30', 'пн 09:00' or an ISO date-time; "
                   "checked against working hours (send-time).")
@click.option("--stdin-filename", metavar="PATH",
              help="The file standard input stands for (editors, pipes): its config and per-file globs apply, "
                   "its extension picks the format, findings report it; never written. Implies - as PATH.")
def check(paths: tuple[str, ...], client_file: str | None, client_text: str | None, first_contact: bool | None,
          lang: str | None,
          output_format: str, select: str | None, ignore: str | None, fail_on: str | None,
          message_lang: str | None, color: bool | None, jobs: int | None, config_file: str | None,
          isolated: bool, fix: bool, unsafe_fixes: bool, diff: bool, baseline: str | None,
          write_baseline: str | None, statistics: bool, languagetool: str | None, languagetool_timeout: float,
          cache_dir: str | None, send_at: datetime | None, stdin_filename: str | None) -> None:
    """Check drafts. PATH is a file, a folder (walked for drafts), or - for standard input.

    A finding marked [*] is fixed by --fix (with --unsafe-fixes, the unsafe ones too).
    """
    from replylint.config import CliOverrides
    from replylint.engine.settings import parse_rule_list
    from replylint.pipeline import CheckOptions, run_check

    if stdin_filename is not None:
        if not stdin_filename.strip():
            raise UserError("--stdin-filename is empty")
        if paths and "-" not in paths:
            raise UserError("--stdin-filename names standard input: give - as the PATH (or no PATH)")
        paths = paths or ("-",)
    if not paths:
        raise click.UsageError("Missing argument 'PATHS...'.", ctx=click.get_current_context())

    overrides = CliOverrides(select=parse_rule_list(select), ignore=parse_rule_list(ignore),
                             first_contact=first_contact, lang=lang, message_lang=message_lang, fail_on=fail_on,
                             config_file=config_file, isolated=isolated)
    options = CheckOptions(
        paths=paths, overrides=overrides, client_file=client_file, client_text=client_text,
        output_format=output_format, color=color, jobs=jobs, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
        baseline=baseline, write_baseline=write_baseline, statistics=statistics,
        languagetool=(languagetool or "").strip() or None, languagetool_timeout=languagetool_timeout,
        cache_dir=cache_dir, send_at=send_at, stdin_filename=stdin_filename,
    )
    if baseline and write_baseline:
        raise UserError("--baseline and --write-baseline exclude each other")
    if client_file is not None and client_text is not None:
        raise UserError("--client and --client-text exclude each other")
    if client_text is not None and not client_text.strip():
        raise UserError("--client-text is empty")
    if statistics and output_format == "sarif":
        raise UserError("--statistics cannot be combined with --format sarif")
    if config_file and isolated:
        raise UserError("--config and --isolated exclude each other")
    raise SystemExit(run_check(options))


@cli.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .replylint.toml.")
def init(force: bool) -> None:
    """Write a commented starter .replylint.toml into the current folder."""
    from pathlib import Path

    from replylint.config import CONFIG_FILE, starter_config

    target = Path(CONFIG_FILE)
    if target.exists() and not force:
        raise UserError(f"{CONFIG_FILE} already exists here; use --force to overwrite it")
    try:
        target.write_text(starter_config(), encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot write {CONFIG_FILE}: {error.strerror or error}") from None
    click.echo(f"Wrote {CONFIG_FILE}: uncomment what you need, then run `replylint check`.")


@cli.command("rules")
@click.option("--message-lang", type=click.Choice(MESSAGE_LANGUAGES), default="en", show_default=True)
def list_rules(message_lang: str) -> None:
    """List every rule: id, default severity, languages, description, source guides."""
    from rich.console import Console
    from rich.table import Table

    from replylint.engine.rules import implementations
    from replylint.reporters.text import terminal_width, use_color
    from replylint.rulekit.catalog import catalog

    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("id", "severity", "languages", "description", "source"):
        table.add_column(column, overflow="fold", no_wrap=column == "id")  # an id is never broken
    implemented = implementations()
    for spec in sorted(catalog().values(), key=lambda spec: spec.id):
        if spec.id not in implemented:
            continue
        table.add_row(spec.id, spec.severity.label, ",".join(spec.languages),
                      spec.text(spec.summary, message_lang), ", ".join(spec.sources))
    # The terminal's width (COLUMNS, else 100 off a terminal); no escape code at all without colour.
    Console(highlight=False, soft_wrap=False, width=terminal_width(sys.stdout),
            color_system="auto" if use_color(None, sys.stdout) else None).print(table)


@cli.command()
@click.argument("rule_id")
@click.option("--message-lang", type=click.Choice(MESSAGE_LANGUAGES), default="en", show_default=True)
def explain(rule_id: str, message_lang: str) -> None:
    """Explain a rule: why it exists, its source, bad and good examples in Russian and Ukrainian."""
    from replylint.reporters.text import terminal_width
    from replylint.rulekit.catalog import catalog, code_location, explanation, unknown_rule

    spec = catalog().get(rule_id)
    if spec is None:
        raise UserError(unknown_rule(rule_id))
    click.echo(explanation(spec, message_lang, width=min(100, terminal_width(sys.stdout))))
    click.echo("")
    click.echo("\n".join(code_location(spec)))



@cli.command()
@click.argument("file")
@click.option("--lang", type=click.Choice(LANG_CHOICES), default="auto", show_default=True,
              help="Language of the message.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
def questions(file: str, lang: str, output_format: str) -> None:
    """Show the questions found in a client's message (FILE, or - for standard input)."""
    import json

    from replylint.engine.runner import analyse
    from replylint.mechanisms.questions import extract_questions
    from replylint.sources.draft import LineMap
    from replylint.sources.read import read_text

    text = read_text(file)
    from replylint.config import DEFAULT_MAX_DRAFT_SIZE
    from replylint.pipeline import refuse_if_too_long

    refuse_if_too_long(file, "message", text, DEFAULT_MAX_DRAFT_SIZE)
    document = analyse(text, lang)
    lines = LineMap(text)
    found: list[dict[str, Any]] = []
    for question in extract_questions(document):
        start, end = document.to_source(question.start, question.end)
        line, column = lines.locate(start)
        found.append({"line": line, "column": column, "start": start, "end": end,
                      "kind": question.kind, "text": text[start:end]})
    if output_format == "json":
        click.echo(json.dumps({"path": file, "language": document.language, "questions": found},
                              ensure_ascii=False, indent=2))
        return
    for item in found:
        click.echo(f"{item['line']}:{item['column']}\t{item['kind']}\t{' '.join(item['text'].split())}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs --allow-remote and a token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port; the address is printed on start).")
@click.option("--allow-remote", is_flag=True, help="Allow a non-loopback --host (other machines can connect).")
@click.option("--token", envvar="REPLYLINT_TOKEN", metavar="TOKEN",
              help="Require `Authorization: Bearer TOKEN` on every request (the page: /?token=TOKEN). "
                   "Env: REPLYLINT_TOKEN.")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="ORIGIN",
              help="Let pages of this origin (e.g. https://helpdesk.example.com) call the API from a browser "
                   "(CORS); repeatable. No origin is allowed by default, and never '*'.")
@click.option("--config", "config_file", metavar="FILE",
              help="Use this config file (default: the .replylint.toml or pyproject.toml of the current folder, "
                   "as `check` finds it for standard input).")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--languagetool", metavar="URL", envvar="REPLYLINT_LANGUAGETOOL_URL",
              help="As in `check`: also check grammar with LanguageTool at URL, or 'local'. Off by default. "
                   "Env: REPLYLINT_LANGUAGETOOL_URL.")
@click.option("--languagetool-timeout", type=click.FloatRange(min=0, min_open=True),
              default=DEFAULT_TIMEOUT,
              show_default=True, metavar="SECONDS", help="Give up on LanguageTool after this long.")
@click.option("--cache-dir", metavar="DIR",
              help="Keep LanguageTool's answers in DIR (default: in memory, dropped when the server stops).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Processes answering requests; each lints one draft at a time [default: the CPUs, up to 4; "
                   "1 with --languagetool].")
def serve(host: str, port: int, allow_remote: bool, token: str | None, allow_origins: tuple[str, ...],
          config_file: str | None, isolated: bool, languagetool: str | None, languagetool_timeout: float,
          cache_dir: str | None, workers: int | None) -> None:
    """Serve the JSON API (POST /v1/check) and the page for agents (GET /) on a local port."""
    from replylint.server.options import OptionsError, server_options

    try:
        options = server_options(host, token, allow_origins, allow_remote=allow_remote)
    except OptionsError as error:
        raise UserError(str(error)) from None
    if workers is not None and workers > 1 and not hasattr(os, "fork"):
        raise UserError("--workers needs fork (Linux, macOS); use one worker here")
    if config_file and isolated:
        raise UserError("--config and --isolated exclude each other")
    try:
        from replylint.server.run import ServeError, default_workers
        from replylint.server.run import serve as run_server
        from replylint.server.service import CheckService
    except ImportError as error:
        raise UserError(f"`replylint serve` needs the serve extra: pip install 'replylint[serve]' ({error})") from None
    service = CheckService(config_file=config_file, isolated=isolated,
                           languagetool=(languagetool or "").strip() or None,
                           languagetool_timeout=languagetool_timeout, cache_dir=cache_dir)
    try:
        run_server(service, options, port, workers=workers or default_workers(service.grammar is not None))
    except ServeError as error:
        raise UserError(str(error)) from None


@cli.command()
def lsp() -> None:
    """Speak the Language Server Protocol on stdin/stdout (for editors): diagnostics, hover, fixes."""
    try:
        from replylint.lsp.server import run_stdio
    except ImportError as error:
        raise UserError(f"`replylint lsp` needs the serve extra: pip install 'replylint[serve]' ({error})") from None
    run_stdio()


def _send_at(value: str | None) -> datetime | None:
    """--send-at as a datetime; a value it cannot read is a usage error (one line, exit 2)."""
    if value is None:
        return None
    from replylint.send_at import SendTimeError, parse_send_at

    try:
        return parse_send_at(value)
    except SendTimeError as error:
        raise click.BadParameter(str(error)) from None


def main(argv: list[str] | None = None) -> Any:
    """Entry point: every error the user can cause ends as one line on stderr and exit code 2."""
    from replylint.errors import SettingsError
    from replylint.sources.errors import SourceError

    try:
        try:
            cli.main(args=argv, prog_name="replylint", standalone_mode=False)
        finally:
            sys.stdout.flush()  # here, not at exit: a full disk must be one line and exit 2
    except SystemExit as exit_:
        return _exit(exit_.code if isinstance(exit_.code, int) else EXIT_CLEAN)
    except _NO_ARGS_IS_HELP as error:  # `replylint` alone prints the help, as click does
        click.echo(error.ctx.get_help() if error.ctx else "", err=True)
        return _exit(EXIT_ERROR)
    except click.UsageError as error:
        hint = f" (see `{error.ctx.command_path} --help`)" if error.ctx else ""
        _fail(f"{error.format_message()}{hint}")
    except click.exceptions.Abort:
        _fail("aborted")
    except click.ClickException as error:
        _fail(error.format_message())
    except (UserError, SourceError, SettingsError) as error:
        _fail(str(error))
    except KeyboardInterrupt:
        _fail("interrupted")
    except BrokenPipeError:
        sys.stderr.close()
        return _exit(EXIT_ERROR)
    except OSError as error:
        if error.errno not in _OUTPUT_ERRNOS:
            raise
        _discard_stdout()
        _fail(f"cannot write the output: {error.strerror or error}")
    except Exception as error:  # a bug of ours: still no traceback for the user, unless asked
        if os.environ.get("REPLYLINT_DEBUG"):
            raise
        _fail(f"internal error: {type(error).__name__}: {error} (set REPLYLINT_DEBUG=1 for details)")
    return _exit(EXIT_CLEAN)


def run() -> NoReturn:
    """The `replylint` command: `main`, then an immediate exit. The interpreter's own exit would
    first free every cached object (dictionaries, frequency lists, per-word caches): a tenth of a
    one-draft run's time, for nothing. Everything replylint opens it closes itself; the standard
    streams are flushed here. (mypy ends its runs the same way.)"""
    # A command runs once and exits: the collector's walks over the growing heap of dictionaries
    # and lexicons find nothing (replylint makes no reference cycles) and cost 15 ms of a one-draft
    # run. The long-running commands (serve, lsp) turn it back on, walking every 10,000 new
    # objects (not 700): often enough for what a server might leave.
    gc.disable()
    gc.set_threshold(10_000)
    try:
        main()
        code = EXIT_CLEAN
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else EXIT_CLEAN if exit_.code is None else EXIT_ERROR
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _discard_stdout() -> None:
    """What is still buffered for a stdout that cannot take it goes nowhere, so that the interpreter's
    own flush at exit prints no second error."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _fail(message: str) -> None:
    click.echo(f"replylint: error: {message}", err=True)
    raise SystemExit(EXIT_ERROR)


def _exit(code: int) -> None:
    raise SystemExit(code)
