"""Lint time against draft size: realistic text and the degenerate shapes of issue 16, 10 KB to 1 MB.

Usage:
    python bench/linear.py                 # every shape at 10 KB, 100 KB and 1 MB (a few minutes)
    python bench/linear.py --sizes 10,100  # sizes in KB
    python bench/linear.py --shapes realistic,dots

Each line is one shape: seconds for each size and the ratio of the last two (x10 in size: a ratio
near 10 is linear, near 100 quadratic). One `lint()` call per cell, in this process, so the
numbers include nothing but the document model and the rules. A shape's text is cut to the size
in UTF-8 bytes, at a character boundary.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _realistic(size: int) -> str:
    """A long Russian reply made of the library benchmark's greetings, bodies, problems and closings."""
    import library

    rng = random.Random(16)
    parts = ["Здравствуйте, Анна!"]
    while sum(len(part.encode()) for part in parts) < size:
        lang_bodies = library._BODIES["ru"][rng.choice(library.TOPICS)]
        sentences = rng.sample(lang_bodies, min(len(lang_bodies), rng.randint(2, 4)))
        if rng.random() < 0.3:
            sentences.append(rng.choice(library._PROBLEMS["ru"]))
        parts.append(" ".join(sentences))
    parts.append("С уважением,\nАнна, служба поддержки")
    return "\n\n".join(parts)


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: unit * (size // len(unit.encode()) + 1)


SHAPES: dict[str, Callable[[int], str]] = {
    "realistic": _realistic,
    "greetings": _repeat("Здравствуйте! "),  # one line of the same sentence
    "paragraphs": _repeat("Здравствуйте, спасибо за обращение.\n\n"),
    "dots": _repeat("."),
    "one-word": _repeat("а"),  # a single endless word
    "words": _repeat("слово "),
    "questions": _repeat("Когда придёт заказ?\n"),
    "quoted": _repeat("> Когда придёт заказ?\n"),
    "newlines": _repeat("\n"),
    "links": _repeat("www."),
    "emails": _repeat("a.b+"),
}


def cut(text: str, size: int) -> str:
    return text.encode()[:size].decode("utf-8", "ignore")


def seconds(text: str, client: str | None = None) -> float:
    from replylint import lint

    start = time.perf_counter()
    lint(text, client=client)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000", help="sizes in KB (default 10,100,1000)")
    parser.add_argument("--shapes", default=",".join([*SHAPES, "client-questions"]))
    args = parser.parse_args(argv)
    sizes = [int(size) * 1000 for size in args.sizes.split(",")]
    seconds("Здравствуйте! Заказ отправлен.")  # load dictionaries and rules once, outside the timings
    print(f"{'shape':<18}" + "".join(f"{size // 1000:>9} KB" for size in sizes) + "    last ratio")
    for name in args.shapes.split(","):
        row = []
        for size in sizes:
            if name == "client-questions":  # the client's message is the long one
                client = cut(_repeat("Когда придёт заказ? Можно ли вернуть деньги?\n")(size), size)
                row.append(seconds("Здравствуйте! Заказ придёт завтра.\n\nС уважением,\nАнна", client))
            else:
                row.append(seconds(cut(SHAPES[name](size), size)))
        ratio = f"x{row[-1] / max(row[-2], 1e-3):.1f}" if len(row) > 1 else ""
        print(f"{name:<18}" + "".join(f"{value:>10.2f}s" for value in row) + f"    {ratio}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
