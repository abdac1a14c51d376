"""ty-form: addressing the client as «ты», found by morphology rather than by a word list."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from replylint.document.model import Document
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
            if document.in_quoted_speech(token.start):
                continue
            kind = _ty_kind(document, token, words[index - 1] if index else None,
                            words[index + 1] if index + 1 < len(words) else None, asked)
            if kind is None or _starts_fixed_phrase(words, index, fixed):
                continue
            asked = asked or kind == "verb"
            yield Hit(token.start, token.end, kind, {"word": token.text})


def _ty_kind(document: Document, token: Token, previous: Token | None, following: Token | None,
             asked: bool = False) -> str | None:
    lang = document.language
    parses = document.morph.parse(token.text)
    if not parses:
        return None
    best = parses[0]
    lemma = fold(best.normal_form)
    grammemes = set(best.tag.grammemes)
    if fold(token.text) in phrase_list(lang, "address", "pronoun_forms"):
        return "pronoun"
    if ("NPRO" in grammemes and lemma in _PRONOUN_LEMMAS[lang]) or lemma in _POSSESSIVE_LEMMAS[lang]:
        return "pronoun"
    if not _is_ty_verb(grammemes):
        return "verb" if _hidden_imperative(document, token, parses, previous, following, asked) else None
    rivals = [parse for parse in parses[1:]
              if not _is_ty_verb(set(parse.tag.grammemes)) and parse.score >= best.score * _AMBIGUITY_RATIO]
    if not rivals:
        return "verb"
    # «пришли»: «пришлите» in the singular, or the past plural of «прийти». A subject before it
    # («мы пришли») settles it as the past; with none, it is the request.
    if any(rival.tag.POS != "VERB" for rival in rivals) or _has_subject(document, previous):
        return None
    return "verb"


# Ukrainian imperatives pymorphy3 reads first as a noun («зайди», «оплати», «онови»: genitives of
# «зайда», «оплата», «онова»): a clause opening with one is an instruction to «ти» — unless the
# next word is a verb or «не», which make the noun the subject («Оплати не надійшло»). After «і»,
# «та» only in a sentence that already asks «ти» to do something: «…підтвердження та оплати».
_CLAUSE_JOINERS = {"uk": frozenset({"і", "й", "та", "а", "потім", "тоді", "також"}), "ru": frozenset()}
_NOUN_SUBJECT_NEXT = frozenset({"не", "ще", "вже", "немає", "нема"})


def _hidden_imperative(document: Document, token: Token, parses: tuple[Any, ...], previous: Token | None,
                       following: Token | None, asked: bool) -> bool:
    joiners = _CLAUSE_JOINERS.get(document.language, frozenset())
    if not joiners or parses[0].tag.POS != "NOUN":
        return False
    if not any(_is_ty_verb(set(parse.tag.grammemes)) and "impr" in parse.tag.grammemes for parse in parses):
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
