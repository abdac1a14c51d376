"""The wording rules on real support replies: every finding, the false alarms judged by reading,
and recall on the hand-labelled exchanges.

Usage: python bench/accuracy_wording.py [RULE ...] [--quiet]

RULE is one or more of kitchen, bot-phrase, vague-promise, blame, redirect-to-site, demanding,
emotional (default: all seven). For each rule it lints the 851 real texts of
../shared/data/real/ (exchanges' replies, the two FAQs' answers) and prints every finding with
the text's id, then: findings, texts with a finding, false alarms (findings listed in
bench/wording_judged.toml, each read and judged wrong), findings nobody has judged yet (read
them, then list the wrong ones), false alarms per 100 replies, and recall / labelled false
alarms on labels-dev.jsonl where the labels have that rule. Skips (exit 0) when ../shared is
absent: the texts are not part of this repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (a worktree may sit one folder deeper), or $REPLYLINT_REAL_DATA.
REAL = next((folder / "shared" / "data" / "real" for folder in ROOT.parents
             if (folder / "shared" / "data" / "real").is_dir()), ROOT.parent / "shared" / "data" / "real")
if os.environ.get("REPLYLINT_REAL_DATA"):
    REAL = Path(os.environ["REPLYLINT_REAL_DATA"])
JUDGED = Path(__file__).resolve().parent / "wording_judged.toml"
RULES = ("kitchen", "bot-phrase", "vague-promise", "blame", "redirect-to-site", "demanding", "emotional")
LABEL_KEYS = {"kitchen": "kitchen", "bot-phrase": "bot_phrase", "vague-promise": "vague_promise",
              "blame": "blame", "redirect-to-site": "redirect_to_site"}
SOURCES = {"exchanges.jsonl": "reply", "rutube_faq.jsonl": "answer", "vtb_faq.jsonl": "answer"}


@dataclass
class Text:
    id: str
    text: str
    client: str | None = None


@dataclass
class RuleResult:
    rule: str
    findings: list[tuple[str, str, str]] = field(default_factory=list)  # (text id, excerpt, verdict)
    false_alarms: int = 0
    unjudged: list[tuple[str, str]] = field(default_factory=list)
    texts: int = 0
    labelled: int = 0  # labelled true
    found: int = 0  # labelled true and flagged
    labelled_false_flagged: int = 0  # labelled false and flagged

    @property
    def per_100(self) -> float:
        return 100 * self.false_alarms / self.texts if self.texts else 0.0

    @property
    def recall(self) -> float | None:
        return self.found / self.labelled if self.labelled else None


def real_texts() -> list[Text]:
    texts: list[Text] = []
    for name, key in SOURCES.items():
        for line in (REAL / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item.get(key):
                texts.append(Text(item["id"], item[key], item.get("client") or None))
    return texts


def judged() -> dict[str, set[tuple[str, str]]]:
    """Rule -> the (text id, excerpt) findings judged false alarms; and "right" for judged fine."""
    data = tomllib.loads(JUDGED.read_text(encoding="utf-8")) if JUDGED.is_file() else {}
    return {kind: {(item["id"], item["rule"] + "\t" + " ".join(item["excerpt"].split()))
                   for item in data.get(kind, [])} for kind in ("false", "right")}


def measure(rules: tuple[str, ...], *, show: bool = True) -> dict[str, RuleResult]:
    from replylint import lint

    texts = real_texts()
    labels = {item["id"]: item for item in map(json.loads,
                                               (REAL / "labels-dev.jsonl").read_text(encoding="utf-8").splitlines())}
    verdicts = judged()
    results = {rule: RuleResult(rule, texts=len(texts)) for rule in rules}
    for text in texts:
        flagged: set[str] = set()
        for finding in lint(text.text, client=text.client, select=list(rules)):
            excerpt = " ".join(text.text[finding.start : finding.end].split())
            result = results[finding.rule]
            flagged.add(finding.rule)
            key = (text.id, finding.rule + "\t" + excerpt)
            verdict = "false" if key in verdicts["false"] else "right" if key in verdicts["right"] else "?"
            result.findings.append((text.id, excerpt, verdict))
            result.false_alarms += verdict == "false"
            if verdict == "?":
                result.unjudged.append((text.id, excerpt))
        label = labels.get(text.id)
        if label is None:
            continue
        for rule in rules:
            value = label.get(LABEL_KEYS.get(rule, ""))
            if value is True:
                results[rule].labelled += 1
                results[rule].found += rule in flagged
            elif value is False and rule in flagged:
                results[rule].labelled_false_flagged += 1
    if show:
        for result in results.values():
            for text_id, excerpt, verdict in result.findings:
                mark = {"false": "✗", "right": "✓"}.get(verdict, "?")
                print(f"{mark} {result.rule:17} {text_id:8} «{excerpt}»")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", nargs="*", choices=[[], *RULES], default=[])
    parser.add_argument("--quiet", action="store_true", help="the table only, not every finding")
    args = parser.parse_args()
    if not REAL.is_dir():
        print(f"skipped: {REAL} is absent (the real texts are not part of this repository)")
        return 0
    sys.path.insert(0, str(ROOT))
    rules = tuple(args.rules) or RULES
    results = measure(rules, show=not args.quiet)
    print(f"\n{'rule':17} findings  false  unjudged  false/100  dev: labelled found recall  flagged-false")
    for result in results.values():
        recall = f"{result.recall:.2f}" if result.recall is not None else "  - "
        print(f"{result.rule:17} {len(result.findings):8} {result.false_alarms:6} {len(result.unjudged):9} "
              f"{result.per_100:10.2f}  {result.labelled:13} {result.found:5} {recall:>6} "
              f"{result.labelled_false_flagged:14}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
