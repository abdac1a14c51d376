"""The rule catalog is the public contract: every rule declared once, implemented, documented."""

import re
import tomllib

from replylint.data import rules_dir
from replylint.engine.rules import implementations
from replylint.rulekit.catalog import MESSAGE_LANGUAGES, catalog, guides

from lintkit import rules as found_rules

DESIGN_IDS = {
    "greeting", "informal-greeting", "farewell", "call-to-action", "introduce-yourself", "greeting-only",
    "too-short", "ty-form", "vy-consistency", "diminutive", "name-diminutive", "name-mismatch", "patronymic",
    "slang", "jargon", "bureaucratese", "long-sentence", "blame", "demanding", "emotional", "bot-phrase",
    "redirect-to-site", "kitchen", "vague-promise", "over-apology", "over-thanks", "caps", "emoji",
    "exclamation", "punctuation-run", "unanswered-question", "anticipate", "language-mismatch",
    "long-paragraph", "list-questions", "spelling", "grammar", "send-time", "subject-changed",
    "unused-suppression",  # not in DESIGN.md's table: suppression comments that suppress nothing (as Ruff's RUF100)
}


def test_every_declared_rule_is_implemented_and_the_reverse() -> None:
    assert set(catalog()) == set(implementations())


def test_ids_come_from_the_design_catalog() -> None:
    assert set(catalog()) <= DESIGN_IDS


def test_each_rule_is_declared_in_its_own_file_named_by_its_id() -> None:
    for path in (rules_dir() / "catalog").glob("*.toml"):
        assert tomllib.loads(path.read_text(encoding="utf-8"))["id"] == path.stem


def test_every_rule_has_texts_in_three_languages_sources_and_examples() -> None:
    for spec in catalog().values():
        for texts in (spec.summary, spec.rationale, *spec.messages.values()):
            assert set(MESSAGE_LANGUAGES) <= set(texts), spec.id
        assert "default" in spec.messages, spec.id
        assert spec.sources and set(spec.sources) <= set(guides()), spec.id
        assert {example.lang for example in spec.examples} >= {"ru", "uk"}, spec.id


def test_message_placeholders_are_the_same_in_every_language() -> None:
    for spec in catalog().values():
        for key, texts in spec.messages.items():
            fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in texts.items()}
            assert len({frozenset(value) for value in fields.values()}) == 1, (spec.id, key, fields)


# Rules that need a server: their examples are checked against a fake one in their own tests.
NEEDS_SERVER: set[str] = set()  # grammar runs offline: its examples are checked here too


def test_bad_examples_trigger_their_rule_and_good_ones_do_not() -> None:
    for spec in catalog().values():
        if spec.id in NEEDS_SERVER:
            continue
        for example in spec.examples:
            assert spec.id in found_rules(example.bad, lang=example.lang, client=example.client,
                                          send_at=example.bad_send_at), (spec.id, example.bad)
            assert spec.id not in found_rules(example.good, lang=example.lang, client=example.client,
                                              send_at=example.good_send_at), (spec.id, example.good)


def test_a_rule_code_is_in_the_checks_module_its_catalog_entry_names() -> None:
    """From an id to its code without guessing: checks/<id>.py, or checks/<family>.py (a data-only
    lexicon rule: checks/wording.py, its data in rules/<lang>/<lexicon>.toml)."""
    root = rules_dir().parent
    for rule_id, registered in implementations().items():
        spec = catalog()[rule_id]
        function = registered.check
        assert function.__module__ == f"replylint.checks.{spec.module}", (rule_id, function.__module__)
        assert (root / spec.code_path).is_file(), spec.code_path
        for data in spec.data_paths:
            assert (root / data).is_file(), (rule_id, data)


def test_explain_says_where_a_rule_lives() -> None:
    from clikit import run

    result = run("explain", "ty-form")
    assert "Code:    replylint/checks/ty_form.py" in result.stdout
    result = run("explain", "diminutive")
    assert "replylint/checks/wording.py reports every match of its lexicon" in result.stdout
    assert "Data:    rules/ru/diminutive.toml, rules/uk/diminutive.toml" in result.stdout
