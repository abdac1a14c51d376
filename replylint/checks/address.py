"""ty-form: addressing the client as «ты», found by morphology rather than by a word list."""

from __future__ import annotations

from collections.abc import Iterator

from replylint.document.model import Document
from replylint.document.normalize import fold
from replylint.document.tokens import Token
from replylint.engine.context import Context
from replylint.engine.registry import Hit, rule
from replylint.mechanisms.phrases import phrase_list

_PRONOUN_LEMMAS = {"ru": {"ты"}, "uk": {"ти"}}
_POSSESSIVE_LEMMAS = {"ru": {"твой"}, "uk": {"твій"}}
# Another reading this close to the verb's makes the word ambiguous («пожалуй», «печь»): skip it.
_AMBIGUITY_RATIO = 0.3


@rule("ty-form")
def ty_form(document: Document, context: Context) -> Iterator[Hit]:
    fixed = phrase_list(document.language, "address", "fixed_phrases")
    for sentence in document.sentences:
        words = sentence.words
        for index, token in enumerate(words):
            if document.in_quoted_speech(token.start):
                continue
            kind = _ty_kind(document, token, words[index - 1] if index else None)
            if kind is None or _starts_fixed_phrase(words, index, fixed):
                continue
            yield Hit(token.start, token.end, kind, {"word": token.text})


def _ty_kind(document: Document, token: Token, previous: Token | None) -> str | None:
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
        return None
    rivals = [parse for parse in parses[1:]
              if not _is_ty_verb(set(parse.tag.grammemes)) and parse.score >= best.score * _AMBIGUITY_RATIO]
    if not rivals:
        return "verb"
    # «пришли»: «пришлите» in the singular, or the past plural of «прийти». A subject before it
    # («мы пришли») settles it as the past; with none, it is the request.
    if any(rival.tag.POS != "VERB" for rival in rivals) or _has_subject(document, previous):
        return None
    return "verb"


def _is_ty_verb(grammemes: set[str]) -> bool:
    if "VERB" not in grammemes or "sing" not in grammemes or "incl" in grammemes or "Abbr" in grammemes:
        return False  # «incl»: «пойдём» includes the speaker; «Abbr»: «см.», «ср.» are references
    return "2per" in grammemes or "impr" in grammemes


def _has_subject(document: Document, previous: Token | None) -> bool:
    if previous is None:
        return False
    return any({"nomn"} <= set(parse.tag.grammemes) and parse.tag.POS in ("NPRO", "NOUN")
               for parse in document.morph.parse(previous.text))
def _starts_fixed_phrase(words: list[Token], index: int, fixed: tuple[str, ...]) -> bool:
    if not fixed:
        return False
    following = " ".join(fold(token.text) for token in words[index : index + 3])
    return any(following == phrase or following.startswith(phrase + " ") for phrase in fixed)
