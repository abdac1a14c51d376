"""Baselines: record today's findings, then fail only on new ones — robust to lines moving."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clikit import run

RULES = ("--select", "caps,emoji,exclamation")

REFUND_RU = """Здравствуйте, Ольга!

Возврат по заказу №4521 УЖЕ оформлен, деньги придут за 5–7 дней :)

С уважением, Анна
"""

DELAY_UK = """Добрий день!

Доставка затримується на два дні!!! Кур'єр зателефонує заздалегідь.

З повагою, Марія
"""

LIBRARY = """templates:
  - id: promo
    lang: ru
    text: |
      Здравствуйте! Акция СЕГОДНЯ и завтра, СКИДКА 20%.
      С уважением, Анна
  - id: thanks
    lang: uk
    text: |
      Дякуємо за відгук! Гарного дня :)
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "refund.txt").write_text(REFUND_RU, encoding="utf-8")
    (folder / "delay.md").write_text(DELAY_UK, encoding="utf-8")
    (folder / "library.yaml").write_text(LIBRARY, encoding="utf-8")
    return tmp_path


def new_findings(library: Path, *extra: str) -> tuple[int, list[tuple[str, str | None, str, str]], str]:
    result = run("check", "templates", *RULES, "--baseline", "baseline.json", "--format", "json", *extra,
                 cwd=library)
    assert result.returncode != 2, result.stderr
    report = json.loads(result.stdout)
    return result.returncode, sorted((Path(file["path"]).name, file["item"], finding["rule"], finding["excerpt"])
                                     for file in report["files"] for finding in file["findings"]), result.stderr


def write(library: Path) -> str:
    result = run("check", "templates", *RULES, "--write-baseline", "baseline.json", cwd=library)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    return result.stderr


def test_a_baseline_records_every_finding_and_then_nothing_is_new(library: Path) -> None:
    before = run("check", "templates", *RULES, cwd=library)
    assert before.returncode == 1
    note = write(library)
    assert "recorded 6 finding(s) of 4 draft(s) in baseline.json" in note
    code, found, _ = new_findings(library)
    assert (code, found) == (0, [])


def test_the_file_is_sorted_one_entry_per_line_with_paths_relative_to_its_folder(library: Path) -> None:
    write(library)
    content = (library / "baseline.json").read_text(encoding="utf-8")
    data = json.loads(content)
    assert data["version"] == 1
    keys = [(e["path"], e["item"] or "", e["rule"], e["excerpt"]) for e in data["findings"]]
    assert keys == sorted(keys)
    assert {e["path"] for e in data["findings"]} == {"templates/delay.md", "templates/library.yaml",
                                                     "templates/refund.txt"}
    assert {"path": "templates/library.yaml", "item": "promo", "rule": "caps", "excerpt": "СЕГОДНЯ",
            "count": 1} in data["findings"]
    entry_lines = [line for line in content.splitlines() if line.lstrip().startswith('{"path"')]
    assert len(entry_lines) == len(data["findings"]) == 6
    assert "СЕГОДНЯ" in content, "readable, not \\u-escaped"
    write(library)
    assert (library / "baseline.json").read_text(encoding="utf-8") == content, "same findings, same bytes"


def test_only_new_findings_are_reported_and_fail_even_after_lines_move(library: Path) -> None:
    write(library)
    refund = library / "templates" / "refund.txt"
    # Three lines added above the old finding (which moves down), and one new finding.
    refund.write_text(REFUND_RU.replace("Здравствуйте, Ольга!\n", "Здравствуйте, Ольга!\n\nСпасибо за ожидание.\n\n"
                                        "Курьер приедет ЗАВТРА.\n"), encoding="utf-8")
    code, found, _ = new_findings(library)
    assert (code, found) == (1, [("refund.txt", None, "caps", "ЗАВТРА")])


def test_identical_findings_are_counted_so_a_second_one_is_new(library: Path) -> None:
    write(library)
    delay = library / "templates" / "delay.md"
    delay.write_text(DELAY_UK.replace("заздалегідь.", "заздалегідь!!!"), encoding="utf-8")
    code, found, _ = new_findings(library, "--fail-on", "warning")
    assert (code, found) == (1, [("delay.md", None, "exclamation", "!!!")])


def test_items_of_a_collection_are_told_apart(library: Path) -> None:
    write(library)
    collection = library / "templates" / "library.yaml"
    # The same CAPS word moves from one item to the other: new in "thanks", gone from "promo".
    collection.write_text(LIBRARY.replace("Акция СЕГОДНЯ", "Акция сегодня")
                          .replace("Дякуємо за відгук!", "Дякуємо за відгук! Знижка СЕГОДНЯ."), encoding="utf-8")
    code, found, note = new_findings(library)
    assert (code, found) == (1, [("library.yaml", "thanks", "caps", "СЕГОДНЯ")])
    assert "1 finding(s) recorded in baseline.json no longer occur" in note


def test_the_baseline_works_from_another_working_folder(library: Path) -> None:
    write(library)
    elsewhere = library / "templates"
    result = run("check", ".", *RULES, "--baseline", "../baseline.json", cwd=elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_baseline_inside_the_checked_folder_is_not_read_as_a_template(library: Path) -> None:
    result = run("check", "templates", *RULES, "--write-baseline", "templates/baseline.json", cwd=library)
    assert result.returncode == 0, result.stderr
    result = run("check", "templates", *RULES, "--baseline", "templates/baseline.json", cwd=library)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize(("content", "reason"), [
    (None, "no such baseline file"),
    ("{not json", "invalid JSON"),
    ('{"templates": []}', "not a replylint baseline"),
    ('{"comment": "replylint baseline", "version": 1, "findings": [{"path": "a.txt"}]}', "entry 1 is malformed"),
    ('{"comment": "replylint baseline", "version": 7, "findings": []}', "unsupported baseline version"),
])
def test_a_missing_or_corrupt_baseline_is_one_line_and_exit_2(library: Path, content: str | None,
                                                               reason: str) -> None:
    if content is not None:
        (library / "baseline.json").write_text(content, encoding="utf-8")
    result = run("check", "templates", *RULES, "--baseline", "baseline.json", cwd=library)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and reason in result.stderr, result.stderr
    assert result.stderr.startswith("replylint: error: baseline.json")


def test_writing_never_overwrites_a_file_that_is_not_a_baseline(library: Path) -> None:
    refund = library / "templates" / "refund.txt"
    result = run("check", "templates", *RULES, "--write-baseline", "templates/refund.txt", cwd=library)
    assert result.returncode == 2
    assert "not overwritten" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert refund.read_text(encoding="utf-8") == REFUND_RU


def test_reading_and_writing_a_baseline_at_once_is_refused(library: Path) -> None:
    result = run("check", "templates", "--baseline", "a.json", "--write-baseline", "b.json", cwd=library)
    assert result.returncode == 2 and "exclude each other" in result.stderr
    assert not (library / "b.json").exists()
