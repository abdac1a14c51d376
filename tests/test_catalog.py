"""The rule catalog is the public contract: every rule declared once, implemented, documented."""

import re
import tomllib
from typing import NamedTuple

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
    # A concept whose parts sit in several layers names them all.
    result = run("explain", "unused-suppression")
    assert "Also:    replylint/document/directives.py, replylint/engine/suppression.py" in result.stdout


# -- no silent fallback: what the code and the catalog rely on in each other is checked --------------

def test_every_message_key_the_code_can_ask_for_is_in_the_catalog() -> None:
    """Keys made from data (a grammar check's code, a question's kind, a language) have a message:
    a missing one would be an error at the first draft that needs it."""
    from replylint.document.language import LANGUAGES
    from replylint.mechanisms.grammar import check_codes
    from replylint.mechanisms.questions import KINDS

    specs = catalog()
    assert {code for lang in LANGUAGES for code in check_codes(lang)} <= set(specs["grammar"].messages)
    assert set(KINDS) <= set(specs["unanswered-question"].messages)
    assert {"price", "delivery", "payment"} <= set(specs["anticipate"].messages)
    assert {f"client-{lang}" for lang in LANGUAGES} <= set(specs["language-mismatch"].messages)


def test_a_missing_message_or_field_is_an_error_not_a_raw_template() -> None:
    import pytest

    from replylint.rulekit.catalog import CatalogError

    spec = catalog()["long-sentence"]
    assert spec.message("default", "en", {"words": 30, "max": 25}).startswith("Words in this sentence: 30")
    with pytest.raises(CatalogError, match="no message 'nope'"):
        spec.message("nope", "en", {})
    with pytest.raises(CatalogError, match="needs 'max'"):
        spec.message("default", "en", {"words": 30})


def test_a_broken_catalog_entry_fails_when_the_catalog_loads() -> None:
    import dataclasses

    import pytest

    from replylint.rulekit.catalog import CatalogError, _check

    spec = catalog()["long-sentence"]
    no_english = {key: {lang: text for lang, text in texts.items() if lang != "en"}
                  for key, texts in spec.messages.items()}
    for broken, why in (
        (dataclasses.replace(spec, messages=no_english), "lacks en"),
        (dataclasses.replace(spec, messages={"default": {**spec.messages["default"], "en": "{words} only"}}),
         "different"),
        (dataclasses.replace(spec, messages={"other": spec.messages["default"]}), "no \\[messages.default\\]"),
        (dataclasses.replace(spec, sources=("999",)), "guides"),
        (dataclasses.replace(catalog()["slang"], languages=("ru", "uk", "by")), "languages"),
        (dataclasses.replace(spec, also=("replylint/engine/nowhere.py",)), "no module"),
    ):
        with pytest.raises(CatalogError, match=why):
            _check(broken, "rules/catalog/x.toml")


def test_option_defaults_live_in_the_catalog_and_the_code_reads_exactly_those() -> None:
    """Each rule's options class has no defaults of its own; the rules do not load when a catalog
    default is missing or is one the code does not read."""

    import pytest

    from replylint.engine.rules import _check
    from replylint.rulekit.catalog import CatalogError

    rules = implementations()
    for rule_id, rule in rules.items():
        assert not rule.options._field_defaults, rule_id
        assert set(rule.options._fields) == {name.replace("-", "_") for name in catalog()[rule_id].options}

    class Wider(NamedTuple):
        max_words: int
        max_commas: int

    wider = {**rules, "long-sentence": rules["long-sentence"]._replace(options=Wider)}
    with pytest.raises(CatalogError, match="max_commas"):
        _check(wider)
    with pytest.raises(CatalogError, match="has no rules/catalog"):
        _check({**rules, "no-such-rule": rules["caps"]})
