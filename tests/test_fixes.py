"""`check --fix` / `--diff`: the file keeps its encoding, BOM and line ends, nothing is lost when a
write fails, collection items are only touched where the file maps back exactly."""

from __future__ import annotations

import codecs
import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from replylint.config import CliOverrides
from replylint.fixes import FixError, apply_fixes, choose_fixes, write_fixed
from replylint.pipeline import CheckOptions, run_check
from replylint.rulekit.finding import Finding, Fix, Severity

from clikit import run

RU_DRAFT = ("Здравствуйте, Анна!\n\nВаш заказ №48213 УЖЕ отправлен!!! Трек-номер пришлём в СМС завтра....\n\n"
            "С уважением,\nМария, служба поддержки\n")
RU_FIXED = ("Здравствуйте, Анна!\n\nВаш заказ №48213 УЖЕ отправлен! Трек-номер пришлём в СМС завтра…\n\n"
            "С уважением,\nМария, служба поддержки\n")
UK_DRAFT = ("Добрий день, Олено!\n\nВаше замовлення відправлене,, трек-номер надішлемо завтра!!!\n\n"
            "З повагою,\nМарія, служба підтримки\n")
UK_FIXED = ("Добрий день, Олено!\n\nВаше замовлення відправлене, трек-номер надішлемо завтра!\n\n"
            "З повагою,\nМарія, служба підтримки\n")


def check(*paths: Path | str, **options: object) -> tuple[int, str]:
    out = io.StringIO()
    code = run_check(CheckOptions(paths=tuple(str(path) for path in paths), output_format="json", jobs=1,
                                  overrides=CliOverrides(isolated=True), **options), out)  # type: ignore[arg-type]
    return code, out.getvalue()


def rules_in(report: str) -> set[str]:
    return {finding["rule"] for entry in json.loads(report)["files"] for finding in entry["findings"]}


def test_fix_rewrites_the_runs_and_reports_only_what_remains(tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text(RU_DRAFT, encoding="utf-8")
    _, before = check(draft)
    assert {"exclamation", "punctuation-run", "caps"} <= rules_in(before)
    code, after = check(draft, fix=True)
    assert draft.read_text(encoding="utf-8") == RU_FIXED
    remaining = rules_in(after)
    assert "caps" in remaining and not remaining & {"exclamation", "punctuation-run"}
    assert code == 1  # caps is still an error
    # the remaining findings point into the fixed file
    finding = next(finding for entry in json.loads(after)["files"] for finding in entry["findings"]
                   if finding["rule"] == "caps")
    assert RU_FIXED[finding["start"] : finding["end"]] == "УЖЕ"


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("cp1251", b"", "\r\n"),
    ("utf-8", codecs.BOM_UTF8, "\n"),
    ("utf-8", codecs.BOM_UTF8, "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"),
    ("utf-8", b"", "\r\n"),
])
def test_fix_keeps_encoding_bom_and_line_ends(tmp_path: Path, encoding: str, bom: bytes, newline: str) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_bytes(bom + UK_DRAFT.replace("\n", newline).encode(encoding))
    check(draft, fix=True)
    assert draft.read_bytes() == bom + UK_FIXED.replace("\n", newline).encode(encoding)


def test_diff_prints_the_change_and_writes_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text(RU_DRAFT, encoding="utf-8")
    stamp = draft.stat().st_mtime_ns
    result = run("check", "--isolated", "--diff", "reply.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "-Ваш заказ №48213 УЖЕ отправлен!!! Трек-номер пришлём в СМС завтра....\n" in result.stdout
    assert "+Ваш заказ №48213 УЖЕ отправлен! Трек-номер пришлём в СМС завтра…\n" in result.stdout
    assert "caps" not in result.stdout  # the diff is the whole output
    assert draft.read_text(encoding="utf-8") == RU_DRAFT and draft.stat().st_mtime_ns == stamp
    assert sorted(os.listdir(tmp_path)) == ["reply.txt"]


def test_diff_of_a_draft_with_nothing_to_fix_exits_0(tmp_path: Path) -> None:
    (tmp_path / "reply.txt").write_text(RU_FIXED, encoding="utf-8")
    result = run("check", "--isolated", "--diff", "reply.txt", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""


def _fail(error: OSError) -> Callable[..., None]:
    """A stand-in for os.replace / tempfile.mkstemp that fails as the disk or folder would."""

    def failing(*args: object, **kwargs: object) -> None:
        raise error
    return failing


@pytest.mark.parametrize(("module", "name", "error"), [
    (os, "replace", OSError(28, "No space left on device")),
    (tempfile, "mkstemp", PermissionError(13, "Permission denied")),  # a read-only folder, even for root
])
def test_a_failed_write_leaves_the_original_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str], module: object,
                                                       name: str, error: OSError) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_bytes(RU_DRAFT.encode("cp1251"))
    monkeypatch.setattr(module, name, _fail(error))
    code, report = check(draft, fix=True)
    assert code == 2
    assert draft.read_bytes() == RU_DRAFT.encode("cp1251")
    assert sorted(os.listdir(tmp_path)) == ["reply.txt"]  # no temporary file left behind
    stderr = capsys.readouterr().err
    assert f"reply.txt: cannot write the fixed file ({error.strerror}); the original is unchanged" in stderr
    assert {"exclamation", "punctuation-run"} <= rules_in(report)  # nothing was fixed, so all is reported


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_reported_not_corrupted(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    draft = folder / "reply.txt"
    draft.write_text(RU_DRAFT, encoding="utf-8")
    folder.chmod(0o555)
    try:
        result = run("check", "--isolated", "--fix", str(draft), cwd=tmp_path)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2 and "the original is unchanged" in result.stderr
    assert draft.read_text(encoding="utf-8") == RU_DRAFT


def test_fixing_stdin_prints_the_fixed_text(tmp_path: Path) -> None:
    result = run("check", "--isolated", "--fix", "-", stdin=UK_DRAFT, cwd=tmp_path)
    assert result.stdout == UK_FIXED
    assert "exclamation" not in result.stderr and "Fixed 2 finding(s) in 1 file(s)." in result.stderr
    assert os.listdir(tmp_path) == []


def test_yaml_library_items_are_fixed_in_place(tmp_path: Path) -> None:
    library = tmp_path / "macros.yaml"
    source = (
        "# Шаблоны отдела доставки\n"
        "templates:\n"
        "  - id: delay\n"
        "    text: |\n"
        "      Здравствуйте!!!\n"
        "      Посылка задерживается на складе....\n"
        "\n"
        "      С уважением,\n"
        "      Мария\n"
        "  - id: thanks\n"
        "    text: \"Добрий день!\\n\\nДякуємо за замовлення!!!\\n\\nЗ повагою,\\nМарія\"\n"
    )
    library.write_text(source, encoding="utf-8")
    check(library, fix=True)
    assert library.read_text(encoding="utf-8") == (
        source.replace("Здравствуйте!!!", "Здравствуйте!").replace("складе....", "складе…")
        .replace("замовлення!!!", "замовлення!")
    )


def test_items_whose_fix_would_touch_escapes_are_skipped_with_a_note(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "macros.json"
    items = [
        {"id": "escaped", "text": "Добрий день!\n\nДякуємо\\u0021\\u0021\\u0021\n\nЗ повагою,\nМарія"},
        # exported with ensure_ascii: every Cyrillic letter is an escape, but «!!!» stands as it is
        {"id": "ascii", "text": "Здравствуйте!\n\nСпасибо за заказ!!!\n\nС уважением,\nМария"},
    ]
    source = "[\n" + ",\n".join(
        json.dumps(item, ensure_ascii=item["id"] == "ascii").replace("\\\\u0021", "\\u0021") for item in items
    ) + "\n]\n"
    library.write_text(source, encoding="utf-8")
    check(library, fix=True)
    fixed = library.read_text(encoding="utf-8")
    assert fixed == source.replace('!!!\\n\\n\\u0421', '!\\n\\n\\u0421')
    assert next(item["text"] for item in json.loads(fixed)).endswith("Дякуємо!!!\n\nЗ повагою,\nМарія")
    assert "macros.json [escaped]: some fixes skipped" in capsys.readouterr().err


def test_fix_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "shared" / "reply.txt"
    target.parent.mkdir()
    target.write_text(UK_DRAFT, encoding="utf-8")
    link = tmp_path / "reply.txt"
    link.symlink_to(target)
    check(link, fix=True)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == UK_FIXED


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text("Здравствуйте!!! Уже исправил коллега.\n", encoding="utf-8")
    with pytest.raises(FixError, match="changed on disk"):
        write_fixed(str(draft), RU_DRAFT, RU_FIXED)
    assert draft.read_text(encoding="utf-8") == "Здравствуйте!!! Уже исправил коллега.\n"


def test_a_fix_that_does_not_fit_the_files_encoding_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_bytes(RU_DRAFT.encode("cp1251"))
    with pytest.raises(FixError, match="cp1251"):
        write_fixed(str(draft), RU_DRAFT, RU_DRAFT.replace("!!!", "🙂"))
    assert draft.read_bytes() == RU_DRAFT.encode("cp1251")


def _finding(start: int, end: int, replacement: str, *, safe: bool = True) -> Finding:
    return Finding("exclamation", Severity.WARNING, "", start, end, fix=Fix(start, end, replacement, safe))


def test_overlapping_fixes_apply_the_first_and_unsafe_ones_only_when_asked() -> None:
    text = "Спасибо!!!?? Ждём...."
    findings = [_finding(7, 12, "!"), _finding(9, 12, "?"), _finding(17, 21, "…"), _finding(0, 7, "Благодарю",
                                                                                          safe=False)]
    fixes, fixed = choose_fixes(findings)
    assert apply_fixes(text, fixes) == "Спасибо! Ждём…" and fixed == 2
    fixes, fixed = choose_fixes(findings, unsafe=True)
    assert apply_fixes(text, fixes) == "Благодарю! Ждём…" and fixed == 3


def test_a_write_landing_during_the_replace_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An append made after --fix compared the file and before os.replace took effect is not lost."""
    import replylint.fixes as fixes

    draft = tmp_path / "reply.txt"
    draft.write_text(RU_DRAFT, encoding="utf-8")
    real_replace = os.replace

    def replace_after_an_append(source: str, target: str) -> None:
        if str(target) == str(draft.resolve()) and str(source).endswith(".replylint"):
            with open(draft, "a", encoding="utf-8") as other_editor:
                other_editor.write("Дописал коллега.\n")
        real_replace(source, target)

    monkeypatch.setattr(fixes.os, "replace", replace_after_an_append)
    with pytest.raises(FixError, match="changed on disk"):
        write_fixed(str(draft), RU_DRAFT, RU_FIXED)
    assert draft.read_text(encoding="utf-8") == RU_DRAFT + "Дописал коллега.\n"


def test_a_hard_linked_file_stays_one_file(tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text(RU_DRAFT, encoding="utf-8")
    twin = tmp_path / "twin.txt"
    os.link(draft, twin)
    write_fixed(str(draft), RU_DRAFT, RU_FIXED)
    assert os.stat(draft).st_ino == os.stat(twin).st_ino
    assert twin.read_text(encoding="utf-8") == RU_FIXED


def test_a_stray_byte_is_an_error_not_a_cp1251_fix(tmp_path: Path) -> None:
    """UTF-8 with one invalid byte used to be read as cp1251 and «fixed» with cp1251 bytes inside."""
    draft = tmp_path / "reply.txt"
    draft.write_bytes(RU_DRAFT.encode() + b"\xff\n")
    completed = run("check", "--fix", str(draft))
    assert completed.returncode == 2 and "0xFF" in completed.stderr
    assert draft.read_bytes() == RU_DRAFT.encode() + b"\xff\n"
