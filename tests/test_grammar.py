"""grammar: the offline checks on the project's own fixtures (tests/data/grammar.yaml), and
LanguageTool's matches through the real CLI against a fake server on 127.0.0.1."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from replylint import lint
from replylint.engine.grammar_stage import GrammarStage
from replylint.engine.runner import analyse, lint_document, lint_draft
from replylint.engine.settings import Settings
from replylint.integrations.languagetool import GrammarMatch
from replylint.rulekit.catalog import catalog
from replylint.sources.draft import Draft

from clikit import run
from fake_languagetool import FakeLanguageTool
from lintkit import DATA

pytest_plugins = ["fixtures_languagetool"]

FIXTURES = yaml.safe_load((DATA / "grammar.yaml").read_text(encoding="utf-8"))


def offline(text: str, lang: str) -> list[tuple[str, str | None, str]]:
    """(excerpt, suggestion, check code) of every offline grammar finding."""
    return [(text[f.start:f.end], f.suggestion, f.data["code"]) for f in lint(text, lang=lang) if f.rule == "grammar"]


FLAG = [pytest.param(group["code"], group["lang"], case, id=f"{group['code']}-{group['lang']}-{n}")
        for group in FIXTURES for n, case in enumerate(group["flag"])]
PASS = [pytest.param(group["code"], group["lang"], text, id=f"{group['code']}-{group['lang']}-{n}")
        for group in FIXTURES for n, text in enumerate(group["pass"])]


@pytest.mark.parametrize(("code", "lang", "case"), FLAG)
def test_each_check_flags_its_errors_with_the_fix(code: str, lang: str, case: dict[str, str]) -> None:
    assert offline(case["text"], lang) == [(case["word"], case["fix"], code)]


@pytest.mark.parametrize(("code", "lang", "text"), PASS)
def test_each_check_leaves_correct_text_alone(code: str, lang: str, text: str) -> None:
    assert offline(text, lang) == []


def test_every_check_of_both_languages_has_fixtures_and_a_catalog_message() -> None:
    from replylint.mechanisms.grammar import check_codes

    spec = catalog()["grammar"]
    covered = {(group["code"], group["lang"]) for group in FIXTURES if group["flag"] and group["pass"]}
    explained = {(example.check, example.lang) for example in spec.examples}
    for lang in ("ru", "uk"):
        for code in check_codes(lang):
            assert (code, lang) in covered, (code, lang)
            assert (code, lang) in explained, (code, lang)  # `replylint explain grammar` shows it
            assert set(spec.messages[code]) == {"en", "ru", "uk"}, code


def test_the_finding_names_its_check_and_offers_a_safe_fix_only_where_certain() -> None:
    text = "Здравствуйте! Вообщем, деньги вернутся в течении 3 дней. Откройте профиль и выберете карту."
    found = {text[f.start:f.end]: f for f in lint(text) if f.rule == "grammar"}
    assert set(found) == {"Вообщем", "в течении", "выберете"}
    merged = found["Вообщем"].fix
    assert merged is not None and merged.safe and merged.replacement == "В общем"
    guess = found["выберете"].fix  # right in most sentences, not all: applied only with --unsafe-fixes
    assert guess is not None and not guess.safe and found["выберете"].suggestion == "выберите"
    assert "[imperative]" in found["выберете"].message and "выберите" in found["выберете"].message
    english = lint_draft(Draft("<t>", text), Settings(message_lang="en", lang="ru")).findings
    assert any("is the future" in f.message and f.message.endswith("[imperative]") for f in english)


def test_fix_applies_only_the_certain_grammar_fixes(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Здравствуйте! Вообщем, откройте профиль и выберете карту.\n\nС уважением,\nОльга\n",
                     encoding="utf-8")
    run("check", str(draft), "--fix")
    fixed = draft.read_text(encoding="utf-8")
    assert "В общем, откройте профиль и выберете карту." in fixed  # the imperative is left to a person
    run("check", str(draft), "--fix", "--unsafe-fixes")
    assert "В общем, откройте профиль и выберите карту." in draft.read_text(encoding="utf-8")


def test_quoted_history_and_signature_are_not_checked() -> None:
    text = ("Здравствуйте! Заказ отправлен, трек-номер придёт в СМС.\n\nС уважением,\nОльга Вообщем\n\n"
            "> Вообщем, когда придёт заказ? Выберете сами и нажмите «Отправить».\n")
    assert offline(text, "ru") == []


def test_spelling_leaves_merged_words_to_grammar() -> None:
    text = "Здравствуйте! Вообщем, я незнаю, когда придёт посылка."
    rules = {(text[f.start:f.end], f.rule) for f in lint(text)}
    assert ("Вообщем", "grammar") in rules and ("незнаю", "grammar") in rules
    assert not {word for word, rule in rules if rule == "spelling"}

# "перечисленны" and uk "пятницю" are in pymorphy3's dictionaries, so only LanguageTool catches them.
DRAFT = ("Здравствуйте! 😊 Деньги будут перечисленны на карту {{client.name}} завтра.\n\n"
         "С уважением,\nАнна Петрова\n+7 (999) 123-45-67\nanna.petrova@shop-example.ru\n\n"
         "> Иван Сидоров <ivan.sidorov@mail-example.ru> написал:\n> Где мои деньги, ашибка какая-то?\n")
CLIENT = "Здравствуйте, у меня ашибка в заказе, телефон 89161234567."


@pytest.fixture
def fake(fake_lt: FakeLanguageTool) -> FakeLanguageTool:
    fake_lt.misspellings.update({"перечисленны": ["перечислены"], "пятницю": ["п'ятницю"], "Извените": ["Извините"]})
    return fake_lt


def check(tmp_path: Path, url: str, *args: str, text: str = DRAFT, cache: str = "cache"):  # type: ignore[no-untyped-def]
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    return run("check", str(draft), "--format", "json", "--languagetool", url,
               "--cache-dir", str(tmp_path / cache), *args, env={"NO_PROXY": "127.0.0.1"})


def findings(completed) -> list[dict]:  # type: ignore[no-untyped-def]
    return json.loads(completed.stdout)["files"][0]["findings"]


def test_matches_become_findings_at_exact_offsets_after_an_emoji(tmp_path: Path, fake: FakeLanguageTool) -> None:
    completed = check(tmp_path, fake.url)
    [found] = [f for f in findings(completed) if f["rule"] == "grammar"]
    start = DRAFT.index("перечисленны")
    assert (found["start"], found["end"], found["excerpt"]) == (start, start + len("перечисленны"), "перечисленны")
    assert found["suggestion"] == "перечислены" and found["severity"] == "warning"
    assert completed.stderr == ""


def test_only_the_reply_is_sent_with_private_data_masked(tmp_path: Path, fake: FakeLanguageTool) -> None:
    client = tmp_path / "client.txt"
    client.write_text(CLIENT, encoding="utf-8")
    check(tmp_path, fake.url, "--client", str(client))
    [sent] = list(fake.sent_texts())
    assert "Деньги будут перечисленны" in sent and "С уважением" in sent
    for private in ("{{client.name}}", "client.name", "123-45-67", "anna.petrova", "shop-example",
                    "Иван Сидоров", "ivan.sidorov", "ашибка", "Где мои деньги", "89161234567"):
        assert private not in sent, private
    assert len(sent) <= DRAFT.index(">")  # the quoted history is not even sent as blanks


def test_a_second_run_over_unchanged_drafts_sends_nothing(tmp_path: Path, fake: FakeLanguageTool) -> None:
    first = check(tmp_path, fake.url)
    asked = len(fake.requests)
    second = check(tmp_path, fake.url)
    assert asked >= 1 and len(fake.requests) == asked
    assert findings(first) == findings(second)


@pytest.mark.parametrize("failure", ["down", "slow", "garbage"])
def test_a_failing_server_warns_once_and_changes_nothing_else(tmp_path: Path, fake: FakeLanguageTool,
                                                              closed_port_url: str, failure: str) -> None:
    url = closed_port_url if failure == "down" else fake.url
    if failure == "slow":
        fake.delay["check"] = 5
    if failure == "garbage":
        fake.failure["check"] = "html"
    (tmp_path / "drafts").mkdir()
    for name in ("a", "b"):  # two drafts: still one warning
        (tmp_path / "drafts" / f"{name}.txt").write_text(DRAFT, encoding="utf-8")
    args = ("check", str(tmp_path / "drafts"), "--format", "json")
    offline = run(*args)
    broken = run(*args, "--languagetool", url, "--languagetool-timeout", "1", "--cache-dir", str(tmp_path / "c"),
                 env={"NO_PROXY": "127.0.0.1"})
    assert broken.returncode == offline.returncode == 1  # the other rules' errors, as without LanguageTool
    assert broken.stdout == offline.stdout
    [line] = broken.stderr.splitlines()
    assert line.startswith("replylint: warning: grammar not checked:") and "Traceback" not in broken.stderr


def test_environment_variable_configures_the_cli_but_not_the_library(tmp_path: Path, fake: FakeLanguageTool,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    completed = run("check", str(draft), "--format", "json", "--cache-dir", str(tmp_path / "c"),
                    env={"REPLYLINT_LANGUAGETOOL_URL": fake.url, "NO_PROXY": "127.0.0.1"})
    assert [f["rule"] for f in findings(completed)].count("grammar") == 1
    monkeypatch.setenv("REPLYLINT_LANGUAGETOOL_URL", fake.url)
    asked = len(fake.requests)
    assert "grammar" not in {f.rule for f in lint(DRAFT)}
    assert len(fake.requests) == asked  # lint() stays offline


def test_help_mentions_languagetool_and_default_off() -> None:
    completed = run("check", "--help")
    assert "--languagetool" in completed.stdout and "Off by default" in completed.stdout


def test_catalog_examples_against_the_fake(fake: FakeLanguageTool, tmp_path: Path) -> None:
    stage = GrammarStage(fake.url, cache_dir=tmp_path / "c")
    for example in catalog()["grammar"].examples:
        for text, expected in ((example.bad, True), (example.good, False)):
            result = lint_draft(Draft("<t>", text), Settings(lang=example.lang), grammar=stage)
            assert ("grammar" in {f.rule for f in result.findings}) is expected, text
    assert not stage.failed


# -- de-duplication: the rule itself is pure, so it is tested with matches made by hand ----------------

def _grammar_hits(text: str, matches: list[GrammarMatch]) -> list[str]:
    document = analyse(text, "ru")
    # Through the engine: the rule reads the hits of the spelling and typography rules that ran before it.
    findings = lint_document(document, Settings(), grammar=tuple(matches))
    return [text[finding.start:finding.end] for finding in findings if finding.rule == "grammar"]


def _match(text: str, fragment: str, category: str, rule_id: str, issue_type: str = "other") -> GrammarMatch:
    start = text.index(fragment)
    return GrammarMatch(start, start + len(fragment), "msg", (), rule_id, category, issue_type)


def test_duplicates_of_replylints_own_findings_are_dropped() -> None:
    text = "Здравствуйте! Извените, Хабибуллина, деньги будут перечисленны завтра.... Напишем позже ,спасибо."
    matches = [
        _match(text, "Извените", "TYPOS", "MORFOLOGIK_RULE_RU_RU", "misspelling"),  # spelling flags it too
        _match(text, "Хабибуллина", "TYPOS", "MORFOLOGIK_RULE_RU_RU", "misspelling"),  # a name spelling skips
        _match(text, "перечисленны", "TYPOS", "MORFOLOGIK_RULE_RU_RU", "misspelling"),  # only LanguageTool knows
        _match(text, "....", "PUNCTUATION", "DOUBLE_PUNCTUATION"),  # punctuation-run flags it
        _match(text, " ,", "PUNCTUATION", "COMMA_PARENTHESIS_WHITESPACE"),  # nobody else does
    ]
    assert _grammar_hits(text, matches) == ["перечисленны", " ,"]


def test_our_own_findings_are_not_repeated_from_languagetool() -> None:
    text = "Здравствуйте! Деньги вернутся в течении 5 дней, перечисленны на карту."
    matches = [_match(text, "в течении", "GRAMMAR", "V_TECHENIE"), _match(text, "течении", "GRAMMAR", "OTHER"),
               _match(text, "перечисленны", "TYPOS", "MORFOLOGIK_RULE_RU_RU", "misspelling")]
    assert _grammar_hits(text, matches) == ["в течении", "перечисленны"]  # ours first, then LanguageTool's


def test_without_languagetool_only_the_offline_checks_report() -> None:
    assert "grammar" not in {f.rule for f in lint("Здравствуйте! Деньги будут перечисленны завтра.")}


@pytest.mark.skipif(not os.environ.get("REPLYLINT_LANGUAGETOOL_URL"), reason="set REPLYLINT_LANGUAGETOOL_URL")
def test_real_server_end_to_end(tmp_path: Path) -> None:
    text = "Здравствуйте! Мы получили ваше письмо, и ответим вам в течении дня.\n\nС уважением,\nАнна\n"
    completed = check(tmp_path, os.environ["REPLYLINT_LANGUAGETOOL_URL"], text=text)
    assert completed.stderr == ""
    for found in findings(completed):
        assert text[found["start"]:found["end"]] == found["excerpt"]


def test_quiet_on_the_projects_other_labelled_drafts() -> None:
    """720 drafts and client messages written for the other rules' labelled sets: correct
    Russian and Ukrainian business text, where no offline check may fire."""
    texts = []
    for name in ("spelling.yaml", "call_to_action.yaml", "questions.yaml"):
        for item in yaml.safe_load((DATA / name).read_text(encoding="utf-8")):
            lang = item.get("lang") if item.get("lang") in ("ru", "uk") else "auto"
            texts += [(item[key], lang) for key in ("text", "reply", "draft", "client")
                      if isinstance(item.get(key), str)]
    assert len(texts) >= 700
    found = [(text[f.start:f.end], f.data["code"]) for text, lang in texts for f in lint(text, lang=lang)
             if f.rule == "grammar"]
    assert found == []
