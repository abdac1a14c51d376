"""unanswered-question, anticipate: the reply against the questions of the client's message.

Both need the client's message (context.client); without it they stay silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from replylint.rulekit.options import NoOptions
from replylint.rulekit.registry import Hit, rule

if TYPE_CHECKING:
    from replylint.document.model import Document
    from replylint.mechanisms.questions import Verdict
    from replylint.rulekit.context import Context

# The three things a buyer always wants to know (000 «Предугадывайте вопросы»; 002 «Один крок попереду»).
_TERMS = ("price", "delivery", "payment")


def _verdicts(document: Document, context: Context[Any]) -> list[Verdict]:
    """Computed once per draft (`Analysis.question_verdicts`): both rules read them."""
    return context.analysis.question_verdicts


def _answer_place(document: Document) -> tuple[int, int] | None:
    """Where a missing answer belongs: the last line of the reply's body before its farewell (the
    farewell line itself when it is the only line). A missing answer has no text of its own."""
    lines = document.body_lines
    if not lines:
        return None
    before_farewell = [line for line in lines
                       if document.closing_line is None or line.start < document.lines[document.closing_line].start]
    line = (before_farewell or lines)[-1]
    start = line.start + len(line.text) - len(line.text.lstrip())
    return start, line.start + len(line.text.rstrip())


def _client_span(context: Context[Any], start: int, end: int) -> dict[str, int]:
    """Where the question stands in the client's message: offsets into it as read, and its 1-based
    line and column (the reporters' `question` record)."""
    assert context.client is not None
    source_start, source_end = context.client.to_source(start, end)
    text = context.client.text
    line_start = text.rfind("\n", 0, start) + 1
    return {"question_start": source_start, "question_end": source_end,
            "question_line": text.count("\n", 0, start) + 1, "question_column": start - line_start + 1}


@rule("unanswered-question")
def unanswered_question(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    if context.client is None:
        return
    from replylint.mechanisms.questions import UNANSWERED

    place = _answer_place(document)
    if place is None:
        return
    for verdict in _verdicts(document, context):
        if verdict.status != UNANSWERED:
            continue
        question = verdict.question
        yield Hit(*place, message=question.kind,
                  params={"question": " ".join(question.text.split()), "kind": question.kind,
                          **_client_span(context, question.start, question.end)})


@rule("anticipate")
def anticipate(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    if context.client is None:
        return
    from replylint.mechanisms.questions import mentions, question_groups

    language = context.client.language
    asked = {term for verdict in _verdicts(document, context)
             for term in question_groups(verdict.question, language) if term in _TERMS}
    if len(asked) != 1:  # asked about none (nothing to anticipate) or about several already
        return
    topic = next(iter(asked))
    others = [term for term in _TERMS if term != topic]
    if any(mentions(document, term) for term in others):
        return
    place = _answer_place(document)
    if place is not None:
        yield Hit(*place, message=topic)
