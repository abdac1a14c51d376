"""`unanswered-question` on real support text written by others (`../shared/data/real/`).

    python bench/accuracy_questions_real.py              # the figures per set
    python bench/accuracy_questions_real.py --errors     # and every wrong verdict, with its strategy
    python bench/accuracy_questions_real.py --set dev    # one set only (matched, off-topic, double, dev)
    python bench/accuracy_questions_real.py --no-frequencies  # as without wordfreq: what it buys

Sets, built deterministically from the real material (skipped cleanly when it is absent):
- matched: every FAQ question (rutube_faq.jsonl, vtb_faq.jsonl) with its own answer as the reply.
  Nothing is unanswered: any finding is a false alarm.
- off-topic: every FAQ question with the answer of the question half a file away (same source,
  another topic). Every question is unanswered: a finding is a hit.
- double, one missing: two FAQ questions asked together (the question and the one half a file
  away), the reply is the first's answer only: the second should be reported.
- double, both answered: the same two questions, the reply holds both answers: any finding is a
  false alarm.
- dev: the hand-labelled exchanges (labels-dev.jsonl + exchanges.jsonl, see ../shared/data/LABELS.md):
  an exchange labelled has_unanswered true/false against whether the rule reports anything
  (unsure labels are left out); precision and recall per exchange.

For each set the script prints how often a verdict was decided by each strategy of the judgement
(`replylint.mechanisms.questions.judging`), so a change shows which step moved.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ helpers, however this runs
from scoring import precision, recall

ROOT = Path(__file__).resolve().parent.parent
# $REPLYLINT_REAL, or ../shared beside the checkout (the main one), or two levels up (a worktree under wt/).
_CANDIDATES = [Path(os.environ["REPLYLINT_REAL"])] if os.environ.get("REPLYLINT_REAL") else []
_CANDIDATES += [ROOT.parent / "shared" / "data" / "real", ROOT.parent.parent / "shared" / "data" / "real"]
REAL = next((path for path in _CANDIDATES if path.is_dir()), _CANDIDATES[0])
sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Case:
    id: str
    client: str
    reply: str
    expected: bool  # something is unanswered
    missing: str | None = None  # the question that should be reported, when one is known


@dataclass
class Result:
    name: str
    cases: int = 0
    reported: int = 0
    on_the_question: int = 0  # reported naming the missing question
    true_positives: int = 0
    false_positives: int = 0
    misses: int = 0
    strategies: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.reported / self.cases if self.cases else 0.0


def _rows(name: str) -> list[dict[str, str]]:
    return [json.loads(line) for line in (REAL / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _faq() -> list[list[dict[str, str]]]:
    return [_rows("rutube_faq.jsonl"), _rows("vtb_faq.jsonl")]


def _other(rows: list[dict[str, str]], index: int) -> dict[str, str]:
    return rows[(index + len(rows) // 2) % len(rows)]


def matched() -> Iterator[Case]:
    for rows in _faq():
        for row in rows:
            yield Case(row["id"], row["question"], row["answer"], expected=False)


def off_topic() -> Iterator[Case]:
    for rows in _faq():
        for index, row in enumerate(rows):
            yield Case(row["id"], row["question"], _other(rows, index)["answer"], expected=True,
                       missing=row["question"])


def _together(first: str, second: str) -> str:
    first = first.strip()
    return f"{first} {second.strip()}" if first.endswith(("?", ".", "!")) else f"{first}. {second.strip()}"


def double_one_missing() -> Iterator[Case]:
    for rows in _faq():
        for index, row in enumerate(rows):
            other = _other(rows, index)
            yield Case(row["id"], _together(row["question"], other["question"]), row["answer"], expected=True,
                       missing=other["question"].strip())


def double_both() -> Iterator[Case]:
    for rows in _faq():
        for index, row in enumerate(rows):
            other = _other(rows, index)
            yield Case(row["id"], _together(row["question"], other["question"]),
                       f"{row['answer'].strip()}\n\n{other['answer'].strip()}", expected=False)


def dev() -> Iterator[Case]:
    exchanges = {row["id"]: row for row in _rows("exchanges.jsonl")}
    for label in _rows("labels-dev.jsonl"):
        exchange = exchanges.get(label["id"])
        if exchange is None or label.get("has_unanswered") is None or not exchange.get("client"):
            continue
        yield Case(label["id"], exchange["client"], exchange["reply"] or "", expected=bool(label["has_unanswered"]))


SETS = {"matched": matched, "off-topic": off_topic, "double-one-missing": double_one_missing,
        "double-both": double_both, "dev": dev}


def measure(name: str, cases: Iterator[Case]) -> Result:
    from replylint.engine.runner import analyse
    from replylint.mechanisms.questions import UNANSWERED, assess

    result = Result(name)
    for case in cases:
        client = analyse(case.client)
        verdicts = assess(client, analyse(case.reply))
        result.cases += 1
        unanswered = [verdict for verdict in verdicts if verdict.status == UNANSWERED]
        for verdict in verdicts:
            result.strategies[f"{verdict.status}:{getattr(verdict, 'strategy', '?')}"] += 1
        if unanswered:
            result.reported += 1
        if case.missing and any(case.missing in verdict.question.text or verdict.question.text in case.missing
                                for verdict in unanswered):
            result.on_the_question += 1
        if unanswered and case.expected:
            result.true_positives += 1
        elif unanswered:
            result.false_positives += 1
        elif case.expected:
            result.misses += 1
        if bool(unanswered) != case.expected:
            shown = "; ".join(f"{v.status}/{getattr(v, 'strategy', '?')}: {' '.join(v.question.text.split())[:90]}"
                              for v in verdicts) or "no question found"
            result.errors.append(f"{name} {case.id}: expected {'report' if case.expected else 'silence'}: {shown}")
    return result


def report(result: Result) -> str:
    line = f"{result.name:20} {result.cases:4} cases  reported {result.reported:4} ({result.share:6.1%})"
    if result.name == "dev":
        line += (f"  precision {precision(result.true_positives, result.false_positives):.2f}"
                 f" recall {recall(result.true_positives, result.misses):.2f}"
                 f" (tp {result.true_positives}, fp {result.false_positives}, fn {result.misses})")
    elif result.name in {"off-topic", "double-one-missing"}:
        line += f"  naming the missing question {result.on_the_question / max(result.cases, 1):6.1%}"
    strategies = ", ".join(f"{key} {count}" for key, count in result.strategies.most_common())
    return f"{line}\n{'':21}decided by: {strategies}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong verdict")
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="measure only these sets")
    parser.add_argument("--no-frequencies", action="store_true",
                        help="weigh every word alike, as without wordfreq installed")
    arguments = parser.parse_args()
    if arguments.no_frequencies:
        from replylint.mechanisms.questions import relevance

        relevance.informativeness = lambda lemma, lang: 1.0  # type: ignore[assignment]
    if not REAL.is_dir():
        print(f"skipped: {REAL} is absent (the real material is not part of the repository)")
        return
    for name in arguments.set or list(SETS):
        result = measure(name, SETS[name]())
        if arguments.errors:
            print("\n".join(result.errors))
        print(report(result))


if __name__ == "__main__":
    main()
