"""Precision and recall of `call-to-action` on the labelled set tests/data/call_to_action.yaml.

Usage: python bench/accuracy_call_to_action.py [--show-errors]

The rule reports a *missing* next step, so a "positive" is a reply labelled has_next_step: false.
Precision: of the replies the rule flags, how many truly lack a next step; recall: of the replies
that lack one, how many the rule flags. Printed overall and per language.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from replylint import lint

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ helpers, however this runs
from scoring import precision, recall

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "data" / "call_to_action.yaml"
RULE = "call-to-action"


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        return precision(self.true_positive, self.false_positive)

    @property
    def recall(self) -> float:
        return recall(self.true_positive, self.false_negative)


def measure(path: Path = LABELLED) -> tuple[dict[str, Score], list[tuple[str, bool]]]:
    """Scores per language and overall ("all"), and the misjudged items as (id, labelled_has_next_step)."""
    scores: dict[str, Score] = {"all": Score()}
    errors: list[tuple[str, bool]] = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        flagged = any(finding.rule == RULE for finding in lint(item["text"], lang=item["lang"], select=[RULE]))
        missing = not item["has_next_step"]
        for key in ("all", item["lang"]):
            score = scores.setdefault(key, Score())
            if flagged and missing:
                score.true_positive += 1
            elif flagged:
                score.false_positive += 1
            elif missing:
                score.false_negative += 1
        if flagged != missing:
            errors.append((item["id"], item["has_next_step"]))
    return scores, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="list the misjudged items")
    arguments = parser.parse_args()
    scores, errors = measure()
    for key, score in scores.items():
        print(f"{key:>4}: precision {score.precision:.2f}  recall {score.recall:.2f}  "
              f"(tp {score.true_positive}, fp {score.false_positive}, fn {score.false_negative})")
    if arguments.show_errors:
        for item_id, has_next_step in errors:
            kind = "false positive (has a next step)" if has_next_step else "missed (no next step)"
            print(f"  {item_id}: {kind}")


if __name__ == "__main__":
    main()
