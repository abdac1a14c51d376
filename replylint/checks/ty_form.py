"""ty-form: addressing the client as «ты», found by morphology rather than by a word list."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from replylint.document.model import Document
from replylint.document.morphology import morphology_for
from replylint.document.normalize import fold
from replylint.document.tokens import Token
from replylint.mechanisms.phrases import phrase_list
from replylint.rulekit.context import Context
from replylint.rulekit.options import NoOptions
from replylint.rulekit.registry import Hit, rule

_PRONOUN_LEMMAS = {"ru": {"ты"}, "uk": {"ти"}}
_POSSESSIVE_LEMMAS = {"ru": {"твой"}, "uk": {"твій"}}
# Another reading this close to the verb's makes the word ambiguous («пожалуй», «печь»): skip it.
_AMBIGUITY_RATIO = 0.3


@rule("ty-form")
def ty_form(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    fixed = phrase_list(document.language, "address", "fixed_phrases")
    for sentence in document.sentences:
        words = sentence.words
        asked = False  # a «ти» verb already in this sentence: «Зайди…, оплати… і онови…»
        for index, token in enumerate(words):
            if _word_kind(document.language, token.text) is None or document.in_quoted_speech(token.start):
                continue  # most words: the word alone says it is no «ты» form (a look-up)
            kind = _ty_kind(document, token, words[index - 1] if index else None,
                            words[index + 1] if index + 1 < len(words) else None, asked)
            if kind is None or _starts_fixed_phrase(words, index, fixed):
                continue
            asked = asked or kind == "verb"
            yield Hit(token.start, token.end, kind, {"word": token.text})


def _ty_kind(document: Document, token: Token, previous: Token | None, following: Token | None,
             asked: bool = False) -> str | None:
    kind = _word_kind(document.language, token.text)
    if kind == "hidden":  # perhaps an imperative pymorphy3 reads as a noun: the neighbours decide
        parses = document.morph.parse(token.text)
        return "verb" if _hidden_imperative(document, token, parses, previous, following, asked) else None
    if kind == "subject":  # «пришли»: the request, unless a subject before it makes it the past
        return None if _has_subject(document, previous) else "verb"
    return kind


@lru_cache(maxsize=65536)
def _word_kind(lang: str, text: str) -> str | None:
    """What the word alone says: "pronoun", "verb", None; or what its neighbours must settle:
    "hidden" (a noun that may be a «ти» imperative), "subject" (a «ти» verb or a past plural).
    Depends on nothing but the word: answered once per word."""
    parses = morphology_for(lang).parse(text)
    if not parses:
        return None
    best = parses[0]
    lemma = fold(best.normal_form)
    grammemes = set(best.tag.grammemes)
    if fold(text) in phrase_list(lang, "address", "pronoun_forms"):
        return "pronoun"
    if ("NPRO" in grammemes and lemma in _PRONOUN_LEMMAS[lang]) or lemma in _POSSESSIVE_LEMMAS[lang]:
        return "pronoun"
    if not _is_ty_verb(grammemes):
        return "hidden" if _may_hide_imperative(lang, parses) else None
    rivals = [parse for parse in parses[1:]
              if not _is_ty_verb(set(parse.tag.grammemes)) and parse.score >= best.score * _AMBIGUITY_RATIO]
    if not rivals:
        return "verb"
    # «пришли»: «пришлите» in the singular, or the past plural of «прийти». A subject before it
    # («мы пришли») settles it as the past; with none, it is the request.
    if any(rival.tag.POS != "VERB" for rival in rivals):
        return None
    return "subject"


# Ukrainian imperatives pymorphy3 reads first as a noun («зайди», «оплати», «онови»: genitives of
# «зайда», «оплата», «онова»): a clause opening with one is an instruction to «ти» — unless the
# next word is a verb or «не», which make the noun the subject («Оплати не надійшло»). After «і»,
# «та» only in a sentence that already asks «ти» to do something: «…підтвердження та оплати».
_CLAUSE_JOINERS = {"uk": frozenset({"і", "й", "та", "а", "потім", "тоді", "також"}), "ru": frozenset()}
_NOUN_SUBJECT_NEXT = frozenset({"не", "ще", "вже", "немає", "нема"})


def _may_hide_imperative(lang: str, parses: tuple[Any, ...]) -> bool:
    """A noun first, a «ти» imperative among its other readings, in a language that has them."""
    if not _CLAUSE_JOINERS.get(lang, frozenset()) or parses[0].tag.POS != "NOUN":
        return False
    return any(_is_ty_verb(set(parse.tag.grammemes)) and "impr" in parse.tag.grammemes for parse in parses)


def _hidden_imperative(document: Document, token: Token, parses: tuple[Any, ...], previous: Token | None,
                       following: Token | None, asked: bool) -> bool:
    joiners = _CLAUSE_JOINERS.get(document.language, frozenset())
    if not _may_hide_imperative(document.language, parses):
        return False
    if previous is not None and not (asked and fold(previous.text) in joiners) \
            and not any(mark in document.text[previous.end : token.start] for mark in ",;:—–"):
        return False
    if following is None or fold(following.text) in _NOUN_SUBJECT_NEXT:
        return False
    return not document.morph.has_tag(following.text, {"VERB"}, best_only=True)


def _is_ty_verb(grammemes: set[str]) -> bool:
    if "VERB" not in grammemes or "sing" not in grammemes or "incl" in grammemes or "Abbr" in grammemes:
        return False  # «incl»: «пойдём» includes the speaker; «Abbr»: «см.», «ср.» are references
    return "2per" in grammemes or "impr" in grammemes


def _has_subject(document: Document, previous: Token | None) -> bool:
    if previous is None:
        return False
    return any({"nomn"} <= set(parse.tag.grammemes) and parse.tag.POS in ("NPRO", "NOUN")
               for parse in document.morph.parse(previous.text))
def _starts_fixed_phrase(words: Sequence[Token], index: int, fixed: tuple[str, ...]) -> bool:
    if not fixed:
        return False
    following = " ".join(fold(token.text) for token in words[index : index + 3])
    return any(following == phrase or following.startswith(phrase + " ") for phrase in fixed)
