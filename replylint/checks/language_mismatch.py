"""language-mismatch: the reply is in Russian when the client wrote Ukrainian, or the reverse
(004: «подражайте стилю собеседника» — answer in the client's language).

Both languages must be plain (document/language.py's `clear_language`): a client's «Ок, дякую»
or a message mixing both languages says nothing about which one they prefer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from replylint.document.language import clear_language
from replylint.document.model import Document, Span
from replylint.rulekit.context import Context
from replylint.rulekit.registry import Hit, rule


class LanguageMismatchOptions(NamedTuple):
    """The rule's options (rules/catalog/language-mismatch.toml)."""

    min_client_words: int


@rule("language-mismatch", options=LanguageMismatchOptions)
def language_mismatch(document: Document, context: Context[LanguageMismatchOptions]) -> Iterator[Hit]:
    client = context.client
    if client is None or not document.sentences:
        return
    min_words = context.options.min_client_words
    wanted = clear_language(_own_words(client), min_words=min_words)
    written = clear_language(_own_words(document), min_words=min_words)
    if wanted is None or written is None or wanted == written:
        return
    first = document.sentences[0]
    yield Hit(first.start, first.end, f"client-{wanted}")


# A fenced block quotes a letter or a status message verbatim, in whatever language it came in.
_FENCED = re.compile(r"```.*?(?:```|\Z)", re.DOTALL)


def _own_words(document: Document) -> str:
    """The body without what it quotes: quoted history and the signature are outside the body
    already; quoted speech («…») and fenced blocks inside it are blanked out."""
    text = document.text
    pieces = [*document.quoted_speech, *(Span(match.start(), match.end())
                                         for match in _FENCED.finditer(text, document.body.start, document.body.end))]
    own = list(text[document.body.start : document.body.end])
    for piece in pieces:
        for index in range(max(piece.start, document.body.start), min(piece.end, document.body.end)):
            own[index - document.body.start] = " "
    return "".join(own)
