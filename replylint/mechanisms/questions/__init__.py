"""The client's questions and whether a reply answers them.

One concept a module, read top to bottom:
- `cues`: the phrase lists of `rules/<lang>/questions.toml`, compiled once per language;
- `relevance`: a question's topic words weighted by informativeness, and how much a stretch of
  the reply covers them (lemmas, synonyms, stems, typos);
- `extraction`: which sentences of the client's message ask, split into one question each;
- `judging`: the verdict, an ordered list of small named strategies (the first that decides wins);
- `thresholds`: every number the above is tuned by.
"""

from __future__ import annotations

from replylint.mechanisms.questions.cues import ANSWERED, DEFERRED, KINDS, UNANSWERED
from replylint.mechanisms.questions.extraction import Question, extract_questions
from replylint.mechanisms.questions.judging import Verdict, assess, judge_all, mentions, question_groups
from replylint.mechanisms.questions.relevance import Term, coverage

__all__ = ["ANSWERED", "DEFERRED", "KINDS", "UNANSWERED", "Question", "Term", "Verdict", "assess", "coverage",
           "extract_questions", "judge_all", "mentions", "question_groups"]
