"""Fault injection: every input a user can make ends as exit 2 and one line naming the file and the
limit or the bad value, never `internal error` or a hang (issue 16). In-process, so it takes seconds;
bench/fuzz.py runs the longer generated version."""

from __future__ import annotations

import io
import os
import pathlib
import threading
from collections.abc import Callable

import pytest

from replylint.cli import main
from replylint.sources import read

from clikit import ROOT, run

Case = Callable[[pathlib.Path], list[str]]  # writes its inputs under tmp_path, returns the argv
DRAFT = "Здравствуйте, Анна! Заказ отправлен, придёт завтра.\n\nС уважением,\nОльга\n"


def _alias_bomb(indent: str = "") -> list[str]:
    lines = [f'{indent}a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"{indent}a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return lines


def _write(path: pathlib.Path, content: str | bytes) -> pathlib.Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _config(body: str) -> Case:
    def case(tmp: pathlib.Path) -> list[str]:
        _write(tmp / ".replylint.toml", body)
        return ["check", str(_write(tmp / "d.txt", DRAFT))]
    return case


def _file(name: str, content: str | bytes) -> Case:
    return lambda tmp: ["check", str(_write(tmp / name, content))]


def _fifo(option: str | None) -> Case:
    def case(tmp: pathlib.Path) -> list[str]:
        fifo = tmp / "f.fifo"
        os.mkfifo(fifo)
        if option is None:
            return ["check", str(fifo)]
        return ["check", str(_write(tmp / "d.txt", DRAFT)), option, str(fifo)]
    return case


def _deep_folders(tmp: pathlib.Path) -> list[str]:
    folder = tmp / "deep"
    path = folder
    for _ in range(120):
        path = path / "a"
    path.mkdir(parents=True)
    _write(path / "x.txt", DRAFT)
    return ["check", str(folder)]


def _empty_folder(tmp: pathlib.Path) -> list[str]:
    (tmp / "empty").mkdir()
    _write(tmp / "empty" / "notes.docx", "x")
    return ["check", str(tmp / "empty")]


def _nested_eml() -> str:
    head = "From: a@b.c\nTo: d@e.f\nSubject: x\nMIME-Version: 1.0\n"
    opening = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(2000))
    closing = "".join(f"--b{i}--\n" for i in reversed(range(2000)))
    return head + opening + "Content-Type: text/plain; charset=utf-8\n\nЗдравствуйте!\n" + closing


_RU = "Здравствуйте, Анна! Ваш заказ готов, заберите его завтра. Спасибо за ожидание.\nС уважением, Ольга\n"

# category -> id -> (case, the fragment the one error line must hold besides the file's name)
CASES: dict[str, dict[str, tuple[Case, str]]] = {
    "unbounded reads": {
        "fifo draft": (_fifo(None), "FIFO"),
        "fifo --config": (_fifo("--config"), "FIFO"),
        "fifo --baseline": (_fifo("--baseline"), "FIFO"),
        "fifo --write-baseline": (_fifo("--write-baseline"), "FIFO"),
        "--write-baseline /dev/full": (lambda tmp: ["check", str(_write(tmp / "d.txt", DRAFT)), "--write-baseline",
                                                    "/dev/full"], "not a regular file"),
        "/dev/zero draft": (lambda tmp: ["check", "/dev/zero"], "64 MiB"),
        "/dev/zero --config": (lambda tmp: ["check", str(_write(tmp / "d.txt", DRAFT)), "--config", "/dev/zero"],
                               "4 MiB"),
        "/dev/zero --baseline": (lambda tmp: ["check", str(_write(tmp / "d.txt", DRAFT)), "--baseline",
                                              "/dev/zero"], "64 MiB"),
    },
    "resource bombs": {
        "yaml alias bomb in ignore": (_file("bomb.yaml", "\n".join([
            *_alias_bomb(), "templates:", "  - id: t", "    text: Здравствуйте", "    ignore: *a8"]) + "\n"),
            "1,000,000"),
        "yaml alias bomb in first_contact": (_file("bomb.yml", "\n".join([
            *_alias_bomb(), "items:", "  - text: Здравствуйте", "    first_contact: *a8"]) + "\n"), "1,000,000"),
        "front matter alias bomb": (_file("bomb.md", "---\n" + "\n".join([*_alias_bomb(), "ignore: *a8"])
                                          + "\n---\nЗдравствуйте!\n"), "1,000,000"),
        "recursive alias": (_file("rec.yaml", "templates:\n  - &x\n    id: t\n    text: Привет\n    ignore: [*x]\n"),
                            "contains it"),
        "json 1,500 deep": (_file("deep.json", '{"templates": ' + "[" * 1500 + "]" * 1500 + "}"), "100 levels"),
        "jsonl 1,500 deep": (_file("deep.jsonl", '{"reply": ' + "[" * 1500 + "]" * 1500 + "}\n"), "100 levels"),
        "yaml flow 1,500 deep": (_file("deep.yaml", "templates: " + "[" * 1500 + "]" * 1500 + "\n"), "100 levels"),
        "yaml block 1,500 deep": (_file("deep2.yaml", "".join("  " * i + f"k{i}:\n" for i in range(1500))),
                                  "100 levels"),
        "eml 2,000 nested parts": (_file("deep.eml", _nested_eml()), "100"),
        "folders 120 deep": (_deep_folders, "100 levels"),
        "toml arrays 5,000 deep": (_config("x = " + "[" * 5000 + "]" * 5000 + "\n"), "nested too deeply"),
        "csv field of 2.8 M characters": (_file("big.csv", 'reply\n"' + "Здравствуйте. " * 200_000 + '"\n'),
                                          "max_draft_size"),
        "draft over max_draft_size": (lambda tmp: [*_config("max_draft_size = 20\n")(tmp)], "max_draft_size is 20"),
        "--client over max_draft_size": (lambda tmp: [*_config("max_draft_size = 100\n")(tmp), "--client",
                                                      str(_write(tmp / "client.txt", "Где заказ? " * 20))],
                                         "client's message too long"),
        **{f"placeholder {pattern}": (_config(f"placeholders = ['{pattern}']\n"), "exponential")
           for pattern in ("(a+)+$", "(a*)*$", "(a|aa)+$", "(a|a?)+$", r"(\w+\s?)+$", "(.*a){12}")},
    },
    "unchecked values": {
        "line_width = 0": (_config("[options.long-paragraph]\nline_width = 0\n"), "got 0"),
        "min_questions = 0": (_config("[options.list-questions]\nmin_questions = 0\n"), "got 0"),
        "max_apologies = -1": (_config("[options.over-apology]\nmax_apologies = -1\n"), "got -1"),
        "max_thanks = -1": (_config("[options.over-thanks]\nmax_thanks = -1\n"), "got -1"),
        "accept = [1, 2]": (_config("accept = [1, 2]\n"), "[1, 2]"),
        "spelling accept = [1, 2]": (_config("[options.spelling]\naccept = [1, 2]\n"), "[1, 2]"),
        "[tool] replylint = 5": (lambda tmp: ["check", str(_write(tmp / "pyproject.toml", "[tool]\nreplylint = 5\n")
                                                          .parent / "d.txt") if _write(tmp / "d.txt", DRAFT) else ""],
                                 "got 5"),
        'include = ["!"]': (_config('include = ["!"]\n'), "'!'"),
        'exclude = ["!"]': (_config('exclude = ["!"]\n'), "'!'"),
        "max_draft_size = 0": (_config("max_draft_size = 0\n"), "got 0"),
        "placeholder x{4294967296}": (_config("placeholders = ['x{4294967296}']\n"), "too large"),
        "placeholder [[:alpha:]]": (_config("placeholders = ['[[:alpha:]]+']\n"), "nested set"),
        "5,000-digit id in json": (_file("ids.json", '[{"id": ' + "9" * 5000 + ', "text": "Привет"}]'), "5,000 digits"),
        "5,000-digit id in jsonl": (_file("ids.jsonl", '{"id": ' + "9" * 5000 + ', "reply": "Привет"}\n'),
                                    "5,000 digits"),
        "lone surrogate in text": (_file("s.json", '[{"id": "a", "text": "Здравствуйте \\ud800 заказ"}]'), "ud800"),
        "lone surrogate in id": (_file("s2.json", '[{"id": "\\udc00", "text": "Здравствуйте"}]'), "udc00"),
    },
    "wrong answers": {
        "utf-8 with one stray byte": (_file("stray.txt", DRAFT.encode()[:20] + b"\xff" + DRAFT.encode()[20:]),
                                      "0xFF"),
        "utf-8 with a cp1251 «": (_file("quote.txt", DRAFT.encode() + "«".encode("cp1251")), "0xAB"),
        "koi8-r": (_file("koi8.txt", _RU.encode("koi8-r")), "UTF-8"),
        "latin-1 read as cp1251 would be «cafй»": (_file("latin1.txt", "Bonjour, café crème".encode("latin-1")),
                                                   "0xE9"),
        "koi8-u": (_file("koi8u.txt", "Доброго дня! Ваше замовлення готове. Дякуємо!\n".encode("koi8-u")), "UTF-8"),
        "item lang: en": (_file("en.yaml", "- id: a\n  lang: en\n  text: Привет\n"), "'en'"),
        "item lang: klingon": (_file("kl.json", '[{"id": "a", "lang": "klingon", "text": "Привет"}]'), "'klingon'"),
        "folder with nothing to check": (_empty_folder, "no files to check"),
    },
}


@pytest.fixture(autouse=True)
def _short_fifo_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "FIFO_DEADLINE_SECONDS", 0.3)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    return int(exit_.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize(("category", "name"), [(category, name) for category, cases in CASES.items()
                                                 for name in cases])
def test_bad_input_is_one_line_and_exit_2(category: str, name: str, tmp_path: pathlib.Path,
                                          monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    case, fragment = CASES[category][name]
    argv = case(tmp_path)
    code, err = _run(argv, capsys)
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1, err
    assert "internal error" not in err and "Traceback" not in err
    assert fragment in lines[0], lines[0]
    named = [os.path.basename(arg.rstrip("/")) for arg in argv[1:] if arg.startswith(("/", str(tmp_path)))]
    assert any(name in lines[0] for name in named) or ".replylint.toml" in lines[0] or "pyproject" in lines[0], lines[0]


def test_stdin_of_zeros_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    class Zeros(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = bytes(len(buffer))
            return len(buffer)

    class Stdin:
        buffer = io.BufferedReader(Zeros())

    monkeypatch.setattr("sys.stdin", Stdin())
    code, err = _run(["check", "-"], capsys)
    assert code == 2 and "<stdin>" in err and "64 MiB" in err


def test_a_fifo_with_a_writer_is_read(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "FIFO_DEADLINE_SECONDS", 10.0)
    fifo = tmp_path / "draft.fifo"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "w", encoding="utf-8") as stream:
            stream.write("Привет, заказ готов")

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    code, err = _run(["check", str(fifo), "--select", "informal-greeting"], capsys)
    thread.join(timeout=5)
    assert code == 0 and err == ""  # informal-greeting is a warning: found, and exit 0 at --fail-on error


def test_full_stdout_is_one_line_and_exit_2() -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        import subprocess
        import sys

        completed = subprocess.run([sys.executable, "-m", "replylint", "check", "examples/draft.txt"],
                                   stdout=full, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                   cwd=ROOT, timeout=60, check=False, text=True)
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines() == [
        "replylint: error: cannot write the output: No space left on device"]


@pytest.mark.parametrize("output", ["text", "sarif", "json"])
def test_lone_surrogate_never_reaches_an_output(tmp_path: pathlib.Path, output: str) -> None:
    path = _write(tmp_path / "s.json", '[{"id": "a", "text": "Привет \\udfff"}]')
    completed = run("check", str(path), "--format", output)
    assert completed.returncode == 2 and completed.stdout == ""
    assert completed.stderr.strip() == f"replylint: error: {path}:1: invalid JSON: a lone surrogate \\udfff in a string"


def test_cp1251_files_are_still_read(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The near miss of koi8-r and stray bytes: real cp1251, Russian and Ukrainian, is linted."""
    for name, text in (("ru.txt", _RU), ("uk.txt", "Доброго дня! Ваше замовлення готове, кур’єр приїде 5 січня. "
                                                   "Дякуємо!\nЗ повагою, Олена\n")):
        code, err = _run(["check", str(_write(tmp_path / name, text.encode("cp1251")))], capsys)
        assert code in (0, 1) and err == "", err


def test_a_folder_of_drafts_still_exits_normally(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "a.txt", DRAFT)
    code, err = _run(["check", str(tmp_path), "--select", "caps"], capsys)
    assert code == 0 and err == ""


def test_safe_placeholder_patterns_are_accepted(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / ".replylint.toml",
           r"""placeholders = ['<<[A-Z_]+>>', '#\d{3,8}', '(?:ab)+', '\{\{\s*\w+\s*\}\}']""")
    code, err = _run(["check", str(_write(tmp_path / "d.txt", "Здравствуйте, <<NAME>>! Заказ #12345 готов.\n")),
                      "--select", "spelling"], capsys)
    assert code == 0 and err == ""


# -- privacy: quoted-history headers start the quote zone, and none of it reaches LanguageTool -------

_REPLY = {"ru": "Здравствуйте, Анна! Заказ отправлен сегодня.\n\nС уважением,\nОльга\n\n",
          "uk": "Доброго дня, Анно! Замовлення відправлено сьогодні.\n\nЗ повагою,\nОлена\n\n"}
_SECRET = {"ru": "Мой телефон секретный, паспорт 4510 123456.", "uk": "Мій телефон секретний, паспорт 4510 123456."}
QUOTE_HEADERS = [
    ("ru", "01.01.2024 10:00, Анна пишет:"),
    ("ru", "Анна написала 1 января в 10:00:"),
    ("ru", "Понедельник, 1 января 2024, 10:00 +03:00 от Анна <anna@mail.ru>:"),
    ("ru", "Понедельник, 1 января 2024, 10:00 +03:00 от Анна <…>:"),
    ("ru", '01.01.2024, 10:00, "Анна" <anna@yandex.ru>:'),
    ("ru", "Begin forwarded message:"),
    ("ru", "-----Ursprüngliche Nachricht-----"),
    ("ru", "-----Исходное сообщение-----"),
    ("uk", "01.01.2024 10:00, Анна пише:"),
    ("uk", "Анна написала 1 січня о 10:00:"),
    ("uk", "Понеділок, 1 січня 2024, 10:00 +02:00 від Анна <anna@ukr.net>:"),
    ("uk", "-----Оригінальне повідомлення-----"),
    ("uk", "Початок пересланого повідомлення:"),
]
NEAR_MISSES = [
    ("ru", "Как я уже написал:\nвсё готово, заберите заказ."),
    ("ru", "Анна написала вам письмо вчера, ответ будет завтра."),
    ("ru", "Мы работаем с 10:00 от понедельника до пятницы:\nпн–пт."),
    ("uk", "Як я вже написав:\nусе готово, заберіть замовлення."),
    ("uk", "Працюємо з 10:00 від понеділка до п'ятниці:\nпн–пт."),
]


def _sent_to_languagetool(text: str, cache: pathlib.Path) -> str:
    """Everything the grammar stage posts to a (fake, loopback) LanguageTool for this draft."""
    from replylint.engine.grammar_stage import GrammarStage
    from replylint.engine.runner import analyse

    from fake_languagetool import FakeLanguageTool

    fake = FakeLanguageTool().start()
    try:
        stage = GrammarStage(fake.url, cache_dir=cache, timeout=5, warn=lambda message: None)
        stage.check(analyse(text))
        return "".join(fake.sent_texts())
    finally:
        fake.stop()


@pytest.mark.parametrize(("lang", "header"), QUOTE_HEADERS)
def test_quote_headers_keep_the_history_from_languagetool(lang: str, header: str, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: pathlib.Path) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    sent = _sent_to_languagetool(f"{_REPLY[lang]}{header}\n{_SECRET[lang]}\n", tmp_path)
    assert "Ольга" in sent or "Олена" in sent
    assert "паспорт" not in sent and "Анна <" not in sent and "10:00" not in sent.replace("сегодня", "")


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_a_quoted_line_between_paragraphs_is_not_sent(lang: str, monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: pathlib.Path) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    greeting, rest = _REPLY[lang].split("\n\n", 1)
    sent = _sent_to_languagetool(f"{greeting}\n\n> {_SECRET[lang]}\n\n{rest}", tmp_path)
    assert "паспорт" not in sent and ("Заказ" in sent or "Замовлення" in sent)


@pytest.mark.parametrize(("lang", "line"), NEAR_MISSES)
def test_near_misses_stay_in_the_reply(lang: str, line: str) -> None:
    from replylint.engine.runner import analyse

    document = analyse(f"{_REPLY[lang].split(chr(10))[0]}\n\n{line}\n", lang)
    assert document.quote is None


def test_yaml_numbers_too_long_for_python_stay_text(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 5,000-digit key or id in YAML is kept as written (Python refuses to print such an int)."""
    digits = "9" * 5000
    path = _write(tmp_path / "ids.yaml", f"? {digits}\n: Здравствуйте!\n")  # a key this long must be explicit
    code, err = _run(["check", str(path), "--select", "caps"], capsys)
    assert code == 0 and err == "", err
    path = _write(tmp_path / "ids2.yaml", f"- id: {digits}\n  text: Здравствуйте!\n")
    code, err = _run(["check", str(path), "--select", "caps", "--format", "json"], capsys)
    assert code == 0 and err == ""


def test_a_koi8_r_email_is_still_read_by_its_declared_charset(tmp_path: pathlib.Path) -> None:
    """The near miss of «koi8-r is not cp1251»: an .eml says its part's charset, and is read by it."""
    from replylint.sources.formats import parse_file
    from replylint.sources.read import read_text

    body = "Здравствуйте! Заказ готов.\n\nС уважением,\nОльга\n"
    head = "From: a@b.c\nSubject: x\nContent-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: 8bit\n\n"
    path = _write(tmp_path / "k.eml", head.encode() + body.encode("koi8-r"))
    (draft,) = parse_file(str(path), read_text(str(path)))
    assert draft.text == body.strip()
