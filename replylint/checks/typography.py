"""caps, emoji, exclamation, punctuation-run: how the reply looks on the screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from replylint.document.language import CYRILLIC
from replylint.document.model import Document, Span
from replylint.document.normalize import fold
from replylint.document.tokens import Token, TokenKind
from replylint.mechanisms.phrases import phrase_list
from replylint.mechanisms.style import bracket_smileys, find_emoticons
from replylint.rulekit.context import Context
from replylint.rulekit.finding import Fix, Severity
from replylint.rulekit.options import NoOptions
from replylint.rulekit.registry import Hit, rule

# Short capitalised words the dictionary does not know are abbreviations (ТТН, ЛК, ЦНАП).
_SHORT_UNKNOWN = 4


# --- caps -----------------------------------------------------------------------------------

@rule("caps")
def caps(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    run: list[Token] = []
    for token in document.words:
        if _is_shouting(document, token):
            if run and "\n" in document.text[run[-1].end : token.start]:
                yield _caps_hit(document, run, context)
                run = []
            run.append(token)
        elif run:
            yield _caps_hit(document, run, context)
            run = []
    if run:
        yield _caps_hit(document, run, context)


def _caps_hit(document: Document, run: list[Token], context: Context[Any]) -> Hit:
    start, end = run[0].start, run[-1].end
    mirrored = context.client_style.caps
    return Hit(start, end, params={"word": document.text[start:end]},
               severity=Severity.INFO if mirrored else None)


def _is_shouting(document: Document, token: Token) -> bool:
    if not token.text.isupper():
        return False  # a small letter, or no cased letter at all: not capitals (most words, at once)
    letters = [ch for ch in token.text if ch.isalpha()]
    if len(letters) < 2 or not all(ch.isupper() for ch in letters):
        return False
    if not CYRILLIC.search(token.text):
        return False  # Latin capitals in a Russian or Ukrainian reply are brands and codes
    if document.in_quoted_speech(token.start) or len(set(letters)) == 1:
        return False  # «ХХХХХХ» stands for digits to fill in, «ЖЖ» is a code
    if _is_heading(document, token):
        return False
    return not all(_is_abbreviation(document, part) for part in re.split(r"[-'’ʼ]", token.text) if part)


# A short line written wholly in capitals («1.2 ЗАПИСЬ», «ИСТОЧНИКИ») heads a section of an
# instruction: layout, not a raised voice.
_HEADING_MAX_WORDS = 6


def _is_heading(document: Document, token: Token) -> bool:
    line = next((line for line in document.body_lines if line.start <= token.start < line.end), None)
    if line is None:
        return False
    words = re.findall(r"[^\W\d_]+", line.text)
    return 0 < len(words) <= _HEADING_MAX_WORDS and all(word.isupper() for word in words) \
        and not line.text.rstrip().endswith(("!", "?"))


def _is_abbreviation(document: Document, word: str) -> bool:
    folded = fold(word)
    if folded in phrase_list(document.language, "abbreviations") or folded in phrase_list("common", "units"):
        return True
    if sum(ch.isalpha() for ch in word) < 2:
        return True
    morph = document.morph
    if len(word) <= _SHORT_UNKNOWN and not morph.is_known(word):
        return True
    return morph.has_tag(word, {"Abbr"}, best_only=True)


# --- emoji ----------------------------------------------------------------------------------

_ATOMS = (TokenKind.URL, TokenKind.EMAIL, TokenKind.PLACEHOLDER)


@rule("emoji")
def emoji(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    severity = Severity.INFO if context.client_style.emoji else None
    atoms: list[Span] = []
    taken: list[Span] = []
    for token in document.tokens:  # one pass: the emoji tokens, and the links and placeholders
        if token.kind is TokenKind.EMOJI:
            taken.append(Span(token.start, token.end))
        elif token.kind in _ATOMS:
            atoms.append(Span(token.start, token.end))
    for match in find_emoticons(document.text, document.body.start, document.body.end):
        if not any(match.start() in atom for atom in atoms) and not document.in_quoted_speech(match.start()):
            taken.append(Span(match.start(), match.end()))
    for line in document.body_lines:
        taken.extend(span for span in bracket_smileys(document.text, line.start, line.end)
                     if not any(span.start in other for other in taken)
                     and not any(span.start in atom for atom in atoms))
    for span in sorted(taken, key=lambda span: span.start):
        yield Hit(span.start, span.end, params={"word": document.text[span.start : span.end]}, severity=severity)


# --- exclamation ----------------------------------------------------------------------------

_MARK_RUN = re.compile(r"[!?][!?¡¿]+|‼|⁉")


class ExclamationOptions(NamedTuple):
    """The rule's options (rules/catalog/exclamation.toml)."""

    max_exclamations: int


@rule("exclamation", options=ExclamationOptions)
def exclamation(document: Document, context: Context[ExclamationOptions]) -> Iterator[Hit]:
    body = document.text[: document.body.end]
    mirrored = Severity.INFO if context.client_style.exclamation else None  # the client writes «!!!» too
    for match in _MARK_RUN.finditer(body):
        if document.in_quoted_speech(match.start()):
            continue
        replacement = "?" if "?" in match.group() else "!"
        yield Hit(match.start(), match.end(), params={"word": match.group()},
                  fix=Fix(match.start(), match.end(), replacement), severity=mirrored)
    limit = context.options.max_exclamations
    # A run counts once: it already has a finding of its own.
    marks = [match for match in re.finditer(r"!+", body) if not document.in_quoted_speech(match.start())]
    if len(marks) > limit:
        at = marks[limit]
        yield Hit(at.start(), at.end(), "many", {"count": len(marks), "limit": limit}, severity=mirrored)


# --- punctuation-run ------------------------------------------------------------------------

_PUNCTUATION_RUN = re.compile(r"(?P<dots>\.{4,}|…[.…]+|\.+…)|(?P<same>,{2,}|;{2,}|:{2,}(?!\w))")
_PUNCTUATION_RUN_NEEDS = ("....", "…", ",,", ";;", "::")


@rule("punctuation-run")
def punctuation_run(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    body = document.text[: document.body.end]
    if not any(run in body for run in _PUNCTUATION_RUN_NEEDS):
        return  # every run holds one of these: most replies have none, and skip the scan
    for match in _PUNCTUATION_RUN.finditer(document.text, 0, document.body.end):
        word = match.group()
        if match.lastgroup == "dots":
            yield Hit(match.start(), match.end(), "dots", {"word": word}, suggestion="…",
                      fix=Fix(match.start(), match.end(), "…"))
        else:
            yield Hit(match.start(), match.end(), params={"word": word}, suggestion=word[0],
                      fix=Fix(match.start(), match.end(), word[0]))
