"""The command line: `replylint check`, `replylint rules`, `replylint explain`.

Conventions follow ruff and Vale: findings on stdout, one-line errors on stderr, exit code 0
(clean), 1 (findings at or above --fail-on), 2 (usage error or unreadable input).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from replylint.engine.finding import Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
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
@click.argument("paths", nargs=-1, required=True)
@click.option("--client", "client_file", metavar="FILE", help="The client's message this draft answers.")
@click.option("--first-contact/--ongoing", default=True, show_default=True,
              help="First reply to this client (strict: caps, emoji, «Привет»), or an ongoing conversation.")
@click.option("--lang", type=click.Choice(["auto", "ru", "uk"]), default="auto", show_default=True,
              help="Language of the draft.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--select", metavar="RULES", help="Only these rules (comma-separated ids).")
@click.option("--ignore", metavar="RULES", help="Skip these rules (comma-separated ids).")
@click.option("--fail-on", type=click.Choice(_FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--message-lang", type=click.Choice(["auto", "ru", "uk", "en"]), default="auto",
              show_default=True, help="Language of the messages (auto: the draft's).")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
def check(paths: tuple[str, ...], client_file: str | None, first_contact: bool, lang: str,
          output_format: str, select: str | None, ignore: str | None, fail_on: str, message_lang: str,
          color: bool | None) -> None:
    """Check drafts. PATH is a file, a folder (walked for drafts), or - for standard input."""
    from replylint.engine.runner import lint_draft
    from replylint.engine.settings import Settings, parse_rule_list
    from replylint.reporters import get_reporter
    from replylint.sources.read import read_drafts, read_text

    settings = Settings(select=parse_rule_list(select), ignore=parse_rule_list(ignore) or frozenset(),
                        message_lang=message_lang)
    client = read_text(client_file) if client_file else None
    results = []
    for draft in read_drafts(paths):
        if client is not None and draft.client is None:
            draft.client = client
        results.append(lint_draft(draft, settings, first_contact=first_contact, lang=lang))
    get_reporter(output_format, color=color)(results, sys.stdout)
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    failing = threshold is not None and any(
        finding.severity >= threshold for result in results for finding in result.findings)
    raise SystemExit(EXIT_FINDINGS if failing else EXIT_CLEAN)


@cli.command("rules")
@click.option("--message-lang", type=click.Choice(["ru", "uk", "en"]), default="en", show_default=True)
def list_rules(message_lang: str) -> None:
    """List every rule: id, default severity, languages, description, source guides."""
    from rich.console import Console
    from rich.table import Table

    from replylint.engine.catalog import catalog
    from replylint.engine.registry import implementations

    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("id", "severity", "languages", "description", "source"):
        table.add_column(column, overflow="fold")
    implemented = implementations()
    for spec in sorted(catalog().values(), key=lambda spec: spec.id):
        if spec.id not in implemented:
            continue
        table.add_row(spec.id, spec.severity.label, ",".join(spec.languages),
                      spec.text(spec.summary, message_lang), ", ".join(spec.sources))
    Console(highlight=False, soft_wrap=False, width=max(120, _terminal_width())).print(table)


@cli.command()
@click.argument("rule_id")
@click.option("--message-lang", type=click.Choice(["ru", "uk", "en"]), default="en", show_default=True)
def explain(rule_id: str, message_lang: str) -> None:
    """Explain a rule: why it exists, its source, bad and good examples in Russian and Ukrainian."""
    from replylint.engine.catalog import catalog, guides

    spec = catalog().get(rule_id)
    if spec is None:
        raise UserError(f"unknown rule {rule_id!r} (see `replylint rules`)")
    flags = "first contact only" if spec.first_contact_only else "always"
    lines = [
        f"{spec.id} ({spec.severity.label}, {', '.join(spec.languages)}, {flags})",
        "",
        spec.text(spec.summary, message_lang),
        "",
        spec.text(spec.rationale, message_lang),
        "",
        "Sources:",
        *(f"  {number}: {guides().get(number, number)}" for number in spec.sources),
    ]
    for example in spec.examples:
        lines += ["", f"Example ({example.lang}):", f"  bad:  {example.bad}", f"  good: {example.good}"]
    click.echo("\n".join(lines))


def _terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 120


def main(argv: list[str] | None = None) -> Any:
    """Entry point: every error the user can cause ends as one line on stderr and exit code 2."""
    from replylint.engine.settings import SettingsError
    from replylint.sources.errors import SourceError

    try:
        cli.main(args=argv, prog_name="replylint", standalone_mode=False)
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
    except Exception as error:  # a bug of ours: still no traceback for the user, unless asked
        if os.environ.get("REPLYLINT_DEBUG"):
            raise
        _fail(f"internal error: {type(error).__name__}: {error} (set REPLYLINT_DEBUG=1 for details)")
    return _exit(EXIT_CLEAN)


def _fail(message: str) -> None:
    click.echo(f"replylint: error: {message}", err=True)
    raise SystemExit(EXIT_ERROR)


def _exit(code: int) -> None:
    raise SystemExit(code)
