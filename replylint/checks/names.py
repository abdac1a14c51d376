"""name-mismatch, name-diminutive, patronymic: calling the client by the name they gave (004:
«Вам могут простить опечатки… но только не в имени»; «не используйте уменьшительно-ласкательных
форм»; 000: «указал и отчество, значит так его и называйте»).

All three need the client's name (mechanisms/names.py): without a client message, or without a
name in it, they are silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from replylint.document.language import LANGUAGES
from replylint.document.model import Document, Span
from replylint.document.morphology import morphology_for
from replylint.document.normalize import fold
from replylint.document.tokens import Token, TokenKind
from replylint.mechanisms.names import ClientName, NamePart, diminutives, edit_distance, known_names
from replylint.rulekit.context import Context
from replylint.rulekit.options import NoOptions
from replylint.rulekit.registry import Hit, rule

# Names shorter than this tolerate one wrong letter; longer ones two («Анастасия» → «Анастаися»).
_LONG_NAME = 7
_MIN_LETTERS = 3
_PERSON = frozenset({"Name", "Surn", "Patr"})
# An address: the name followed by a comma or an end mark («Женя, добрый день», «Спасибо, Женя!»).
_ADDRESS_AFTER = ",!?"


@rule("name-mismatch")
def name_mismatch(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    name = context.client_name
    if name is None:
        return
    skipped = _system_filled_greeting(document)
    for token in _capitalised_words(document):
        if (skipped and token.start in skipped) or any(part.matches(token.text, document.language)
                                                       for part in name.parts):
            continue
        part = _misspelt_part(document, context, name, token)
        if part is not None:
            yield Hit(token.start, token.end, params={"word": token.text, "name": part.written})


@rule("name-diminutive")
def name_diminutive(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    name = context.client_name
    if name is None:
        return
    forms = _diminutives_of(name.first.lemma, document.language)
    if not forms:
        return  # not in the table, or the client signed with a short form themselves
    for sentence in document.sentences:
        words = sentence.words
        for index, token in enumerate(words):
            if not token.text[:1].isupper() or document.in_quoted_speech(token.start):
                continue
            readings = document.morph.lemmas(token.text)
            if not readings & forms:
                continue
            # «Слава богу», «Жене» (= жена): a word with another reading counts only as an address
            # or as a capitalised word inside a sentence.
            if _has_other_reading(document, token) and index == 0 and not _is_address(document, token):
                continue
            case = _case_of(document, token, forms)
            yield Hit(token.start, token.end, params={"word": token.text, "name": name.first.written},
                      suggestion=_inflect(document, name.first, case))


@rule("patronymic")
def patronymic(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    name = context.client_name
    if name is None or name.patronymic is None:
        return
    skipped = _system_filled_greeting(document)
    words = _capitalised_words(document)
    for index, token in enumerate(words):
        if not name.first.matches(token.text, document.language) or (skipped and token.start in skipped):
            continue
        following = words[index + 1] if index + 1 < len(words) else None
        if following is not None and _adjacent(document, token, following) and name.patronymic.matches(
                following.text, document.language):
            continue
        case = _case_of(document, token, name.first.forms(document.language))
        yield Hit(token.start, token.end,
                  params={"word": token.text, "name": f"{name.first.written} {name.patronymic.written}"},
                  suggestion=f"{_inflect(document, name.first, case)} {_inflect(document, name.patronymic, case)}")


# --- helpers ------------------------------------------------------------------------------------

def _capitalised_words(document: Document) -> list[Token]:
    """The reply's own words that may be a name: capitalised, outside quoted speech."""
    return [token for token in document.words
            if token.text[:1].isupper() and not token.text.isupper()  # «АИС» is an abbreviation
            and sum(ch.isalpha() for ch in token.text) >= _MIN_LETTERS and not document.in_quoted_speech(token.start)]


def _misspelt_part(document: Document, context: Context[Any], name: ClientName, token: Token) -> NamePart | None:
    word = fold(token.text)
    for part in name.parts:
        limit = 1 if len(part.lemma) < _LONG_NAME else 2
        distance = min((edit_distance(word, form, limit) for form in part.forms(document.language)),
                       default=limit + 1)
        if 0 < distance <= limit and not _is_other_word(document, context, token, distance):
            return part
    return None


def _is_other_word(document: Document, context: Context[Any], token: Token, distance: int) -> bool:
    """A real word or another real name, not a typo: «Инна» beside «Анна», «Марина» (a marina)."""
    if document.morph.lemmas(token.text) & known_names():
        return True
    client_language = context.client.language if context.client is not None else document.language
    for lang in {document.language, client_language}:
        morph = morphology_for(lang)
        if not morph.is_known(token.text):
            continue
        parses = morph.parse(token.text)
        if any(not (_PERSON & parse.tag.grammemes) for parse in parses):
            return True  # an ordinary dictionary word
        # Dictionaries list rare spellings as names («Анастасиия»): one letter off the client's
        # name is still the typo the guide warns of; two off is another name.
        if distance > 1:
            return True
    return False


def _diminutives_of(lemma: str, language: str) -> frozenset[str]:
    forms: set[str] = set()
    for lang in {language, *LANGUAGES}:
        forms.update(diminutives(lang).get(lemma, ()))
    return frozenset(forms)


def _has_other_reading(document: Document, token: Token) -> bool:
    return any("Name" not in parse.tag.grammemes for parse in document.morph.parse(token.text))


def _is_address(document: Document, token: Token) -> bool:
    after = document.text[token.end : document.body.end].lstrip(" \t")
    return after[:1] in _ADDRESS_AFTER or not after or after[:1] == "\n"


def _case_of(document: Document, token: Token, forms: frozenset[str]) -> str | None:
    """The grammatical case the reply put the name in: «Жене» dative, «Сашку» vocative."""
    cases = [parse.tag.case for parse in document.morph.parse(token.text)
             if _PERSON & parse.tag.grammemes and fold(parse.normal_form) in forms]
    if _is_address(document, token) and ("voct" in cases or document.language == "uk"):
        return "voct"  # «Сашку, …» is not the dative; «Сашко, …» in Ukrainian calls for «Олександре»
    return cases[0] if cases else None


def _inflect(document: Document, part: NamePart, case: str | None) -> str:
    """The client's name in the case the reply needs («Іване Петровичу»), or as they wrote it."""
    if case in (None, "nomn"):
        return part.written
    for parse in document.morph.parse(part.written):
        if {part.role, "nomn"} <= parse.tag.grammemes:
            inflected = parse.inflect({case})
            if inflected is not None:
                word: str = inflected.word
                return word[:1].upper() + word[1:]
    return part.written


def _adjacent(document: Document, first: Token, second: Token) -> bool:
    return not document.text[first.end : second.start].strip()


def _system_filled_greeting(document: Document) -> Span | None:
    """The greeting line when a placeholder in it puts the name there («{{ name }}, добрый день»):
    the system fills the name, so what the agent typed there is no name to judge."""
    sentences, lines = document.sentences, document.body_lines
    if not sentences or not lines:
        return None
    end = sentences[0].end
    if sentences[0].text.rstrip().endswith(",") and len(sentences) > 1:
        end = sentences[1].end  # "{{ name }}," alone, the greeting on the next line
    if any(token.kind is TokenKind.PLACEHOLDER and token.start < end for token in document.tokens):
        return Span(sentences[0].start, end)
    return None
