"""caps, emoji, exclamation, punctuation-run: how the reply looks on the screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from replylint.data import load_toml
from replylint.document.model import Document, Span
from replylint.document.normalize import fold
from replylint.document.tokens import Token, TokenKind
from replylint.engine.context import Context
from replylint.engine.finding import Fix, Severity
from replylint.engine.registry import Hit, rule
from replylint.mechanisms.phrases import phrase_list
from replylint.mechanisms.style import client_style

_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
# Short capitalised words the dictionary does not know are abbreviations (ТТН, ЛК, ЦНАП).
_SHORT_UNKNOWN = 4


# --- caps -----------------------------------------------------------------------------------

@rule("caps")
def caps(document: Document, context: Context) -> Iterator[Hit]:
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


def _caps_hit(document: Document, run: list[Token], context: Context) -> Hit:
    start, end = run[0].start, run[-1].end
    mirrored = client_style(context).caps
    return Hit(start, end, params={"word": document.text[start:end]},
               severity=Severity.INFO if mirrored else None)


def _is_shouting(document: Document, token: Token) -> bool:
    letters = [ch for ch in token.text if ch.isalpha()]
    if len(letters) < 2 or not all(ch.isupper() for ch in letters):
        return False
    if not _CYRILLIC.search(token.text):
        return False  # Latin capitals in a Russian or Ukrainian reply are brands and codes
    if document.in_quoted_speech(token.start):
        return False
    return not all(_is_abbreviation(document, part) for part in re.split(r"[-'’ʼ]", token.text) if part)


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

@rule("emoji")
def emoji(document: Document, context: Context) -> Iterator[Hit]:
    severity = Severity.INFO if client_style(context).emoji else None
    atoms = [Span(token.start, token.end) for token in document.tokens
             if token.kind in (TokenKind.URL, TokenKind.EMAIL, TokenKind.PLACEHOLDER)]
    taken: list[Span] = []
    for token in document.tokens:
        if token.kind is TokenKind.EMOJI:
            taken.append(Span(token.start, token.end))
    for match in _emoticon_pattern().finditer(document.text, document.body.start, document.body.end):
        if not any(match.start() in atom for atom in atoms) and not document.in_quoted_speech(match.start()):
            taken.append(Span(match.start(), match.end()))
    for line in document.body_lines:
        taken.extend(span for span in _bracket_smileys(document.text, line.start, line.end)
                     if not any(span.start in other for other in taken)
                     and not any(span.start in atom for atom in atoms))
    for span in sorted(taken, key=lambda span: span.start):
        yield Hit(span.start, span.end, params={"word": document.text[span.start : span.end]}, severity=severity)


@cache
def _emoticon_pattern() -> re.Pattern[str]:
    entries = sorted(load_toml("common/emoticons.toml").get("entries", ()), key=len, reverse=True)
    symbolic = "|".join(re.escape(entry) for entry in entries if not entry[0].isalnum())
    lettered = "|".join(re.escape(entry) for entry in entries if entry[0].isalnum())
    # «Спасибо:)» is a smiley, but not «10:30» or «http://»; «xD» only as a word of its own.
    return re.compile(rf"(?<![\d:;=/<^])(?:{symbolic})(?![\w/])|(?<!\w)(?:{lettered})(?![\w/])")


# A list marker: "1)", "12)", "а)", "b)" at the start of a line or after a space, a semicolon or a colon.
_LIST_MARKER = re.compile(r"(?:^|[\s;:,(])(?:\d{1,2}(?:\.\d{1,2})*|[a-zа-яёіїєґ])$", re.IGNORECASE)


def _bracket_smileys(text: str, start: int, end: int) -> list[Span]:
    """Unbalanced ")" runs and trailing "(" runs of a line: Russian-style smileys."""
    spans: list[Span] = []
    opened: list[int] = []
    index = start
    while index < end:
        ch = text[index]
        if ch == "(":
            opened.append(index)
        elif ch == ")":
            if opened:
                opened.pop()
            elif not _LIST_MARKER.search(text[max(start, index - 8) : index]):
                run_end = index
                while run_end < end and text[run_end] == ")":
                    run_end += 1
                spans.append(Span(index, run_end))
                index = run_end
                continue
        index += 1
    # Sad smileys: a run of "(" that nothing closes, standing before the end or a space.
    runs: list[list[int]] = []
    for position in opened:
        if runs and runs[-1][-1] == position - 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    for run in runs:
        after = run[-1] + 1
        tail = text[after:end].lstrip()
        if len(run) >= 2 or not tail or tail[0] in ".!?,":
            spans.append(Span(run[0], after))
    return spans


# --- exclamation ----------------------------------------------------------------------------

_MARK_RUN = re.compile(r"[!?][!?¡¿]+|‼|⁉")


@rule("exclamation")
def exclamation(document: Document, context: Context) -> Iterator[Hit]:
    body = document.text[: document.body.end]
    for match in _MARK_RUN.finditer(body):
        if document.in_quoted_speech(match.start()):
            continue
        replacement = "?" if "?" in match.group() else "!"
        yield Hit(match.start(), match.end(), params={"word": match.group()},
                  fix=Fix(match.start(), match.end(), replacement))
    limit = int(context.option("max_exclamations", 3))
    # A run counts once: it already has a finding of its own.
    marks = [match for match in re.finditer(r"!+", body) if not document.in_quoted_speech(match.start())]
    if len(marks) > limit:
        at = marks[limit]
        yield Hit(at.start(), at.end(), "many", {"count": len(marks), "limit": limit})


# --- punctuation-run ------------------------------------------------------------------------

_PUNCTUATION_RUN = re.compile(r"(?P<dots>\.{4,}|…[.…]+|\.+…)|(?P<same>,{2,}|;{2,}|:{2,}(?!\w))")


@rule("punctuation-run")
def punctuation_run(document: Document, context: Context) -> Iterator[Hit]:
    for match in _PUNCTUATION_RUN.finditer(document.text, 0, document.body.end):
        word = match.group()
        if match.lastgroup == "dots":
            yield Hit(match.start(), match.end(), "dots", {"word": word}, suggestion="…",
                      fix=Fix(match.start(), match.end(), "…"))
        else:
            yield Hit(match.start(), match.end(), params={"word": word}, suggestion=word[0],
                      fix=Fix(match.start(), match.end(), word[0]))
