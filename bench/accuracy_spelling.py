"""Precision, recall and suggestion accuracy of the `spelling` rule on tests/data/spelling.yaml.

    python bench/accuracy_spelling.py [-v]

A finding is correct when it points at a labelled typo; a labelled typo is found when a finding
points at it; a suggestion is right when the labelled fix is among the finding's suggestions.
-v lists the misses and the false alarms.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from replylint import lint

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ helpers, however this runs
from scoring import precision, recall

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "spelling.yaml"


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    right_suggestions: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong_suggestions: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return precision(self.true_positives, self.false_positives)

    @property
    def recall(self) -> float:
        return recall(self.true_positives, self.false_negatives)

    @property
    def suggestion_accuracy(self) -> float:
        return self.right_suggestions / self.true_positives if self.true_positives else 0.0


def score(items: list[dict], **lint_options: object) -> Score:
    result = Score()
    for item in items:
        text = item["text"]
        findings = [f for f in lint(text, lang=item["lang"], select=["spelling"], **lint_options)
                    if f.rule == "spelling"]
        labels = {typo["word"]: typo["fix"] for typo in item.get("typos") or ()}
        seen: set[str] = set()
        for finding in findings:
            excerpt = text[finding.start:finding.end]
            fix = labels.get(excerpt)
            if fix is None:
                result.false_positives += 1
                result.false_alarms.append(f"{item['id']}: {excerpt!r} ({finding.message})")
                continue
            result.true_positives += 1
            seen.add(excerpt)
            suggestions = {s.strip("«» ").lower() for s in finding.data.get("suggestions", "").split(",")}
            if fix.lower() in suggestions:
                result.right_suggestions += 1
            else:
                result.wrong_suggestions.append(f"{item['id']}: {excerpt!r} -> {fix!r}, got {finding.message}")
        for word in labels.keys() - seen:
            result.false_negatives += 1
            result.misses.append(f"{item['id']}: {word!r}")
    return result


def load() -> list[dict]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def main() -> None:
    result = score(load())
    print(f"precision {result.precision:.3f}  recall {result.recall:.3f}  "
          f"suggestion accuracy {result.suggestion_accuracy:.3f}  "
          f"(tp {result.true_positives}, fp {result.false_positives}, fn {result.false_negatives})")
    if "-v" in sys.argv:
        for title, rows in (("missed", result.misses), ("false alarms", result.false_alarms),
                            ("fix not suggested", result.wrong_suggestions)):
            print(f"\n{title}:", *rows, sep="\n  ")


if __name__ == "__main__":
    main()
