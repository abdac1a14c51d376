"""The `grammar` rule's one network call: LanguageTool, when the user configured a server.

Rules are pure, so the request happens here, between building a draft's Document and running
the rules; the matches reach the `grammar` rule through `Context.grammar`. Only the reply's own
text is sent: the quoted history and the client's message never leave the machine, and
placeholders, links, e-mails and phone numbers are blanked out (offsets stay put). If the server
is down, slow or answers garbage, one warning goes to stderr and the run goes on without it.
"""

from __future__ import annotations

import pathlib
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from replylint.document.tokens import TokenKind

if TYPE_CHECKING:
    from replylint.document.model import Document
    from replylint.integrations.languagetool import GrammarMatch, LanguageToolClient

DEFAULT_TIMEOUT = 10.0
_PRIVATE_KINDS = {TokenKind.PLACEHOLDER, TokenKind.URL, TokenKind.EMAIL}
# A phone number: digits with spaces, dashes, dots or brackets, at least seven digits long.
_PHONE = re.compile(r"\+?\d[\d\s().-]{5,}\d")


class GrammarStage:
    """One LanguageTool client for a whole run; after the first failure it stays quiet."""

    def __init__(self, url: str, *, cache_dir: pathlib.Path | None = None, timeout: float = DEFAULT_TIMEOUT,
                 warn: Callable[[str], None] | None = None) -> None:
        self.url = url
        self.cache_dir = cache_dir
        self.timeout = timeout
        self._warn = warn or _stderr
        self._client: LanguageToolClient | None = None
        self.failed = False

    def check(self, document: Document) -> tuple[GrammarMatch, ...] | None:
        """LanguageTool's matches for the reply's own text; None if LanguageTool could not answer."""
        if self.failed:
            return None
        from replylint.integrations.languagetool import LanguageToolError

        text, masked = private_view(document)
        try:
            return tuple(self._connect().check(text, document.language, masked))
        except (LanguageToolError, ValueError) as error:
            self.failed = True
            self._warn(f"replylint: warning: grammar not checked: {error}")
            return None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def _connect(self) -> LanguageToolClient:
        if self._client is None:
            from replylint.integrations.languagetool import LanguageToolClient  # heavy: only when asked

            self._client = LanguageToolClient(self.url, timeout=self.timeout, cache_dir=self.cache_dir)
        return self._client


def private_view(document: Document) -> tuple[str, list[tuple[int, int]]]:
    """What may be sent: the text up to the quoted history, with the spans to blank out."""
    end = document.quote.start if document.quote is not None else len(document.text)
    text = document.text[:end]
    masked = [(token.start, token.end) for token in (*document.tokens, *document.signature_tokens)
              if token.kind in _PRIVATE_KINDS]
    masked += [match.span() for match in _PHONE.finditer(text)]
    masked += [(span.start, span.end) for span in document.quoted_lines]  # ">" lines: the client's words
    return text, masked


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def grammar_stage(url: str | None, cache_dir: str | None, timeout: float = DEFAULT_TIMEOUT) -> GrammarStage | None:
    """The stage for `check`'s --languagetool (or REPLYLINT_LANGUAGETOOL_URL); None when not asked for."""
    if not url:
        return None
    return GrammarStage(url, cache_dir=pathlib.Path(cache_dir) if cache_dir else None, timeout=timeout)
