"""call-to-action, introduce-yourself, greeting-only, too-short: what a reply as a whole must contain.

004 asks a message to get to the point at once («Говорите о деле сразу», «Не дробите»), to say who
writes («нужно поздороваться и представиться»), to avoid bare «Да»/«Нет»/«Ок», and to end with an
outcome («Обозначайте итог разговора»); 002 with a call to action («Резюме та виклик для дії»).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache

from replylint.data import load_toml
from replylint.document.model import Document, Sentence
from replylint.document.normalize import fold
from replylint.document.placeholders import DEFAULT_ATOMS
from replylint.document.tokens import Token, TokenKind, tokenize
from replylint.mechanisms.phrases import find_phrases, phrase_list
from replylint.rulekit.context import Analysis, Context
from replylint.rulekit.options import NoOptions
from replylint.rulekit.registry import Hit, rule

# "The end" of a reply: its last content sentences before the farewell (002, 004: «в кінці листа»).
_ENDING_SENTENCES = 2
_QUESTION_END = re.compile(r"\?[\s»\"”')\]]*$")
_POSTSCRIPT = re.compile(r"^\s*(?:p\.?\s?s|п\.?\s?с)\b", re.IGNORECASE)
_SECOND_PERSON = {"ru": {"вы"}, "uk": {"ви"}}
_SIGN_OFF_WORDS = 4
_AUXILIARY = {"быть", "бути"}  # «мы будем …»: the step is the infinitive, not the auxiliary


class _NextStepCues:
    """A language's cues of a next step;
    a plain class, not a dataclass: defining one costs most of a millisecond in every run."""

    __slots__ = ("agents", "generic_offers", "generic_questions", "not_requests", "requests", "times")

    def __init__(self, *, requests: tuple[str, ...], not_requests: tuple[str, ...], agents: frozenset[str],
                 times: tuple[re.Pattern[str], ...], generic_offers: tuple[re.Pattern[str], ...],
                 generic_questions: tuple[str, ...]) -> None:
        self.requests = requests
        self.not_requests = not_requests
        self.agents = agents
        self.times = times
        self.generic_offers = generic_offers
        self.generic_questions = generic_questions


@cache
def _next_step_cues(lang: str) -> _NextStepCues:
    raw = load_toml(f"{lang}/next-step.toml")
    return _NextStepCues(
        requests=phrase_list(lang, "next-step", "requests"),
        not_requests=phrase_list(lang, "next-step", "not_requests"),
        agents=frozenset(fold(agent) for agent in raw.get("agents", ())),
        times=_one_search(raw.get("times", ())),
        generic_offers=_one_search(raw.get("generic_offers", ())),
        generic_questions=phrase_list(lang, "next-step", "generic_questions"),
    )


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def _one_search(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """The patterns as one alternation: «does any of them occur» in one scan of the text, not one
    scan per pattern (6x faster here). Patterns with backreferences or flags stay apart."""
    if len(patterns) > 1 and not any(_BACKREFERENCE.search(pattern) for pattern in patterns):
        try:
            return (re.compile("|".join(f"(?:{pattern})" for pattern in patterns)),)
        except re.error:  # a global flag («(?i)») inside one, say: compiled apart (a bad one says so)
            pass
    return tuple(re.compile(pattern) for pattern in patterns)


def content_sentences(document: Document) -> list[Sentence]:
    """The body's sentences up to the farewell: no closing formula, P.S., or trailing thanks."""
    # The model never takes the opening line for the farewell, so «Доброго дня!» greeting is safe here.
    closing = document.closing_line
    limit = document.lines[closing].start if closing is not None else document.body.end
    sentences = [sentence for sentence in document.sentences if sentence.start < limit]
    if sentences and _is_greeting(document, sentences[0]):
        sentences.pop(0)
    while sentences and (_starts_with(document, sentences[-1], "farewells") or _is_sign_off(document, sentences[-1])):
        sentences.pop()
    postscript = next((index for index, sentence in enumerate(sentences) if _POSTSCRIPT.match(sentence.text)), None)
    return sentences[:postscript] if postscript else sentences


def _is_greeting(document: Document, sentence: Sentence) -> bool:
    """«Здравствуйте, Андрей Викторович!»: a greeting formula and names, nothing else."""
    folded = fold(sentence.text)
    spans = [(sentence.start + match.start(), sentence.start + match.end())
             for key in ("entries", "informal") for match in find_phrases(folded, document.language, "greetings", key)]
    return bool(spans) and all(any(start <= word.start < end for start, end in spans) or _is_name(document, word)
                               for word in sentence.words)


def _is_sign_off(document: Document, sentence: Sentence) -> bool:
    """«Анна, поддержка» on the last line, with no farewell above it: a signature the zones missed."""
    words = sentence.words
    return 0 < len(words) <= _SIGN_OFF_WORDS and _is_name(document, words[0]) and not any(
        document.morph.has_tag(word.text, {"VERB"}, best_only=True) for word in words)


def _starts_with(document: Document, sentence: Sentence, formulas: str) -> bool:
    """Whether the sentence opens with a greeting or farewell formula (`formulas`: the lexicon)."""
    folded = fold(sentence.text).strip(" \t-–—*_>!.")
    return any(match.start() == 0 for match in find_phrases(folded, document.language, formulas))


@rule("call-to-action")
def call_to_action(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    sentences = [sentence for sentence in content_sentences(document) if sentence.words]
    if not sentences or _is_too_short(document, context.analysis):
        return  # a greeting alone, a bare «Да»: greeting-only's and too-short's business
    ending = sentences[-_ENDING_SENTENCES:]
    cues = _next_step_cues(document.language)
    if any(_states_next_step(document, sentence, cues) for sentence in ending):
        return
    last = ending[-1]
    yield Hit(last.start, last.end)


def _states_next_step(document: Document, sentence: Sentence, cues: _NextStepCues) -> bool:
    folded = fold(sentence.text)
    if any(pattern.search(folded) for pattern in cues.generic_offers):
        return False  # «Если будут вопросы — пишите»: an open offer, not a step in this case
    if _QUESTION_END.search(sentence.text.rstrip()):
        return not any(phrase in folded for phrase in cues.generic_questions)
    if find_phrases(folded, document.language, "next-step", "requests"):
        return True
    words = [word for word in sentence.words if not document.in_quoted_speech(word.start)]
    if any(_is_request(document, words, index, cues) for index in range(len(words))):
        return True
    return any(pattern.search(folded) for pattern in cues.times) and _announces_our_step(document, words, cues)


_PLURAL_IMPERATIVE = frozenset({"VERB", "impr", "plur"})


def _is_request(document: Document, words: list[Token], index: int, cues: _NextStepCues) -> bool:
    """A plural imperative addressed to the client: «пришлите», «приходите», «надішліть»."""
    word = words[index]
    if not document.morph.has_tag(word.text, _PLURAL_IMPERATIVE):
        return False
    if index and fold(words[index - 1].text) in _SECOND_PERSON[document.language]:
        return False  # «вы приходите», «вы получите»: a statement, not a request
    following = " ".join(fold(token.text) for token in words[index : index + 3])
    return not any(following == phrase or following.startswith(phrase + " ") for phrase in cues.not_requests)


def _announces_our_step(document: Document, words: list[Token], cues: _NextStepCues) -> bool:
    """«пришлём», «перезвоню»; or a future action of ours by someone named: «курьер свяжется»."""
    has_agent = any(document.morph.lemma(word.text) in cues.agents for word in words)
    for word in words:
        parses = document.morph.parse(word.text)
        if not parses or fold(parses[0].normal_form) in _AUXILIARY:
            continue
        grammemes = set(parses[0].tag.grammemes)
        if {"VERB", "futr"} <= grammemes and ("1per" in grammemes or (has_agent and "3per" in grammemes)):
            return True
    return False


# --- introduce-yourself ---------------------------------------------------------------------------

_INTRODUCTION_SENTENCES = 3  # «Меня зовут Ольга» belongs to the opening


@rule("introduce-yourself")
def introduce_yourself(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    opening = document.opening
    if opening is None or _introduced_in_opening(document) or _signed(document):
        return
    yield Hit(opening.start + len(opening.text) - len(opening.text.lstrip()), opening.end)


def _introduced_in_opening(document: Document) -> bool:
    for sentence in document.sentences[:_INTRODUCTION_SENTENCES]:
        folded = fold(sentence.text)
        for match in find_phrases(folded, document.language, "introductions"):
            after = [token for token in sentence.tokens if token.start - sentence.start >= match.end()]
            if any(_is_name(document, token) for token in after[:3] if token.kind is not TokenKind.PUNCT):
                return True
    return False


def _signed(document: Document) -> bool:
    """A name (or a name placeholder) from the farewell line on, or in the signature block."""
    tokens: list[Token] = list(document.signature_tokens)
    if document.closing_line is not None:
        tokens += [token for sentence in document.sentences for token in sentence.tokens
                   if token.start >= document.lines[document.closing_line].start]
    lines = document.body_lines
    if len(lines) > 1 and len(lines[-1].text.split()) <= 6:  # «Анастасия, поддержка» without a farewell
        tokens += [token for token in document.tokens if token.start >= lines[-1].start]
    return any(_is_name(document, token) for token in tokens)


def _is_name(document: Document, token: Token) -> bool:
    if token.kind is TokenKind.PLACEHOLDER:
        return True  # «[Имя оператора]», «{{agent.name}}»: the template fills the agent's name in
    if token.kind is not TokenKind.WORD or not token.text[:1].isupper() or token.text.isupper():
        return False
    return document.morph.has_tag(token.text, {"Name"})


# --- greeting-only, too-short ---------------------------------------------------------------------

def _only_formulas(document: Document, analysis: Analysis, lists: tuple[tuple[str, str], ...]) -> bool:
    """Whether the body holds a formula of `lists` ((lexicon, key) pairs) and no word outside them
    but names and placeholders."""
    # The folded body keeps the text's offsets (its length unchanged): a word-by-word shortcut holds.
    if len(analysis.body_folded) == document.body.end - document.body.start:
        # A word inside a formula is one of that formula's words: a word of none of them that is no
        # name settles it before any formula is looked for (most replies, at their first word).
        words = _formula_words(document.language, lists)
        if any(fold(word.text) not in words and not _is_name(document, word) for word in document.words):
            return False
    covered: list[tuple[int, int]] = []
    for name, key in lists:
        covered += analysis.body_formulas(name, key)
    if not covered:
        return False
    # Sorted, merged spans and a bisect per word: one pass, not words x formulas (long drafts).
    merged: list[list[int]] = []
    for start, end in sorted(covered):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _ in merged]

    def inside(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < merged[index][1]

    return not any(not inside(word.start) and not _is_name(document, word) for word in document.words)


@cache
def _formula_words(lang: str, lists: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """Every word of every formula of `lists`, as the tokenizer cuts the formula's (folded) text."""
    return frozenset(fold(token.text) for name, key in lists for phrase in phrase_list(lang, name, key)
                     for token in tokenize(phrase, 0, len(phrase), DEFAULT_ATOMS) if token.is_word)


_GREETING_LISTS = (("greetings", "entries"), ("greetings", "informal"), ("short-replies", "presence"))


@rule("greeting-only")
def greeting_only(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    if not _only_formulas(document, context.analysis, (*_GREETING_LISTS, ("farewells", "entries"))) \
            or not document.words \
            or _signature_says_something(document):
        return
    yield _whole_body(document)


@rule("too-short")
def too_short(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    if _is_too_short(document, context.analysis):
        yield _whole_body(document)


def _is_too_short(document: Document, analysis: Analysis) -> bool:
    """Only «Да», «Ок», «Добре» — perhaps with a greeting, a farewell or a name around them."""
    if not document.words:
        return False
    if not _only_formulas(document, analysis,
                          (*_GREETING_LISTS, ("farewells", "entries"), ("short-replies", "entries"))):
        return False
    return bool(analysis.body_formulas("short-replies", "entries"))


def _signature_says_something(document: Document) -> bool:
    """Text below a greeting that the zones took for a signature: uk «Доброго дня!» closes letters as
    often as it opens them, so a reply opening with it may have its body read as a signature; a verb
    there («Спробуємо. З ранку.») shows a misread short reply too."""
    if document.signature is None:
        return False
    opening = document.opening
    if document.closing_line is not None and opening is not None and \
            document.lines[document.closing_line].start == opening.start:
        return True
    return any(token.is_word and document.morph.has_tag(token.text, {"VERB"}, best_only=True)
               for token in document.signature_tokens)


def _whole_body(document: Document) -> Hit:
    first, last = document.body_lines[0], document.body_lines[-1]
    return Hit(first.start + len(first.text) - len(first.text.lstrip()), last.end)
