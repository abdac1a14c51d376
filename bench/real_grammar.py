"""`spelling` + `grammar` on the real support text of ../shared/data/real/ (skips without it).

    python bench/real_grammar.py [--show] [--spelling]

1. Recall on the hand labels (labels-dev.jsonl): a labelled misspelling of a reply counts as found
   when a `spelling` or `grammar` finding overlaps one of its occurrences in the reply.
2. Every `grammar` finding on all real texts (exchange replies, both FAQ answer sets), printed
   with its context, so a person can read them and count the false alarms (--show prints them;
   --spelling prints the `spelling` findings too).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from replylint import lint

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (a git worktree one level deeper looks one more level up).
REAL = next((base / "shared" / "data" / "real" for base in (ROOT.parent, ROOT.parent.parent)
             if (base / "shared" / "data" / "real").is_dir()), ROOT.parent / "shared" / "data" / "real")
RULES = ("spelling", "grammar")


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (REAL / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def texts() -> list[tuple[str, str, str | None]]:
    """(id, reply text, client text) of every real text."""
    found = [(row["id"], row["reply"], row.get("client")) for row in _rows("exchanges.jsonl") if row.get("reply")]
    for name in ("rutube_faq.jsonl", "vtb_faq.jsonl"):
        found += [(row["id"], row["answer"], row.get("question")) for row in _rows(name) if row.get("answer")]
    return found


def label_recall(show: bool) -> tuple[int, int]:
    exchanges = {row["id"]: row for row in _rows("exchanges.jsonl")}
    found = total = 0
    for label in _rows("labels-dev.jsonl"):
        if not label.get("misspelled"):
            continue
        row = exchanges[label["id"]]
        reply = row["reply"]
        spans = [(f.start, f.end) for f in lint(reply, client=row.get("client") or None, select=list(RULES))
                 if f.rule in RULES]
        for word in label["misspelled"]:
            total += 1
            places = [m.span() for m in re.finditer(re.escape(word), reply)]
            hit = any(s < fe and fs < e for s, e in places for fs, fe in spans)
            found += hit
            if show and not hit:
                print(f"  missed {label['id']}: {word!r}")
    return found, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every grammar finding and every miss")
    parser.add_argument("--spelling", action="store_true", help="print the spelling findings too")
    args = parser.parse_args()
    if not REAL.is_dir():
        print(f"skipped: {REAL} is not there (the real material lives outside the project)")
        return
    found, total = label_recall(args.show)
    print(f"labelled misspellings found by spelling + grammar: {found}/{total} = {found / max(total, 1):.0%}")
    corpus = texts()
    counts: Counter[str] = Counter()
    printed = {"grammar", "spelling"} if args.spelling else {"grammar"}
    for item_id, text, client in corpus:
        for finding in lint(text, client=client or None, select=list(RULES)):
            if finding.rule not in RULES:
                continue
            code = finding.data.get("code", "") if finding.rule == "grammar" else ""
            counts[f"{finding.rule} {code}".strip()] += 1
            if args.show and finding.rule in printed:
                context = text[max(0, finding.start - 50):finding.end + 40].replace("\n", " | ")
                print(f"{item_id} {finding.rule} {code}: {text[finding.start:finding.end]!r} -> "
                      f"{finding.suggestion!r}  …{context}…")
    print(f"{len(corpus)} real texts; findings: " + ", ".join(f"{key} {n}" for key, n in sorted(counts.items())))


if __name__ == "__main__":
    main()
    sys.exit(0)
