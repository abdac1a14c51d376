"""`replylint lsp` end to end: a real LSP client (pytest-lsp) talking to the server over stdio."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the serve extra (pygls) is not installed")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# An agent's reply with three problems on one line: CAPS, an emoji (two UTF-16 units) and slang.
REPLY = ("Добрый день, Анна!\n\n"
         "Ваш заказ УЖЕ отправлен 😀, ок? Курьер приедет завтра до 18:00.\n\n"
         "С уважением,\nОльга, служба поддержки\n")
REPLY_UK = ("Добрий день, Олено!\n\n"
            "Ваше замовлення ВІДПРАВЛЕНЕ, курʼєр приїде завтра до 18:00.\n\n"
            "З повагою,\nМарія, служба підтримки\n")
COLLECTION = """\
- id: delay
  client: "Коли буде доставка?"
  text: |
    Добрий день!

    Доставка БУДЕ завтра до 18:00, кур'єр зателефонує заздалегідь.

    З повагою,
    Марія, служба підтримки
"""


def _workspace(base: Path) -> Path:
    strict, relaxed = base / "strict", base / "relaxed"
    strict.mkdir(parents=True, exist_ok=True)
    relaxed.mkdir(parents=True, exist_ok=True)
    (relaxed / ".replylint.toml").write_text('ignore = ["caps"]\n', encoding="utf-8")
    return base


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "replylint", "lsp"],
                              server_env={**os.environ, "PYTHONPATH": str(ROOT)}),
)
async def client(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory):
    base = _workspace(tmp_path_factory.mktemp("lsp-workspace"))
    lsp_client.workspace_root = base  # type: ignore[attr-defined]
    folders = [types.WorkspaceFolder(uri=(base / name).as_uri(), name=name) for name in ("strict", "relaxed")]
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=base.as_uri(), workspace_folders=folders))
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, path: Path, text: str) -> list[types.Diagnostic]:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


async def _change(client: LanguageClient, path: Path, text: str, version: int) -> list[types.Diagnostic]:
    uri = path.as_uri()
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


def _by_rule(diagnostics: list[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in diagnostics}


def _slice(text: str, where: types.Range) -> str:
    """The text a range covers, reading its columns as UTF-16 units (LSP's default)."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        line = lines[position.line].encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return sum(len(previous) + 1 for previous in lines[: position.line]) + len(line)

    return text[offset(where.start) : offset(where.end)]


def _apply(text: str, edit: types.WorkspaceEdit) -> str:
    assert edit.changes is not None
    (edits,) = edit.changes.values()
    for change in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        lines = text.split("\n")
        start = sum(len(line) + 1 for line in lines[: change.range.start.line]) + len(
            _slice(lines[change.range.start.line], types.Range(types.Position(0, 0),
                                                               types.Position(0, change.range.start.character))))
        end = sum(len(line) + 1 for line in lines[: change.range.end.line]) + len(
            _slice(lines[change.range.end.line], types.Range(types.Position(0, 0),
                                                             types.Position(0, change.range.end.character))))
        text = text[:start] + change.new_text + text[end:]
    return text


@pytest.mark.asyncio(loop_scope="module")
async def test_diagnostics_carry_the_rule_id_and_utf16_ranges(client: LanguageClient) -> None:
    path = client.workspace_root / "strict" / "reply.txt"  # type: ignore[attr-defined]
    found = _by_rule(await _open(client, path, REPLY))
    assert {"caps", "emoji", "slang"} <= set(found)
    assert all(d.source == "replylint" for d in found.values())
    assert found["caps"].severity == types.DiagnosticSeverity.Error
    assert found["slang"].severity == types.DiagnosticSeverity.Warning
    assert "УЖЕ" in found["caps"].message
    # After the emoji (two UTF-16 units), ranges still land on the right words.
    assert _slice(REPLY, found["caps"].range) == "УЖЕ"
    assert _slice(REPLY, found["slang"].range) == "ок"
    assert found["slang"].range.start.character == 28


@pytest.mark.asyncio(loop_scope="module")
async def test_each_folder_uses_its_own_config(client: LanguageClient) -> None:
    strict = _by_rule(await _open(client, client.workspace_root / "strict" / "uk.txt", REPLY_UK))  # type: ignore[attr-defined]
    relaxed = _by_rule(await _open(client, client.workspace_root / "relaxed" / "uk.txt", REPLY_UK))  # type: ignore[attr-defined]
    assert "caps" in strict
    assert "caps" not in relaxed  # relaxed/.replylint.toml ignores it
    assert "ВІДПРАВЛЕНЕ" in strict["caps"].message  # in the draft's language


@pytest.mark.asyncio(loop_scope="module")
async def test_hover_explains_the_rule_without_links(client: LanguageClient) -> None:
    path = client.workspace_root / "strict" / "hover.txt"  # type: ignore[attr-defined]
    caps = _by_rule(await _open(client, path, REPLY))["caps"]
    answer = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=caps.range.start))
    assert answer is not None
    text = answer.contents.value  # type: ignore[union-attr]
    assert text.startswith(caps.message)
    assert "caps (error" in text and "004" in text  # the rule, its severity and its source guide
    assert "http" not in text
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=types.Position(5, 3)))
    assert nothing is None


async def _actions(client: LanguageClient, path: Path, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    answer = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    return [action for action in answer or [] if isinstance(action, types.CodeAction)]


@pytest.mark.asyncio(loop_scope="module")
async def test_a_safe_fix_is_a_code_action_that_removes_the_finding(client: LanguageClient) -> None:
    path = client.workspace_root / "strict" / "fix.txt"  # type: ignore[attr-defined]
    slang = _by_rule(await _open(client, path, REPLY))["slang"]
    actions = await _actions(client, path, slang)
    fixes = [action for action in actions if action.is_preferred]
    assert [action.title for action in fixes] == ["replylint: «ок» → «хорошо» (slang)"]
    fixed = _apply(REPLY, fixes[0].edit)  # type: ignore[arg-type]
    assert "😀, хорошо? Курьер" in fixed
    after = _by_rule(await _change(client, path, fixed, 2))
    assert "slang" not in after and "caps" in after
    # CAPS has no safe fix: only the suppression is offered.
    caps_actions = await _actions(client, path, after["caps"])
    assert [action.title for action in caps_actions] == ["replylint: disable caps for this line"]


@pytest.mark.asyncio(loop_scope="module")
async def test_the_suppression_action_silences_that_line_only(client: LanguageClient) -> None:
    path = client.workspace_root / "strict" / "suppress.txt"  # type: ignore[attr-defined]
    caps = _by_rule(await _open(client, path, REPLY))["caps"]
    (action,) = [a for a in await _actions(client, path, caps) if a.title.startswith("replylint: disable")]
    suppressed = _apply(REPLY, action.edit)  # type: ignore[arg-type]
    assert "<!-- replylint-disable-next-line caps -->\nВаш заказ УЖЕ" in suppressed
    after = _by_rule(await _change(client, path, suppressed, 2))
    assert "caps" not in after and "unused-suppression" not in after
    assert "emoji" in after  # the comment names one rule


@pytest.mark.asyncio(loop_scope="module")
async def test_collections_map_to_the_item_and_stay_valid_after_a_suppression(client: LanguageClient) -> None:
    path = client.workspace_root / "strict" / "templates.yaml"  # type: ignore[attr-defined]
    caps = _by_rule(await _open(client, path, COLLECTION))["caps"]
    assert caps.range.start.line == 5 and _slice(COLLECTION, caps.range) == "БУДЕ"
    (action,) = [a for a in await _actions(client, path, caps) if a.title == "replylint: disable caps for this line"]
    suppressed = _apply(COLLECTION, action.edit)  # type: ignore[arg-type]
    assert "    <!-- replylint-disable-next-line caps --> Доставка БУДЕ" in suppressed
    after = await _change(client, path, suppressed, 2)
    codes = {str(d.code) for d in after}
    assert "caps" not in codes and "None" not in codes  # no YAML error either


@pytest.mark.asyncio(loop_scope="module")
async def test_malformed_yaml_is_one_diagnostic_not_a_crash(client: LanguageClient) -> None:
    path = client.workspace_root / "strict" / "broken.yaml"  # type: ignore[attr-defined]
    (diagnostic,) = await _open(client, path, "- id: a\n  text: [unclosed\n")
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert "broken.yaml" in diagnostic.message and "\n" not in diagnostic.message
    # The server is still there: a fixed file lints normally.
    fixed = await _change(client, path, COLLECTION, 2)
    assert "caps" in {str(d.code) for d in fixed}
