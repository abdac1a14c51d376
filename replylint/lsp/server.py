"""The language server: diagnostics as `check` reports them, hover with the rule's explanation,
code actions for safe fixes and for a suppression comment.

A document is read as `check` reads a file of its name (.txt, .md, .html, .eml, YAML/JSON/CSV
collections: `sources.formats.parse_file`) and each draft in it is linted with the config nearest
to the file — so every workspace folder gets its own `.replylint.toml`. A resolver is made per
lint; config files are cached while unchanged, so an edited config applies on the next change.
Positions go through pygls's codec: the client's UTF-16 (or negotiated) columns, never ours.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from replylint.config import CliOverrides, ConfigResolver
from replylint.engine.parallel import lint_one
from replylint.engine.settings import SettingsError
from replylint.rulekit.catalog import catalog, explanation
from replylint.rulekit.finding import Finding, Severity
from replylint.sources.draft import Draft
from replylint.sources.errors import SourceError

SOURCE = "replylint"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Placed:
    """A finding with its draft and its place in the document (offsets in the document's text)."""

    finding: Finding
    draft: Draft
    start: int
    end: int
    message_lang: str


@dataclass
class DocumentState:
    version: int | None = None
    placed: list[Placed] = field(default_factory=list)


class ReplylintServer(LanguageServer):
    def __init__(self) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            installed = version("replylint")
        except PackageNotFoundError:
            installed = "unknown"
        super().__init__("replylint", installed)
        self.states: dict[str, DocumentState] = {}
        self.frozen = False

    def lint(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        state = DocumentState(version=document.version)
        diagnostics: list[types.Diagnostic] = []
        try:
            state.placed = self.findings(document)
        except (SourceError, SettingsError) as error:  # malformed YAML, a bad config: one diagnostic
            diagnostics.append(types.Diagnostic(
                range=_range(document, *_error_span(document, error)), message=str(error),
                severity=types.DiagnosticSeverity.Error, source=SOURCE))
        for placed in state.placed:
            finding = placed.finding
            diagnostics.append(types.Diagnostic(
                range=_range(document, placed.start, placed.end), message=finding.message,
                severity=_SEVERITY[finding.severity], code=finding.rule, source=SOURCE))
        self.states[uri] = state
        if not self.frozen:  # the first lint loaded the engine for good: keep the collector off it
            gc.freeze()
            self.frozen = True
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=document.version))

    def findings(self, document: TextDocument) -> list[Placed]:
        from replylint.sources.formats import parse_file

        path = self.path_of(document)
        resolver = ConfigResolver(CliOverrides())
        settings = resolver.settings_for(path)
        message_lang = resolver.message_lang([path])
        placed: list[Placed] = []
        for draft in parse_file(path, document.source):
            result = lint_one(draft, settings)
            lang = message_lang if message_lang != "auto" else result.language
            for finding in result.findings:
                start, end = _document_span(draft, finding.start, finding.end)
                placed.append(Placed(finding, draft, start, end, lang))
        return placed

    def path_of(self, document: TextDocument) -> str:
        """The file's path; an unsaved buffer is read as a .txt in the first workspace folder."""
        if document.path:
            return document.path
        root = self.workspace.root_path or os.getcwd()
        return os.path.join(root, "untitled.txt")

    def at(self, uri: str, span: types.Range) -> list[Placed]:
        """Findings whose range touches `span` (a cursor or a selection)."""
        state = self.states.get(uri)
        if state is None:
            return []
        document = self.workspace.get_text_document(uri)
        start = document.offset_at_position(span.start)
        end = document.offset_at_position(span.end)
        return [placed for placed in state.placed if placed.start <= end and start <= max(placed.end, placed.start)]


server = ReplylintServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ReplylintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ReplylintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ReplylintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ReplylintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.states.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                        diagnostics=[]))


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: ReplylintServer, params: types.HoverParams) -> types.Hover | None:
    found = ls.at(params.text_document.uri, types.Range(params.position, params.position))
    if not found:
        return None
    specs = catalog()
    parts: list[str] = []
    for placed in found:
        spec = specs.get(placed.finding.rule)
        text = explanation(spec, placed.message_lang) if spec else placed.finding.rule
        parts.append(f"{placed.finding.message}\n\n{text}")
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.PlainText,
                                                    value="\n\n──────\n\n".join(parts)))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: ReplylintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    actions: list[types.CodeAction] = []
    suppressed: set[tuple[str, int]] = set()
    for placed in ls.at(uri, params.range):
        finding = placed.finding
        fix = finding.fix
        if fix is not None and fix.safe:
            start, end = _document_span(placed.draft, fix.start, fix.end)
            before = document.source[start:end]
            actions.append(types.CodeAction(
                title=f"replylint: «{before}» → «{fix.replacement}» ({finding.rule})",
                kind=types.CodeActionKind.QuickFix, is_preferred=True,
                edit=_edit(uri, document, start, end, fix.replacement)))
        insert_at, comment = _suppression(placed)
        if (finding.rule, insert_at) in suppressed:
            continue
        suppressed.add((finding.rule, insert_at))
        actions.append(types.CodeAction(
            title=f"replylint: disable {finding.rule} for this line",
            kind=types.CodeActionKind.QuickFix,
            edit=_edit(uri, document, insert_at, insert_at, comment)))
    return actions


def _suppression(placed: Placed) -> tuple[int, str]:
    """Where a `disable-next-line` comment goes, and the comment. In a plain file, on a line of its
    own above the finding's line; inside a collection item (YAML, JSON, CSV), at the start of the
    finding's line in the item's text, where it covers the rest of that line and keeps the file valid."""
    draft, rule = placed.draft, placed.finding.rule
    line_start = draft.text.rfind("\n", 0, placed.finding.start) + 1
    line_map = draft.line_map
    if line_map is None or line_map.positions is None:
        return line_start, f"<!-- replylint-disable-next-line {rule} -->\n"
    first = line_start
    while first < len(draft.text) and draft.text[first] in " \t":
        first += 1
    return line_map.file_offset(first), f"<!-- replylint-disable-next-line {rule} --> "


def _document_span(draft: Draft, start: int, end: int) -> tuple[int, int]:
    """Offsets in the draft's text → offsets in the document (a collection item sits inside it)."""
    line_map = draft.line_map
    if line_map is None:
        return start, end
    first = line_map.file_offset(start)
    last = line_map.file_offset(end - 1) + 1 if end > start else first
    return first, last


def _edit(uri: str, document: TextDocument, start: int, end: int, text: str) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(range=_range(document, start, end), new_text=text)]})


def _range(document: TextDocument, start: int, end: int) -> types.Range:
    return types.Range(start=document.client_position_at_offset(start),
                       end=document.client_position_at_offset(end))


def _error_span(document: TextDocument, error: Exception) -> tuple[int, int]:
    """A source error's line, when it names one; else the document's first character."""
    line = getattr(error, "line", None)
    if not isinstance(line, int) or line < 1:
        return 0, 0
    lines = document.source.split("\n")
    start = sum(len(text) + 1 for text in lines[: line - 1])
    return start, start + len(lines[line - 1]) if line <= len(lines) else start


def run_stdio() -> None:
    gc.enable()  # the command line paused it for one-shot commands; an editor's server runs for hours
    server.start_io()
