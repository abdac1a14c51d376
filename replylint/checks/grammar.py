"""grammar: offline checks of the frequent real-word errors, plus LanguageTool (004 «Грамотность»).

The offline checks (replylint.mechanisms.grammar, data in rules/<lang>/grammar.toml) always run;
each finding names its check (`code`). LanguageTool's matches arrive in `context.grammar` when a
server is configured (replylint.engine.grammar_stage makes the request); of those, this rule
drops what replylint already says: a place an offline check flags, a misspelling the `spelling`
rule flags or deliberately skips (names, brands, vocabulary words), and punctuation runs the
typography rules flag.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from replylint.document.model import Document
from replylint.mechanisms.grammar import grammar_issues
from replylint.mechanisms.suggest import is_known
from replylint.rulekit.context import Context
from replylint.rulekit.finding import Fix
from replylint.rulekit.options import NoOptions
from replylint.rulekit.registry import Hit, rule

_SPELLING_CATEGORIES = {"TYPOS"}
_TYPOGRAPHY_CATEGORIES = {"PUNCTUATION", "TYPOGRAPHY"}
_SPELLING_RULES = ("spelling",)
_TYPOGRAPHY_RULES = ("punctuation-run", "exclamation", "emoji")


# The engine runs the rules this one reads first and hands it their hits (`context.earlier`).
@rule("grammar", reads=(*_SPELLING_RULES, *_TYPOGRAPHY_RULES))
def grammar(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    ours = grammar_issues(document)
    text = document.text
    for issue in ours:
        word = text[issue.start:issue.end]
        # Certain fixes are safe (`--fix`); the others only with `--unsafe-fixes`.
        fix = Fix(issue.start, issue.end, issue.suggestion, safe=issue.safe)
        yield Hit(issue.start, issue.end, issue.code, {"word": word, "suggestion": issue.suggestion,
                                                        "code": issue.code}, suggestion=issue.suggestion, fix=fix)
    if not context.grammar:
        return
    own_spans = [(issue.start, issue.end) for issue in ours]
    spelling_spans = _spans_of(context, _SPELLING_RULES)
    typography_spans = _spans_of(context, _TYPOGRAPHY_RULES)
    for match in context.grammar:
        start, end = match.start, max(match.end, match.start + 1)
        if _overlaps(start, end, own_spans):
            continue  # an offline check already says it, with its own code
        if _is_misspelling(match.category, match.rule_id, match.issue_type):
            word = document.text[match.start:match.end]
            # An unknown word is the spelling rule's call: flagged there, or a name it skips on purpose.
            if _overlaps(start, end, spelling_spans) or not is_known(document.language, word):
                continue
        elif match.category in _TYPOGRAPHY_CATEGORIES and _overlaps(start, end, typography_spans):
            continue
        best = match.replacements[0] if match.replacements else None
        yield Hit(match.start, match.end, params={"message": match.message, "rule": match.rule_id,
                                                  "code": f"languagetool:{match.rule_id}"}, suggestion=best)


def _is_misspelling(category: str, rule_id: str, issue_type: str) -> bool:
    return category in _SPELLING_CATEGORIES or rule_id.startswith("MORFOLOGIK") or issue_type == "misspelling"


def _spans_of(context: Context[Any], rule_ids: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where replylint's own rules fired on this draft (the ones the user has on)."""
    return [(hit.start, hit.end) for rule_id in rule_ids for hit in context.earlier.get(rule_id, ())]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)
