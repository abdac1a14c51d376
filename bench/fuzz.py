"""Fault injection at length: generated hostile inputs through the real command line, in-process.

Usage:
    python bench/fuzz.py                      # 250 inputs per category, at most 6 minutes in all
    python bench/fuzz.py --count 50 --minutes 1 --seed 3

Each category mutates seeds of its kind (draft bytes, collection files of every format, configs,
nesting and alias bombs, option values). An input *survives* when `replylint check` ends within
--input-seconds with exit 0 or 1, or with exit 2 and exactly one line on stderr that is not an
`internal error`. The table prints, per category, inputs tried, survived, and the first failures.
Nothing leaves the machine: inputs are written under a temporary folder and removed after.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DRAFTS = [
    "Здравствуйте, Анна!\n\nЗаказ №123 отправлен, придёт завтра.\n\nС уважением,\nОльга\n",
    "Доброго дня! Ваше замовлення готове, кур’єр приїде 5 січня.\n\nЗ повагою,\nОлена\n",
    "Привет!!! {{client.name}}, вот твой заказ: https://shop.example/o/1\n-- \nИван\n",
    "Здравствуйте!\n\n> Где мой заказ?\n\nОтправили.\n\n01.01.2024 10:00, Анна пишет:\n> Где заказ?\n",
]
COLLECTIONS = {
    "yaml": "templates:\n  - id: a\n    lang: ru\n    first_contact: true\n    ignore: [caps]\n"
            "    text: |\n      {draft}\n",
    "json": '{{"templates": [{{"id": "a", "lang": "uk", "text": {quoted}}}]}}',
    "jsonl": '{{"id": 1, "client": "Где заказ?", "reply": {quoted}}}\n',
    "csv": 'id;client;reply\n1;"Где заказ?";"{draft}"\n',
    "md": "---\nid: a\nignore: [caps]\n---\n{draft}",
    "eml": "From: a@b.c\nSubject: Re: заказ\nContent-Type: text/plain; charset=utf-8\n\n{draft}",
    "txt": "{draft}",
}
CONFIG_KEYS = ["line_width", "min_questions", "max_apologies", "max_thanks", "max_words", "max_sentences",
               "max_lines", "max_exclamations", "min_client_words"]
RULE_OF = {"line_width": "long-paragraph", "max_sentences": "long-paragraph", "max_lines": "long-paragraph",
           "min_questions": "list-questions", "max_apologies": "over-apology", "max_thanks": "over-thanks",
           "max_words": "long-sentence", "max_exclamations": "exclamation", "min_client_words": "language-mismatch"}
NASTY = ["", "\x00", "\ud800", "\\ud800", "\\udfff", "\uffff", "\u202e", "\r", "\r\n", "\x85", "\u2028", "«", "»",
         "'", '"', "\\", "{{", "}}", "[", "]", "*a", "&a ", "!", "!!python/object:os.system", ">", "--", "9" * 5000,
         "\t", " " * 100, "-----Original Message-----", "=?utf-8?b?", "--b0", "<html>", "&amp;", "\ufeff"]


def mutate(rng: random.Random, data: bytes) -> bytes:
    """A few byte- or token-level edits: flips, cuts, repeats, insertions of nasty pieces."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        at = rng.randrange(len(data) + 1)
        if choice < 0.25 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.45:
            data[at:at] = rng.choice(NASTY).encode("utf-8", "surrogatepass")
        elif choice < 0.6 and data:
            end = min(len(data), at + rng.randint(1, 40))
            data[at:end] = data[at:end] * rng.randint(2, 200)
        elif choice < 0.75:
            del data[at : at + rng.randint(1, 20)]
        else:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return bytes(data[: 2_000_000])


def draft_bytes(rng: random.Random, folder: Path) -> list[str]:
    text = rng.choice(DRAFTS)
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1251", "koi8-r", "utf-16", "cp866"])
    data = mutate(rng, text.encode(encoding, "replace"))
    path = folder / "draft.txt"
    path.write_bytes(data)
    return ["check", str(path)]


def collections(rng: random.Random, folder: Path) -> list[str]:
    kind = rng.choice(list(COLLECTIONS))
    draft = rng.choice(DRAFTS).replace("\n", " ") if kind in ("json", "jsonl", "csv") else rng.choice(DRAFTS)
    content = COLLECTIONS[kind].format(draft=draft, quoted=json.dumps(draft, ensure_ascii=False))
    path = folder / f"c.{kind}"
    path.write_bytes(mutate(rng, content.encode()))
    return ["check", str(path), "--format", rng.choice(["text", "json", "sarif", "github"])]


def bombs(rng: random.Random, folder: Path) -> list[str]:
    kind = rng.choice(["yaml-alias", "yaml-deep", "json-deep", "jsonl-deep", "toml-deep", "eml-deep", "md-alias"])
    depth = rng.choice([50, 99, 100, 101, 150, 1000, 5000])
    width = rng.randint(2, 12)
    if kind in ("yaml-alias", "md-alias"):
        lines = ["a0: &a0 [" + ",".join(['"x"'] * width) + "]"]
        lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]" for i in range(1, rng.randint(2, 9))]
        key = rng.choice(["ignore", "first_contact", "lang", "text", "id", "client"])
        body = "\n".join(lines) + f"\n{key}: *a{len(lines) - 1}\n"
        if kind == "md-alias":
            (folder / "b.md").write_text(f"---\n{body}---\nЗдравствуйте!\n", encoding="utf-8")
            return ["check", str(folder / "b.md")]
        (folder / "b.yaml").write_text(body + "text: Привет\n", encoding="utf-8")
        return ["check", str(folder / "b.yaml")]
    if kind == "yaml-deep":
        body = "templates: " + "[" * depth + "]" * depth if rng.random() < 0.5 else \
            "".join("  " * i + f"k{i}:\n" for i in range(depth))
        (folder / "d.yaml").write_text(body + "\n", encoding="utf-8")
        return ["check", str(folder / "d.yaml")]
    if kind in ("json-deep", "jsonl-deep"):
        inner = rng.choice(["[", '{"a": '])
        close = "]" if inner == "[" else "}"
        body = '{"reply": ' + inner * depth + "1" + close * depth + "}"
        name = "d.json" if kind == "json-deep" else "d.jsonl"
        (folder / name).write_text(body + "\n", encoding="utf-8")
        return ["check", str(folder / name)]
    if kind == "toml-deep":
        (folder / ".replylint.toml").write_text("x = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
        (folder / "d.txt").write_text(DRAFTS[0], encoding="utf-8")
        return ["check", str(folder / "d.txt")]
    opening = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth))
    (folder / "d.eml").write_text("From: a@b.c\n" + opening + "Content-Type: text/plain\n\nПривет\n", encoding="utf-8")
    return ["check", str(folder / "d.eml")]


def option_values(rng: random.Random, folder: Path) -> list[str]:
    key = rng.choice(CONFIG_KEYS)
    value = rng.choice(["0", "-1", "1", "2", "1e9", "1.5", '"x"', "true", "[]", "[1, 2]", "{}", "9" * 30,
                        str(rng.randint(-10**6, 10**7))])
    lines = [f"[options.{RULE_OF[key]}]", f"{key} = {value}"]
    extra = rng.choice(['include = ["!"]', 'exclude = ["**/["]', "[tool]", 'placeholders = ["(a+)+$"]',
                        'placeholders = ["[Ии]мя"]', 'accept = [1, 2]', "max_draft_size = 10", "lang = 5",
                        'fail_on = "sometimes"', "", "", ""])
    (folder / ".replylint.toml").write_text("\n".join([extra, *lines]) + "\n", encoding="utf-8")
    (folder / "d.txt").write_text(rng.choice(DRAFTS), encoding="utf-8")
    return ["check", str(folder / "d.txt")]


def configs(rng: random.Random, folder: Path) -> list[str]:
    base = ('fail_on = "warning"\nplaceholders = ["<<[A-Z]+>>"]\n[per_file]\n"*.txt" = { ignore = ["caps"] }\n'
            "[options.long-paragraph]\nline_width = 65\n")
    name = rng.choice([".replylint.toml", "pyproject.toml"])
    content = base if name == ".replylint.toml" else "[tool.replylint]\n" + base
    (folder / name).write_bytes(mutate(rng, content.encode()))
    (folder / "d.txt").write_text(rng.choice(DRAFTS), encoding="utf-8")
    return ["check", str(folder / "d.txt")]


def stdin_drafts(rng: random.Random, folder: Path) -> list[str]:
    data = mutate(rng, rng.choice(DRAFTS).encode())
    (folder / "stdin.bin").write_bytes(data)
    return ["check", "-", "--client-text", rng.choice(["Где заказ? " * rng.randint(1, 300), "Де замовлення?"])]


CATEGORIES: dict[str, Callable[[random.Random, Path], list[str]]] = {
    "draft bytes": draft_bytes,
    "collections": collections,
    "bombs": bombs,
    "option values": option_values,
    "configs": configs,
    "stdin": stdin_drafts,
}


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


def run_one(argv: list[str], folder: Path, seconds: float) -> tuple[bool, str]:
    from replylint.cli import main

    out, err = io.StringIO(), io.StringIO()
    stdin_path = folder / "stdin.bin"
    stdin = open(stdin_path, "rb") if stdin_path.exists() else open(os.devnull, "rb")  # noqa: SIM115
    old_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(stdin, encoding="utf-8")
    signal.setitimer(signal.ITIMER_REAL, seconds)
    code: object = None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(argv)
    except SystemExit as exit_:
        code = exit_.code
    except _Hang:
        return False, f"no end within {seconds:g} s"
    except BaseException as error:  # a crash is what this counts
        return False, f"{type(error).__name__}: {error}"[:200]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stdin = old_stdin
        stdin.close()
    lines = err.getvalue().strip().splitlines()
    if code in (0, 1):
        return True, ""
    if code == 2 and len([line for line in lines if line.startswith("replylint: error:")]) == 1 \
            and "internal error" not in err.getvalue():
        return True, ""
    return False, f"exit {code}: {' | '.join(lines)[:200]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=250, help="inputs per category (default 250)")
    parser.add_argument("--minutes", type=float, default=6.0, help="total time budget (default 6)")
    parser.add_argument("--input-seconds", type=float, default=20.0, help="a hang is an input running this long")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGALRM, _alarm)
    from replylint.sources import read

    read.FIFO_DEADLINE_SECONDS = 0.5
    deadline = time.monotonic() + args.minutes * 60
    per_category = args.minutes * 60 / len(CATEGORIES)
    print(f"{'category':<16}{'tried':>7}{'survived':>10}   first failures")
    total_tried = total_survived = 0
    for index, (name, make) in enumerate(CATEGORIES.items()):
        rng = random.Random(args.seed * 1000 + index)
        tried = survived = 0
        failures: list[str] = []
        stop = min(deadline, time.monotonic() + per_category)
        while tried < args.count and time.monotonic() < stop:
            with tempfile.TemporaryDirectory(prefix="replylint-fuzz-") as tmp:
                folder = Path(tmp)
                old_cwd = os.getcwd()
                os.chdir(folder)
                try:
                    ok, why = run_one(make(rng, folder), folder, args.input_seconds)
                finally:
                    os.chdir(old_cwd)
            tried += 1
            survived += ok
            if not ok and len(failures) < 3:
                failures.append(why)
        total_tried += tried
        total_survived += survived
        print(f"{name:<16}{tried:>7}{survived:>10}   {'; '.join(failures)}", flush=True)
    print(f"{'all':<16}{total_tried:>7}{total_survived:>10}")
    return 0 if total_tried == total_survived else 1


if __name__ == "__main__":
    raise SystemExit(main())
