"""Wording and tone: words and phrases from the per-language lexicons (rules/<lang>/<name>.toml).

A rule that is only a word list has no code: its catalog entry names the lexicon (`[lexicon]` in
`rules/catalog/<id>.toml`) and `lexicon_rule` below reports every match in the reply's own text,
with the entry's replacement where it has exactly one (diminutive, slang, jargon, bureaucratese,
blame, demanding, emotional, bot-phrase, redirect-to-site, kitchen). The rules that decide more
than a match are here in code: vague-promise (a match with no concrete time near it), over-apology
and over-thanks (more formulas than the rule's option allows).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from replylint.data import load_toml
from replylint.document.model import Document
from replylint.document.normalize import fold
from replylint.document.tokens import Token, TokenKind
from replylint.mechanisms.lexicon import LexiconMatch, replacement
from replylint.rulekit.catalog import LexiconUse, catalog
from replylint.rulekit.context import Context
from replylint.rulekit.finding import Fix
from replylint.rulekit.options import NoOptions
from replylint.rulekit.registry import Hit, RuleFunction, is_registered, rule


def lexicon_rule(use: LexiconUse) -> RuleFunction:
    """The rule of a catalog entry that is only a lexicon: every match, longest first."""

    def check(document: Document, context: Context[Any]) -> Iterator[Hit]:
        matches = context.lexicon(use.name)
        for match in matches:
            yield _hit(document, match, swap_is_safe=use.safe_fixes)
        if use.foreign_words:
            for match in context.foreign_words(use.name):
                if any(other.start <= match.start < other.end for other in matches):
                    continue
                # The other language's replacement is no word of this draft's language: no suggestion.
                yield Hit(match.start, match.end, params={"word": document.text[match.start : match.end]})

    return check


def _hit(document: Document, match: LexiconMatch, *, swap_is_safe: bool) -> Hit:
    word = document.text[match.start : match.end]
    found = replacement(document, match, swap_is_safe=swap_is_safe)
    suggestion = found.text if found else " / ".join(match.entry.suggest) or None
    if suggestion is None:
        return Hit(match.start, match.end, params={"word": word})
    fix = Fix(match.start, match.end, found.text, found.safe) if found else None
    return Hit(match.start, match.end, "suggest", {"word": word, "suggest": suggestion},
               suggestion=suggestion, fix=fix)


# --- vague-promise ----------------------------------------------------------------------------

@rule("vague-promise")
def vague_promise(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    sentences = document.sentences
    for match in context.lexicon(_lexicon_of("vague-promise")):
        index = next((i for i, sentence in enumerate(sentences) if sentence.start <= match.start < sentence.end), 0)
        # The time may follow in the next sentence: «Ответим в ближайшее время. Обычно это до 2 часов.»
        nearby = [token for sentence in sentences[index : index + 2] for token in sentence.tokens
                  if not match.start <= token.start < match.end]
        if not _names_a_time(document, nearby):
            yield _hit(document, match, swap_is_safe=False)


_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_DATE = re.compile(r"\d{1,2}\.\d{1,2}(?:\.\d{2,4})?")
_UNIT_REACH = 3  # «2 рабочих дня», «до 5 календарных дней»: a unit within this many words of the number


@cache
def _time_words(lang: str) -> dict[str, frozenset[str]]:
    table = load_toml(f"{lang}/vague-promise.toml").get("concrete_time", {})
    return {key: frozenset(fold(word) for word in table.get(key, ())) for key in
            ("units", "days", "months", "within", "numerals")}


def _names_a_time(document: Document, tokens: list[Token]) -> bool:
    """A clock time, a date, a weekday, «сегодня/завтра», a month, or a number (or «в течение»,
    «до конца») before a time unit: the promise says when."""
    words = _time_words(document.language)
    lemmas = [document.morph.lemma(token.text) if token.is_word else "" for token in tokens]
    for index, token in enumerate(tokens):
        lemma = lemmas[index]
        if token.kind is TokenKind.NUMBER:
            if _CLOCK.fullmatch(token.text) or _DATE.fullmatch(token.text):
                return True
            counts = token.text.isdigit()
        else:
            if lemma in words["days"] or lemma in words["months"]:
                return True
            counts = lemma in words["numerals"] or lemma in words["within"]
        if counts:
            following = [lemmas[at] for at in range(index + 1, min(index + 1 + _UNIT_REACH, len(tokens)))]
            if any(word in words["units"] or word in words["months"] for word in following):
                return True
    return False


# --- over-apology, over-thanks ----------------------------------------------------------------

def _lexicon_of(rule_id: str) -> str:
    use = catalog()[rule_id].lexicon
    assert use is not None, f"{rule_id}: its catalog entry names no [lexicon]"
    return use.name


def _too_many(document: Document, context: Context[Any], rule_id: str, limit: int) -> Iterator[Hit]:
    """Counted over the reply's own text, the farewell included: «Спасибо за обращение» is one
    more thanks the client reads. The finding points at the first formula over the limit."""
    matches = context.lexicon(_lexicon_of(rule_id))
    if len(matches) > limit:
        extra = matches[limit]
        yield Hit(extra.start, extra.end, params={"count": len(matches), "limit": limit,
                                                  "word": document.text[extra.start : extra.end]})


class OverApologyOptions(NamedTuple):
    """The rule's options (rules/catalog/over-apology.toml)."""

    max_apologies: int


class OverThanksOptions(NamedTuple):
    """The rule's options (rules/catalog/over-thanks.toml)."""

    max_thanks: int


@rule("over-apology", options=OverApologyOptions)
def over_apology(document: Document, context: Context[OverApologyOptions]) -> Iterator[Hit]:
    return _too_many(document, context, "over-apology", context.options.max_apologies)


@rule("over-thanks", options=OverThanksOptions)
def over_thanks(document: Document, context: Context[OverThanksOptions]) -> Iterator[Hit]:
    return _too_many(document, context, "over-thanks", context.options.max_thanks)


# Every other catalog entry with a `[lexicon]` table is a rule of its own, with no code.
for _spec in catalog().values():
    if _spec.lexicon is not None and not is_registered(_spec.id):
        rule(_spec.id)(lexicon_rule(_spec.lexicon))
