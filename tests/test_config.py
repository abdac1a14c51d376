"""Project configuration: found by walking up, nearest wins, per-file overrides, the command line on
top, and one clear line (exit 2) for every kind of bad config."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import pytest

from replylint import config as config_module
from replylint.config import CliOverrides, ConfigError, ConfigResolver, load_config, starter_config
from replylint.pipeline import CheckOptions, run_check
from replylint.rulekit.finding import Severity

from clikit import run

# A first reply with no farewell (error) and a word in caps (error on first contact).
RU_NO_FAREWELL = "Здравствуйте, Анна!\n\nВаш заказ №48213 УЖЕ отправлен, трек-номер пришлём в СМС завтра.\n"
UK_NO_FAREWELL = "Добрий день, Олено!\n\nВаше замовлення №48213 вже ВІДПРАВЛЕНЕ, трек-номер надішлемо в СМС завтра.\n"
RU_COMPLETE = ("Здравствуйте, Анна!\n\nВаш заказ №48213 отправлен, трек-номер пришлём в СМС завтра.\n\n"
               "С уважением,\nМария, служба поддержки\n")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


CLI_FIELDS = {field.name for field in dataclasses.fields(CliOverrides)}


def check(*paths: Path | str, **options: object) -> tuple[int, dict[str, list[tuple[str, str]]]]:
    """Run `check` in this process; (exit code, file name -> [(rule, severity)])."""
    out = io.StringIO()
    overrides = {name: options.pop(name) for name in list(options) if name in CLI_FIELDS}
    code = run_check(CheckOptions(paths=tuple(str(path) for path in paths), output_format="json", jobs=1,
                                  overrides=CliOverrides(**overrides), **options), out)  # type: ignore[arg-type]
    found: dict[str, list[tuple[str, str]]] = {}
    for entry in json.loads(out.getvalue())["files"]:
        name = Path(entry["path"]).name + (f"[{entry['item']}]" if entry["item"] else "")
        found.setdefault(name, []).extend((finding["rule"], finding["severity"]) for finding in entry["findings"])
    return code, found


def rules_of(found: dict[str, list[tuple[str, str]]], name: str) -> set[str]:
    return {rule for rule, _ in found.get(name, [])}


def test_config_is_found_by_walking_up_from_nested_template_folders(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", 'ignore = ["farewell"]\n')
    draft = write(tmp_path / "templates" / "ru" / "refunds" / "delay.txt", RU_NO_FAREWELL)
    _, found = check(draft)
    assert "farewell" not in rules_of(found, "delay.txt")
    assert "caps" in rules_of(found, "delay.txt")
    _, isolated = check(draft, isolated=True)
    assert "farewell" in rules_of(isolated, "delay.txt")


def test_the_nearest_config_wins_and_nothing_is_merged_from_above(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", 'ignore = ["farewell"]\n')
    write(tmp_path / "templates" / "chat" / ".replylint.toml", '[severity]\ncaps = "info"\n')
    chat = write(tmp_path / "templates" / "chat" / "short.txt", UK_NO_FAREWELL)
    email = write(tmp_path / "templates" / "email" / "long.txt", UK_NO_FAREWELL)
    _, found = check(tmp_path / "templates")
    assert ("caps", "info") in found["short.txt"]
    assert "farewell" in rules_of(found, "short.txt")  # the top config's ignore does not reach here
    assert ("caps", "error") in found["long.txt"] and "farewell" not in rules_of(found, "long.txt")
    assert chat.exists() and email.exists()


def test_dot_replylint_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "shop"\n\n[tool.replylint]\nignore = ["caps"]\n')
    draft = write(tmp_path / "reply.txt", RU_NO_FAREWELL)
    _, found = check(draft)
    assert "caps" not in rules_of(found, "reply.txt") and "farewell" in rules_of(found, "reply.txt")
    write(tmp_path / ".replylint.toml", 'ignore = ["farewell"]\n')
    _, found = check(draft)
    assert "caps" in rules_of(found, "reply.txt") and "farewell" not in rules_of(found, "reply.txt")


def test_a_pyproject_without_our_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.replylint]\nignore = ["farewell"]\n')
    write(tmp_path / "support" / "pyproject.toml", '[project]\nname = "support-macros"\n')
    draft = write(tmp_path / "support" / "reply.txt", RU_NO_FAREWELL)
    _, found = check(draft)
    assert "farewell" not in rules_of(found, "reply.txt")


def test_a_broken_pyproject_that_is_not_ours_does_not_stop_a_check(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project\nname = \n")
    _, found = check(write(tmp_path / "reply.txt", RU_NO_FAREWELL))
    assert "farewell" in rules_of(found, "reply.txt")


@pytest.mark.parametrize("table", [
    '[tool.replylint]\nignore = ["farewell"]\n',
    '[tool."replylint"]\nignore = ["farewell"]\n',
    '[tool.replylint.per-file]\n"*.txt" = { ignore = ["farewell"] }\n',
    '[tool]\nreplylint = { ignore = ["farewell"] }\n',
    'tool.replylint.ignore = ["farewell"]\n',
    '[ tool . replylint ]  # ours\nignore = ["farewell"]\n',
    'tool = { replylint = { ignore = ["farewell"] } }\n',
])
def test_our_table_is_read_however_the_pyproject_writes_it(tmp_path: Path, table: str) -> None:
    # Root keys come first in TOML (after a header they belong to its table).
    write(tmp_path / "pyproject.toml", table + '\n[project]\nname = "shop"\ndependencies = ["replylint"]\n')
    _, found = check(write(tmp_path / "reply.txt", RU_NO_FAREWELL))
    assert "farewell" not in rules_of(found, "reply.txt")


def test_a_pyproject_that_names_us_only_as_a_dependency_is_not_parsed(tmp_path: Path) -> None:
    """Not even when it is broken past the line that names us: it cannot hold our table."""
    write(tmp_path / "pyproject.toml", '[project]\nname = "shop"\ndependencies = ["replylint"]\n'
                                       '[project.scripts]\nreplylint = "replylint.cli:run"\n[tool.ruff\nx = \n')
    _, found = check(write(tmp_path / "reply.txt", RU_NO_FAREWELL))
    assert "farewell" in rules_of(found, "reply.txt")


def test_per_file_overrides_by_glob(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", """
[per-file]
"templates/chat/**" = { first_contact = false, ignore = ["farewell"], channel = "chat" }
"*.md" = { severity = { farewell = "warning" } }
""")
    write(tmp_path / "templates" / "chat" / "ua" / "chat-delay.txt", UK_NO_FAREWELL)
    write(tmp_path / "templates" / "email" / "mail-delay.txt", UK_NO_FAREWELL)
    write(tmp_path / "templates" / "email" / "notes.md", RU_NO_FAREWELL)
    _, found = check(tmp_path / "templates")
    assert not rules_of(found, "chat-delay.txt") & {"caps", "farewell"}  # ongoing conversation, no farewell
    assert {("caps", "error"), ("farewell", "error")} <= set(found["mail-delay.txt"])
    assert ("farewell", "warning") in found["notes.md"]


def test_per_file_channel_reaches_the_rules(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", '[per-file]\n"chat/*" = { channel = "chat" }\n')
    resolver = ConfigResolver()
    chat = resolver.settings_for(str(write(tmp_path / "chat" / "a.txt", RU_COMPLETE)))
    other = resolver.settings_for(str(write(tmp_path / "mail" / "a.txt", RU_COMPLETE)))
    assert chat.channel == "chat" and other.channel is None


def test_collection_items_keep_their_own_first_contact_over_the_config(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", "first_contact = false\n")
    library = write(tmp_path / "macros.yaml", f"""
- id: first
  first_contact: true
  text: |
{_indent(RU_NO_FAREWELL)}
- id: follow-up
  text: |
{_indent(RU_NO_FAREWELL)}
""")
    _, found = check(library)
    assert "caps" in rules_of(found, "macros.yaml[first]")
    assert "caps" not in rules_of(found, "macros.yaml[follow-up]")


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def test_command_line_overrides_config(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", 'first_contact = false\nfail_on = "never"\nselect = ["farewell"]\n')
    draft = write(tmp_path / "reply.txt", RU_NO_FAREWELL)
    code, found = check(draft)
    assert code == 0 and rules_of(found, "reply.txt") == {"farewell"}
    code, found = check(draft, first_contact=True, fail_on="error", select=frozenset({"caps", "farewell"}))
    assert code == 1 and rules_of(found, "reply.txt") == {"caps", "farewell"}


def test_command_line_ignore_adds_to_the_configs(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", 'ignore = ["farewell"]\n')
    _, found = check(write(tmp_path / "reply.txt", RU_NO_FAREWELL), ignore=frozenset({"caps"}))
    assert not rules_of(found, "reply.txt") & {"caps", "farewell"}


def test_rule_options_from_config(tmp_path: Path) -> None:
    text = "Здравствуйте! Заказ уже у курьера, он позвонит за час.\n\nХорошего дня!\nМария\n"
    draft = write(tmp_path / "reply.txt", text)
    _, found = check(draft, select=frozenset({"exclamation"}))
    assert not found.get("reply.txt")  # two «!», within the default limit of three
    write(tmp_path / ".replylint.toml", "[options.exclamation]\nmax-exclamations = 1\n")
    _, found = check(draft, select=frozenset({"exclamation"}))
    assert rules_of(found, "reply.txt") == {"exclamation"}


def test_config_placeholders_are_masked(tmp_path: Path) -> None:
    text = "Здравствуйте, <<ИМЯ_КЛИЕНТА>>!\n\nВаш заказ отправлен, трек-номер пришлём завтра.\n\nС уважением,\nМария\n"
    draft = write(tmp_path / "reply.txt", text)
    _, found = check(draft, select=frozenset({"caps"}))
    assert rules_of(found, "reply.txt") == {"caps"}
    write(tmp_path / ".replylint.toml", "placeholders = ['<<\\w+>>']\n")
    _, found = check(draft, select=frozenset({"caps"}))
    assert not found.get("reply.txt")


def test_lexicons_and_accept_reach_the_settings(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", """
accept = ["Укрпошта"]
[lexicons.bureaucratese.ru]
extend = ["в рамках", { phrase = "в связи с тем что", suggest = "потому что" }]
[lexicons.slang.uk]
replace = ["норм"]
""")
    settings = ConfigResolver().settings_for(str(tmp_path / "reply.txt"))
    assert settings.lexicons["bureaucratese"]["ru"]["extend"][1] == {"phrase": "в связи с тем что",
                                                                     "suggest": "потому что"}
    assert settings.lexicons["slang"]["uk"] == {"replace": ["норм"]}
    assert settings.accepted("uk") == ("Укрпошта",) == settings.accepted("ru")


def test_a_lexicon_override_from_a_file_removes_extends_and_takes_patterns(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", """
[lexicons.jargon.ru]
remove = ["тикет"]
extend = ["{смёржить|замёржить}"]
[lexicons.kitchen.ru]
extend = ["{инвентаризация|ревизия} на склад"]
""")
    draft = write(tmp_path / "reply.txt", "Добрый день! Ваш тикет смёржили, юзер доволен. Сейчас ревизия на складе.\n"
                                         "С уважением, Анна")
    result = run("check", "reply.txt", "--format", "json", "--select", "jargon,kitchen", cwd=tmp_path)
    text = draft.read_text(encoding="utf-8")
    found = [(f["rule"], text[f["start"] : f["end"]]) for entry in json.loads(result.stdout)["files"]
             for f in entry["findings"]]
    assert found == [("jargon", "смёржили"), ("jargon", "юзер"), ("kitchen", "ревизия на складе")]


def test_accept_per_language(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", '[accept]\nru = ["Озон"]\nuk = ["Укрпошта"]\nall = ["Rozetka"]\n')
    settings = ConfigResolver().settings_for(str(tmp_path / "reply.txt"))
    assert set(settings.accepted("ru")) == {"Озон", "Rozetka"}
    assert set(settings.accepted("uk")) == {"Укрпошта", "Rozetka"}


def test_exclude_and_include_are_relative_to_the_config(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", 'exclude = ["templates/archive/"]\ninclude = ["*.txt", "*.tmpl"]\n')
    write(tmp_path / "templates" / "archive" / "old.txt", RU_NO_FAREWELL)
    write(tmp_path / "templates" / "live" / "refund.tmpl", RU_NO_FAREWELL)
    write(tmp_path / "templates" / "live" / "notes.md", RU_NO_FAREWELL)
    _, found = check(tmp_path / "templates")
    assert set(found) == {"refund.tmpl"}
    _, found = check(tmp_path / "templates" / "archive" / "old.txt")  # named explicitly: always checked
    assert set(found) == {"old.txt"}


def test_forced_config_file_applies_everywhere(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", 'ignore = ["farewell"]\n')
    forced = write(tmp_path / "ci" / "strict.toml", '[severity]\nfarewell = "info"\n')
    _, found = check(write(tmp_path / "reply.txt", RU_NO_FAREWELL), config_file=str(forced))
    assert ("farewell", "info") in found["reply.txt"]


def test_stdin_uses_the_config_of_the_current_folder(tmp_path: Path) -> None:
    write(tmp_path / ".replylint.toml", 'ignore = ["farewell"]\n')
    result = run("check", "-", "--format", "json", stdin=RU_NO_FAREWELL, cwd=tmp_path)
    rules = {finding["rule"] for entry in json.loads(result.stdout)["files"] for finding in entry["findings"]}
    assert "caps" in rules and "farewell" not in rules


def test_each_config_file_is_read_once_for_a_large_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".replylint.toml", 'ignore = ["farewell"]\n[per-file]\n"a/**" = { first_contact = false }\n')
    paths = [str(tmp_path / folder / f"{number}.txt") for folder in ("a", "b/c") for number in range(1000)]
    reads: list[Path] = []
    original = config_module._read_table
    monkeypatch.setattr(config_module, "_read_table", lambda path: reads.append(path) or original(path))
    config_module._load_config.cache_clear()
    resolver = ConfigResolver()
    settings = {id(resolver.settings_for(path)) for path in paths}
    assert len(reads) == 1 and len(settings) == 2  # one Settings object per distinct override set


@pytest.mark.parametrize(("text", "expected"), [
    ("ignore = [\"farewell\"\nselect = 1\n", ".replylint.toml:2: invalid TOML"),
    ('ignroe = ["farewell"]\n', ".replylint.toml:1: unknown key 'ignroe'"),
    ('select = ["greetings"]\n', "unknown rule id 'greetings'"),
    ('[severity]\ncaps = "fatal"\n', ".replylint.toml:2: severity of 'caps': unknown severity 'fatal'"),
    ("first_contact = \"no\"\n", "first_contact must be true or false"),
    ("[options.exclamation]\nmax_exclamations = \"three\"\n", "must be int"),
    ("[options.exclamation]\nmax_marks = 2\n", "unknown option 'max_marks' for rule 'exclamation'"),
    ('[per-file]\n"chat/**" = { channle = "chat" }\n', "unknown key 'channle' in per-file 'chat/**'"),
    ("[lexicons.bureaucratise.ru]\nextend = [\"в рамках\"]\n", "unknown lexicon 'bureaucratise'"),
    ("[lexicons.greetings.ru]\nextend = [\"здорово\"]\n", "unknown lexicon 'greetings'"),  # a list, not a lexicon
    ("[lexicons.jargon.ru]\ndrop = [\"тикет\"]\n", ".replylint.toml:2: unknown key 'drop' in lexicons.jargon.ru"),
    ("[lexicons.kitchen.ru]\nextend = [\"в связи с {отпуском|\"]\n", "an unclosed «{» in lexicon pattern"),
    ("placeholders = ['<<(\\w+>>']\n", "invalid regular expression"),
    ('fail_on = "warnings"\n', "fail_on must be one of"),
])
def test_invalid_config_is_one_line_and_exit_2(tmp_path: Path, text: str, expected: str) -> None:
    write(tmp_path / ".replylint.toml", text)
    write(tmp_path / "reply.txt", RU_COMPLETE)
    with pytest.raises(ConfigError, match=None) as error:
        check(tmp_path / "reply.txt")
    assert expected in str(error.value)
    assert str(tmp_path / ".replylint.toml") in str(error.value)


def test_invalid_config_from_the_command_line(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.replylint]\nignore = ["farwell"]\n')
    write(tmp_path / "reply.txt", RU_COMPLETE)
    result = run("check", "reply.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "pyproject.toml:2: unknown rule id 'farwell' in ignore" in result.stderr


def test_missing_forced_config_is_an_error(tmp_path: Path) -> None:
    result = run("check", "reply.txt", "--config", "nope.toml", cwd=tmp_path)
    assert result.returncode == 2 and "nope.toml: cannot read config" in result.stderr


def test_init_writes_a_valid_commented_starter_and_never_overwrites(tmp_path: Path) -> None:
    result = run("init", cwd=tmp_path)
    written = tmp_path / ".replylint.toml"
    assert result.returncode == 0 and written.read_text(encoding="utf-8") == starter_config()
    assert load_config(written).layer.select is None  # all commented out: every default
    written.write_text('ignore = ["caps"]\n', encoding="utf-8")
    refused = run("init", cwd=tmp_path)
    assert refused.returncode == 2 and "already exists" in refused.stderr
    assert written.read_text(encoding="utf-8") == 'ignore = ["caps"]\n'
    assert run("init", "--force", cwd=tmp_path).returncode == 0
    assert written.read_text(encoding="utf-8") == starter_config()


def test_starter_examples_are_valid_when_uncommented(tmp_path: Path) -> None:
    """Every commented example line of the starter, uncommented, is accepted (the docs do not lie)."""
    lines = [line[2:] for line in starter_config().splitlines()
             if re.match(r'# (\[[\w.-]+\]$|[\w"*/.-]+ = )', line) and not line.startswith("# accept = ")]
    write(tmp_path / ".replylint.toml", "\n".join(lines) + "\n")
    loaded = load_config(tmp_path / ".replylint.toml")
    assert loaded.layer.severities == {"caps": Severity.WARNING}
    assert len(loaded.per_file) == 2



def test_accept_reaches_the_spelling_rule_per_language(tmp_path: Path) -> None:
    from clikit import run

    draft = tmp_path / "reply.txt"
    draft.write_text("Здравствуйте! Заказ отправлн сегодня.\nС уважением, Ольга\n", encoding="utf-8")

    def spelling_findings() -> int:
        report = json.loads(run("check", str(draft), "--select", "spelling", "--format", "json").stdout)
        return len(report["files"][0]["findings"])

    assert spelling_findings() == 1
    write(tmp_path / ".replylint.toml", '[accept]\nuk = ["отправлн"]\n')
    assert spelling_findings() == 1, "a Ukrainian vocabulary does not excuse a Russian draft"
    write(tmp_path / ".replylint.toml", 'accept = ["отправлн"]\n')
    assert spelling_findings() == 0


@pytest.mark.parametrize(("table", "why"), [
    ('[options.vy-consistency]\nstyle = "weird"\n', "style must be one of any, lower, upper"),
    ('[options.send-time]\nworking_hours = "9-18"\n', 'working_hours must look like "09:00-18:00"'),
])
def test_an_option_value_the_rule_cannot_use_is_refused_when_the_config_loads(
        tmp_path: Path, table: str, why: str) -> None:
    """Not when (or if) the rule first runs: send-time without --send-at never runs at all."""
    config = write(tmp_path / ".replylint.toml", "# house style\n" + table)
    draft = write(tmp_path / "reply.txt", RU_COMPLETE)
    result = run("check", str(draft))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"replylint: error: {config}:2: ") and why in result.stderr
    assert len(result.stderr.splitlines()) == 1
