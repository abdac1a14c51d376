"""The command line as a user meets it: exit codes, one-line errors, output formats, stdin."""

import json

import pytest

from clikit import ROOT, run
from lintkit import DATA

BAD = "Привет!!! Твой заказ УЖЕ отправлен)) Если что — пиши :)\n"
GOOD = "Анна, добрый день!\nЗаказ отправлен, курьер приедет завтра с 10 до 14.\nС уважением, Мария\n"


def test_bundled_example_from_the_readme() -> None:
    result = run("check", "examples/draft.txt", "--client", "examples/client.txt")
    assert result.returncode == 1
    for rule in ("informal-greeting", "ty-form", "caps", "emoji", "farewell"):
        assert rule in result.stdout
    assert "Найдено" in result.stdout or "Found" in result.stdout


def test_clean_draft_exits_zero() -> None:
    result = run("check", "examples/draft-fixed.txt")
    assert result.returncode == 0, result.stdout
    assert result.stderr == ""


def test_stdin_and_json_contract() -> None:
    result = run("check", "-", "--format", "json", stdin=BAD)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["version"] == 1
    [entry] = report["files"]
    assert entry["path"] == "<stdin>" and entry["item"] is None and entry["language"] == "ru"
    keys = {"rule", "severity", "message", "line", "column", "end_line", "end_column", "start", "end",
            "excerpt", "suggestion", "fix"}
    for finding in entry["findings"]:
        assert set(finding) == keys
        assert BAD[finding["start"] : finding["end"]] == finding["excerpt"]
        assert finding["column"] == finding["start"] + 1 and finding["line"] == 1
        assert finding["end_column"] == finding["end"] + 1
    summary = report["summary"]
    assert summary["files"] == summary["items"] == 1
    assert summary["findings"] == len(entry["findings"]) == summary["error"] + summary["warning"] + summary["info"]


def test_json_offsets_index_the_text_as_read_with_crlf(tmp_path) -> None:
    draft = tmp_path / "crlf.txt"
    text = "Здравствуйте!\r\nЗаказ готов))\r\nС уважением, Мария\r\n"
    draft.write_bytes(text.encode("cp1251"))
    report = json.loads(run("check", str(draft), "--format", "json", "--select", "emoji").stdout)
    [finding] = report["files"][0]["findings"]
    assert text[finding["start"] : finding["end"]] == "))"
    assert (finding["line"], finding["column"]) == (2, 12)


def test_ukrainian_draft_gets_ukrainian_messages_and_english_on_request() -> None:
    draft = "Привіт! Твоє замовлення готове.\n"
    uk = json.loads(run("check", "-", "--format", "json", stdin=draft).stdout)
    assert uk["files"][0]["language"] == "uk"
    messages = " ".join(f["message"] for f in uk["files"][0]["findings"])
    assert "звертання на «ти»" in messages
    en = json.loads(run("check", "-", "--format", "json", "--message-lang", "en", stdin=draft).stdout)
    assert "addresses the client" in " ".join(f["message"] for f in en["files"][0]["findings"])


def test_ongoing_silences_first_contact_rules() -> None:
    report = json.loads(run("check", "-", "--format", "json", "--ongoing", stdin=BAD).stdout)
    rules = {f["rule"] for f in report["files"][0]["findings"]}
    assert rules.isdisjoint({"caps", "emoji", "exclamation", "informal-greeting"})
    assert "ty-form" in rules


def test_select_and_ignore() -> None:
    selected = json.loads(run("check", "-", "--format", "json", "--select", "caps,emoji", stdin=BAD).stdout)
    assert {f["rule"] for f in selected["files"][0]["findings"]} == {"caps", "emoji"}
    ignored = json.loads(run("check", "-", "--format", "json", "--ignore", "ty-form", stdin=BAD).stdout)
    assert "ty-form" not in {f["rule"] for f in ignored["files"][0]["findings"]}


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(fail_on: str, code: int) -> None:
    assert run("check", "-", "--fail-on", fail_on, stdin=BAD).returncode == code


def test_fail_on_warning_only_draft() -> None:
    draft = "Здравствуйте!!\nЗаказ готов.\nС уважением, Мария\n"
    assert run("check", "-", stdin=draft).returncode == 0
    assert run("check", "-", "--fail-on", "warning", stdin=draft).returncode == 1


def test_folder_is_walked() -> None:
    report = json.loads(run("check", str(DATA / "drafts"), "--format", "json", "--fail-on", "never").stdout)
    paths = [entry["path"] for entry in report["files"]]
    assert len(paths) >= 8 and paths == sorted(paths)
    assert all(path.endswith(".txt") for path in paths)


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (("check", "missing.txt"), None, "missing.txt: no such file or directory"),
    (("check", "-", "--fail-on", "loud"), "x", "Invalid value for '--fail-on'"),
    (("check", "-", "--select", "nosuchrule"), "x", "unknown rule id 'nosuchrule'"),
    (("check", "-", "--lang", "de"), "x", "Invalid value for '--lang'"),
    (("check", "-"), b"\x00\x01\x02\x03binary", "<stdin>: binary file, not text"),
    (("check", "-", "--client", "missing-client.txt"), "x", "missing-client.txt: no such file or directory"),
    (("explain", "nosuchrule"), None, "unknown rule id 'nosuchrule'"),
    (("check",), None, "Missing argument"),
    (("frobnicate",), None, "No such command"),
])
def test_errors_are_one_line_with_exit_code_2(args: tuple[str, ...], stdin: str | bytes | None, message: str) -> None:
    result = run(*args, stdin=stdin)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("replylint: error:") and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_undecodable_and_binary_files(tmp_path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(128, 256)) * 8)
    for path in (binary, garbage):
        result = run("check", str(path))
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_cp1251_file_is_read(tmp_path) -> None:
    result = run("check", str(DATA / "drafts" / "ru-cp1251.txt"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_text_output_has_location_rule_excerpt_and_underline() -> None:
    result = run("check", "-", stdin=BAD)
    assert "1:22" in result.stdout  # «УЖЕ»
    assert "caps" in result.stdout and "^^^" in result.stdout
    assert "\x1b[" not in result.stdout, "no colour when not on a terminal"


def test_colour_can_be_forced_and_no_color_wins() -> None:
    assert "\x1b[" in run("check", "-", "--color", stdin=BAD).stdout
    assert "\x1b[" not in run("check", "-", stdin=BAD, env={"NO_COLOR": "1", "FORCE_COLOR": ""}).stdout


def test_rules_lists_every_rule_with_its_source() -> None:
    result = run("rules")
    assert result.returncode == 0
    for rule_id in ("greeting", "farewell", "ty-form", "caps", "emoji", "exclamation", "punctuation-run"):
        assert rule_id in result.stdout
    assert "004" in result.stdout


def test_explain_has_rationale_and_examples_in_both_languages() -> None:
    result = run("explain", "ty-form")
    assert result.returncode == 0
    assert "Example (ru)" in result.stdout and "Example (uk)" in result.stdout
    assert "004" in result.stdout
    assert "Пишите всем клиентам" in run("explain", "ty-form", "--message-lang", "ru").stdout


def test_library_api_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "from replylint import lint" in readme
