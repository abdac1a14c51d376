"""Accuracy of `unanswered-question` on the labelled set tests/data/questions.yaml.

    python bench/accuracy_questions.py            # the figures
    python bench/accuracy_questions.py --errors   # and every miss and false alarm
    python bench/accuracy_questions.py --snapshot # rewrite tests/data/questions-verdicts.json

The snapshot freezes every verdict on the set (question text and status, per pair): the test
compares against it, so a change of verdict is a deliberate, reviewed diff of that file.

Rule accuracy: a labelled question with status "unanswered" that the rule reports is a true
positive; a reported question labelled answered or deferred, or no labelled question at all, is a
false positive; an unanswered one not reported is a miss. A finding is matched to a labelled
question through the question's offsets in the client's message, which the rule puts in the
finding's data (question_start, question_end): the labelled question with the largest overlap
wins, one finding per labelled question.

Extraction quality: how many labelled questions `replylint questions` finds (an extracted
question overlapping a labelled one, one to one), and how many extracted questions match none.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ helpers, however this runs
from scoring import precision, recall

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "questions.yaml"
SNAPSHOT = ROOT / "tests" / "data" / "questions-verdicts.json"
sys.path.insert(0, str(ROOT))


@dataclass
class Accuracy:
    true_positives: int = 0
    false_positives: int = 0
    misses: int = 0
    labelled: int = 0
    extracted_matched: int = 0
    extracted_spurious: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return precision(self.true_positives, self.false_positives)

    @property
    def recall(self) -> float:
        return recall(self.true_positives, self.misses)

    @property
    def extraction_recall(self) -> float:
        return self.extracted_matched / self.labelled if self.labelled else 1.0


def load_pairs(path: Path = LABELLED) -> list[dict[str, Any]]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _match(spans: list[tuple[int, int]], labelled: list[tuple[int, int]]) -> dict[int, int]:
    """Span index -> labelled index, one to one, by the largest overlap first."""
    candidates = sorted(((min(end, l_end) - max(start, l_start), i, j)
                         for i, (start, end) in enumerate(spans)
                         for j, (l_start, l_end) in enumerate(labelled)), reverse=True)
    matched: dict[int, int] = {}
    for overlap, i, j in candidates:
        if overlap > 0 and i not in matched and j not in matched.values():
            matched[i] = j
    return matched


def measure(pairs: list[dict[str, Any]]) -> Accuracy:
    from replylint import lint
    from replylint.engine.runner import analyse
    from replylint.mechanisms.questions import extract_questions

    accuracy = Accuracy()
    for pair in pairs:
        client, reply = pair["client"], pair["reply"]
        questions = pair.get("questions") or []
        labelled = [(client.index(q["text"]), client.index(q["text"]) + len(q["text"])) for q in questions]
        accuracy.labelled += len(questions)

        # The normalised client text keeps these test texts' offsets (LF, no invisible marks).
        extracted = [(q.start, q.end) for q in extract_questions(analyse(client))]
        extraction = _match(extracted, labelled)
        accuracy.extracted_matched += len(extraction)
        accuracy.extracted_spurious += len(extracted) - len(extraction)
        for j, question in enumerate(questions):
            if j not in extraction.values():
                accuracy.errors.append(f"{pair['id']}: not extracted: {question['text']!r}")

        findings = [f for f in lint(reply, client=client, select=["unanswered-question"])
                    if f.rule == "unanswered-question"]
        reported = [(int(f.data["question_start"]), int(f.data["question_end"])) for f in findings]
        matched = _match(reported, labelled)
        for i, (start, end) in enumerate(reported):
            j = matched.get(i)
            if j is not None and questions[j]["status"] == "unanswered":
                accuracy.true_positives += 1
            else:
                accuracy.false_positives += 1
                label = questions[j]["status"] if j is not None else "not a labelled question"
                accuracy.errors.append(f"{pair['id']}: false alarm ({label}): {client[start:end]!r}")
        for j, question in enumerate(questions):
            if question["status"] == "unanswered" and j not in matched.values():
                accuracy.misses += 1
                accuracy.errors.append(f"{pair['id']}: missed: {question['text']!r}")
    return accuracy


def verdicts(pairs: list[dict[str, Any]]) -> dict[str, list[list[str]]]:
    """Every pair's verdicts as (question text, status), in the order of the client's message."""
    from replylint.engine.runner import analyse
    from replylint.mechanisms.questions import assess

    return {pair["id"]: [[verdict.question.text, verdict.status]
                         for verdict in assess(analyse(pair["client"]), analyse(pair["reply"]))]
            for pair in pairs}


def write_snapshot(found: dict[str, list[list[str]]], path: Path = SNAPSHOT) -> None:
    import json

    lines = [f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"
             for key, value in found.items()]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--snapshot", action="store_true", help=f"rewrite {SNAPSHOT.relative_to(ROOT)}")
    arguments = parser.parse_args()
    pairs = load_pairs()
    if arguments.snapshot:
        write_snapshot(verdicts(pairs))
    accuracy = measure(pairs)
    if arguments.errors:
        print("\n".join(accuracy.errors), end="\n\n")
    print(f"pairs: {len(pairs)}, labelled questions: {accuracy.labelled}")
    print(f"extraction: {accuracy.extracted_matched}/{accuracy.labelled} labelled questions found "
          f"({accuracy.extraction_recall:.3f}), {accuracy.extracted_spurious} extracted questions match none")
    print(f"unanswered-question: precision {accuracy.precision:.3f}, recall {accuracy.recall:.3f} "
          f"(true positives {accuracy.true_positives}, false positives {accuracy.false_positives}, "
          f"misses {accuracy.misses})")


if __name__ == "__main__":
    main()
