"""greeting, informal-greeting, farewell: the formulas that open and close a reply."""

from __future__ import annotations

import re
from collections.abc import Iterator

from replylint.document.model import Document
from replylint.document.normalize import fold
from replylint.mechanisms.phrases import find_phrases
from replylint.rulekit.context import Context
from replylint.rulekit.finding import Severity
from replylint.rulekit.options import NoOptions
from replylint.rulekit.registry import Hit, rule

# A greeting may follow a name or a placeholder («Анна, добрый день!», «{{name}}, вітаємо!»), but
# no finished sentence: «Заказ готов. Кстати, добрый день!» does not open with a greeting.
_MAX_WORDS_BEFORE_GREETING = 4
_SENTENCE_END = re.compile(r"[.!?…]")
# An opening this short ("Анна,") is an address line; its greeting is on the next line.
_ADDRESS_LINE = 30


def _opening_text(document: Document) -> tuple[str, int] | None:
    lines = document.body_lines
    if not lines:
        return None
    first = lines[0]
    text = document.text[first.start : first.end]
    if len(text.strip()) <= _ADDRESS_LINE and len(lines) > 1:
        text = document.text[first.start : lines[1].end]
    return fold(text), first.start


def _greetings(document: Document, kind: str) -> list[tuple[int, int]]:
    opening = _opening_text(document)
    if opening is None:
        return []
    text, offset = opening
    found: list[tuple[int, int]] = []
    for match in find_phrases(text, document.language, "greetings", kind):
        if not _is_address(document, text[: match.start()]):
            break  # a longer prefix holds this one: no later match is an address either (linear cost)
        found.append((offset + match.start(), offset + match.end()))
    return found


def _is_address(document: Document, prefix: str) -> bool:
    prefix = document.atoms.sub("x", prefix)  # a placeholder is one word, whatever dots it has
    return not _SENTENCE_END.search(prefix) and len(prefix.split()) <= _MAX_WORDS_BEFORE_GREETING


@rule("greeting")
def greeting(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    opening = document.opening
    if opening is None or _greetings(document, "entries") or _greetings(document, "informal"):
        return
    first_sentence = document.sentences[0] if document.sentences else None
    end = min(opening.end, first_sentence.end) if first_sentence else opening.end
    yield Hit(opening.start + (len(opening.text) - len(opening.text.lstrip())), end)


@rule("informal-greeting")
def informal_greeting(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    # The client greeted «Привет» themselves: mirroring them is no breach (004: «подражайте стилю»).
    mirrored = Severity.INFO if context.client_style.informal_greeting else None
    for start, end in _greetings(document, "informal")[:1]:
        yield Hit(start, end, params={"word": document.text[start:end]}, severity=mirrored)


@rule("farewell")
def farewell(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    if document.closing_line is not None or not document.closing:
        return
    for line in document.closing[-2:]:
        if find_phrases(fold(line.text), document.language, "farewells"):
            return
    if document.signature and find_phrases(fold(document.text[document.signature.start : document.signature.end]),
                                           document.language, "farewells"):
        return
    last = document.closing[-1]
    yield Hit(last.start + (len(last.text) - len(last.text.lstrip())), last.end)
