"""Suppression comments: `<!-- replylint-disable … -->` in every format, and the ones that suppress nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint import lint
from replylint.document.directives import find_directives
from replylint.engine.runner import analyse

from clikit import run

# The rules these tests watch; others (spelling, call-to-action …) would only add noise.
WATCHED = ["greeting", "farewell", "caps", "emoji", "exclamation", "unused-suppression"]


def found(text: str, **options: object) -> list[tuple[str, str]]:
    """(rule, excerpt) of each finding, in order."""
    options.setdefault("select", WATCHED)
    return [(finding.rule, text[finding.start : finding.end]) for finding in lint(text, **options)]


# --- ranges -------------------------------------------------------------------------------------

RU_RANGE = """Здравствуйте, Ольга!

<!-- replylint-disable caps -->
Акция «Чёрная пятница» — СКИДКА 30% на всё до воскресенья.
<!-- replylint-enable caps -->
Заказ УЖЕ передан в доставку.

С уважением, Анна
"""


def test_a_disabled_range_drops_the_rules_findings_inside_it_only() -> None:
    assert found(RU_RANGE) == [("caps", "УЖЕ")]


def test_a_range_left_open_runs_to_the_end_of_the_draft() -> None:
    text = RU_RANGE.replace("<!-- replylint-enable caps -->\n", "")
    assert found(text) == []


def test_other_rules_still_report_inside_a_disabled_range_uk() -> None:
    text = """Добрий день, Ганно!

<!-- replylint-disable caps -->
Акція діє до НЕДІЛІ!!! Поспішайте :)

З повагою, Марія
"""
    assert sorted(found(text)) == [("emoji", ":)"), ("exclamation", "!!!")]


def test_a_blanket_disable_drops_every_rule_until_enable() -> None:
    text = """<!-- replylint-disable -->
ВНИМАНИЕ!!! Шаблон для внутренней рассылки :)
<!-- replylint-enable -->
Здравствуйте! Ваш ЗАКАЗ готов.
С уважением, Анна"""
    assert found(text) == [("caps", "ЗАКАЗ")]


def test_enabling_one_rule_inside_a_blanket_disable_brings_back_only_that_rule() -> None:
    text = """<!-- replylint-disable -->
Здравствуйте! Акция до НЕДЕЛИ!!!
<!-- replylint-enable caps -->
Заказ УЖЕ отправлен!!!
С уважением, Анна"""
    assert found(text) == [("caps", "УЖЕ")]


def test_several_rules_in_one_comment_commas_or_spaces() -> None:
    text = "<!-- replylint-disable caps,emoji exclamation -->\nЗдравствуйте! СРОЧНО!!! :)\nС уважением, Анна"
    assert found(text) == []


# --- next line ----------------------------------------------------------------------------------

def test_disable_next_line_covers_the_next_line_with_text_only() -> None:
    text = """Здравствуйте, Ольга!
<!-- replylint-disable-next-line caps -->

Промокод ЛЕТО действует до пятницы.
Заказ УЖЕ отправлен.
С уважением, Анна"""
    assert found(text) == [("caps", "УЖЕ")]


def test_stacked_next_line_comments_cover_the_same_line_uk() -> None:
    text = """Добрий день!
<!-- replylint-disable-next-line caps -->
<!-- replylint-disable-next-line exclamation -->
Промокод ЛІТО діє до п'ятниці!!!
Замовлення СЬОГОДНІ відправлено.
З повагою, Марія"""
    assert found(text) == [("caps", "СЬОГОДНІ")]


# --- the comments are invisible to the rules ----------------------------------------------------

def test_a_leading_comment_does_not_hide_the_greeting_nor_a_trailing_one_the_farewell() -> None:
    text = ("<!-- replylint-disable caps -->\nЗдравствуйте!\nЗаказ УЖЕ отправлен.\nС уважением, Анна\n"
            "<!-- replylint-enable -->\n")
    assert found(text) == []
    uk = ("<!-- replylint-disable caps -->\nДобрий день!\nЗамовлення СЬОГОДНІ відправлено.\nЗ повагою, Марія\n"
          "<!-- replylint-enable -->")
    assert found(uk) == []


def test_the_comment_text_gives_no_finding_of_any_rule() -> None:
    text = ("<!-- replylint-disable-next-line caps -->\nЗдравствуйте! Заказ ОТПРАВЛЕН.\n"
            "С уважением, Анна\n<!-- replylint-disable spelling,jargon -->")
    directive_spans = [(d.start, d.end) for d in find_directives(text)]
    for finding in lint(text):  # every rule, not only the watched ones
        inside = any(start <= finding.start < end for start, end in directive_spans)
        assert not inside or finding.rule == "unused-suppression", finding


def test_the_document_keeps_offsets_and_sees_blank_lines_where_comments_were() -> None:
    text = "<!-- replylint-disable caps -->\r\nЗдравствуйте!\r\nЗаказ УЖЕ отправлен."
    document = analyse(text, "ru")
    assert document.opening is not None and document.opening.text == "Здравствуйте!"
    assert "replylint" not in document.text and len(document.text) == len(text.replace("\r\n", "\n"))
    assert [d.kind for d in document.directives] == ["disable"]


def test_offsets_of_findings_index_the_text_as_read_with_crlf_and_nbsp() -> None:
    text = ("<!--\u00a0replylint-disable-next-line caps -->\r\nЗдравствуйте!\u00a0СРОЧНО\r\n"
            "Заказ УЖЕ отправлен.\r\nС уважением, Анна")
    assert found(text) == [("caps", "УЖЕ")]


# --- suppressions that suppress nothing ---------------------------------------------------------

def test_a_suppression_that_drops_nothing_is_reported_at_the_rule_name() -> None:
    text = "<!-- replylint-disable caps, emoji -->\nЗдравствуйте! Заказ УЖЕ отправлен.\nС уважением, Анна"
    findings = [f for f in lint(text, select=WATCHED)]
    assert [(f.rule, text[f.start : f.end]) for f in findings] == [("unused-suppression", "emoji")]
    assert findings[0].severity.label == "info"
    assert "emoji" in findings[0].message and findings[0].message != lint(text, select=WATCHED, lang="uk")[0].message


def test_an_unused_blanket_disable_is_reported_and_cannot_hide_its_own_report() -> None:
    text = "<!-- replylint-disable -->\nДобрий день! Замовлення відправлено.\nЗ повагою, Марія"
    assert found(text) == [("unused-suppression", "<!-- replylint-disable -->")]


def test_a_next_line_comment_with_nothing_below_is_unused() -> None:
    text = "Здравствуйте! Заказ отправлен.\nС уважением, Анна\n<!-- replylint-disable-next-line caps -->\n"
    assert found(text) == [("unused-suppression", "caps")]


def test_a_repeated_disable_is_redundant_and_reported() -> None:
    text = ("<!-- replylint-disable caps -->\nЗдравствуйте! СРОЧНО.\n<!-- replylint-disable caps -->\n"
            "Заказ УЖЕ отправлен.\nС уважением, Анна")
    assert found(text) == [("unused-suppression", "caps")]
    assert lint(text, select=WATCHED)[0].start == text.rindex("caps")


def test_rules_that_did_not_run_are_not_reported_as_unused() -> None:
    text = "<!-- replylint-disable caps emoji -->\nЗдравствуйте! Заказ отправлен.\nС уважением, Анна"
    assert found(text, first_contact=False) == [], "caps and emoji are first-contact rules: they did not run"
    assert found(text, select=["greeting", "unused-suppression"]) == []
    assert found(text, select=["caps", "emoji"]) == [], "unused-suppression itself not selected"


def test_an_explicit_disable_of_unused_suppression_silences_the_report() -> None:
    text = ("<!-- replylint-disable unused-suppression -->\n<!-- replylint-disable caps -->\n"
            "Здравствуйте! Заказ отправлен.\nС уважением, Анна")
    assert found(text) == []


def test_an_unknown_rule_id_and_a_misspelt_comment_are_reported_not_shown_to_rules() -> None:
    text = ("<!-- replylint-disable kaps -->\n<!-- replylint-disabel caps -->\n"
            "Здравствуйте! Заказ отправлен.\nС уважением, Анна")
    findings = lint(text, select=WATCHED)
    assert [(f.rule, text[f.start : f.end]) for f in findings] == [
        ("unused-suppression", "kaps"), ("unused-suppression", "<!-- replylint-disabel caps -->")]
    assert "Неизвестное правило «kaps»" in findings[0].message
    assert "replylint-disabel" in findings[1].message


def test_plain_comments_that_are_not_replylint_ones_are_left_as_text() -> None:
    text = "<!-- внутренняя пометка: ВАЖНО -->\nЗдравствуйте! Заказ отправлен.\nС уважением, Анна"
    assert ("caps", "ВАЖНО") in found(text)


# --- every input format -------------------------------------------------------------------------

LIBRARY_YAML = """templates:
  - id: promo
    lang: ru
    text: |
      Здравствуйте!
      <!-- replylint-disable-next-line caps -->
      Промокод ЛЕТО действует до пятницы.
      Заказ УЖЕ отправлен.
      С уважением, Анна
  - id: ignored
    lang: uk
    ignore: [caps]
    text: |
      Добрий день!
      Замовлення СЬОГОДНІ відправлено.
      З повагою, Марія
"""

MACROS_JSON = {"macros": [{"id": "m1", "title": "promo", "text":
                           "Здравствуйте!\n<!-- replylint-disable caps -->\nПромокод ЛЕТО до пятницы.\n"
                           "<!-- replylint-enable -->\nЗаказ УЖЕ отправлен.\nС уважением, Анна"}]}

HTML = """<html><body>
<p>Здравствуйте!</p>
<!-- replylint-disable-next-line caps -->
<p>Промокод <b>ЛЕТО</b> действует до пятницы.</p>
<p>Заказ УЖЕ отправлен.</p>
<p>С уважением, Анна</p>
</body></html>
"""

MARKDOWN = """---
lang: ru
---
<!-- replylint-disable caps -->
Здравствуйте!

Промокод **ЛЕТО** действует до пятницы.
<!-- replylint-enable caps -->
Заказ УЖЕ отправлен.

С уважением, Анна
"""

TXT = "<!-- replylint-disable-next-line caps -->\nПромокод ЛЕТО действует до пятницы.\nЗаказ УЖЕ отправлен.\n"


def _caps_in(folder: Path) -> list[tuple[str, str | None, str, int]]:
    result = run("check", str(folder), "--select", "caps,unused-suppression", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return sorted((Path(file["path"]).name, file["item"], finding["excerpt"], finding["line"])
                  for file in report["files"] for finding in file["findings"])


def test_suppressions_work_in_every_format_that_carries_the_text(tmp_path: Path) -> None:
    (tmp_path / "library.yaml").write_text(LIBRARY_YAML, encoding="utf-8")
    (tmp_path / "macros.json").write_text(json.dumps(MACROS_JSON, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "promo.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "promo.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "promo.txt").write_text(TXT, encoding="utf-8")
    assert _caps_in(tmp_path) == [
        ("library.yaml", "promo", "УЖЕ", 8),  # the per-item `ignore: [caps]` drops СЬОГОДНІ of "ignored"
        ("macros.json", "m1", "УЖЕ", 1),
        ("promo.html", None, "УЖЕ", 5),
        ("promo.md", None, "УЖЕ", 9),
        ("promo.txt", None, "УЖЕ", 3),
    ]


@pytest.mark.parametrize("rule_list", ["caps", "caps, emoji"])
def test_the_collection_ignore_key_is_applied_end_to_end(tmp_path: Path, rule_list: str) -> None:
    (tmp_path / "library.yaml").write_text(
        "templates:\n  - id: shout\n    lang: ru\n    ignore: [" + rule_list + "]\n"
        "    text: 'Здравствуйте! Заказ УЖЕ отправлен :)'\n"
        "  - id: plain\n    lang: ru\n    text: 'Здравствуйте! Заказ УЖЕ отправлен :)'\n", encoding="utf-8")
    result = run("check", str(tmp_path), "--select", "caps,emoji", "--format", "json")
    report = json.loads(result.stdout)
    by_item = {file["item"]: sorted(f["rule"] for f in file["findings"]) for file in report["files"]}
    assert by_item["plain"] == ["caps", "emoji"]
    assert by_item["shout"] == sorted({"caps", "emoji"} - {rule.strip() for rule in rule_list.split(",")})


def test_next_line_covers_text_folded_onto_the_comments_line(tmp_path: Path) -> None:
    (tmp_path / "folded.yaml").write_text(
        "templates:\n  - id: promo\n    lang: ru\n    text: >\n      Здравствуйте!\n\n"
        "      <!-- replylint-disable-next-line caps -->\n      Промокод ЛЕТО до пятницы.\n\n"
        "      Заказ УЖЕ отправлен.\n", encoding="utf-8")
    assert _caps_in(tmp_path) == [("folded.yaml", "promo", "УЖЕ", 10)]
