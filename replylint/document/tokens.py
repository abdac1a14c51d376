"""Tokens with exact offsets.

A regex rather than razdel's tokenizer: razdel glues emoji to words ("Спасибо😊") and splits
Ukrainian apostrophe words (з'ясуємо, кур’єр, обʼєкт), and both must be single tokens here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from replylint.document.placeholders import atoms_in


class TokenKind(StrEnum):
    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"
    EMOJI = "emoji"
    SYMBOL = "symbol"
    PLACEHOLDER = "placeholder"
    URL = "url"
    EMAIL = "email"


EMOJI_CHARS = (
    "\U0001f000-\U0001faff"  # pictographs, emoticons, transport, symbols and pictographs
    "\u2600-\u2604\u2607-\u2712\u2715\u2716\u2718-\u27bf"  # misc symbols, dingbats; not ★☆✓✔✗
    "\u2b50\u2b55\u2b1b\u2b1c\u203c\u2049\u2764\u231a\u231b\u23e9-\u23fa"
)
EMOJI_MODIFIERS = "\ufe0f\ufe0e\u200d\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
EMOJI_RUN = re.compile(f"[{EMOJI_CHARS}][{EMOJI_CHARS}{EMOJI_MODIFIERS}]*")

_APOSTROPHES = "'’ʼ"
# A word: runs of letters and digits joined by an apostrophe before a letter or a hyphen before a
# letter or digit. Written as runs with the joins between them, not as a choice per character:
# the same tokens, in half the time (a tokenizer's regex runs over every character of every draft).
_TOKEN = re.compile(
    rf"""(?P<emoji>[{EMOJI_CHARS}][{EMOJI_MODIFIERS}]*(?:\u200d[{EMOJI_CHARS}][{EMOJI_MODIFIERS}]*)*)
      | (?P<word>[^\W\d_][^\W_]*(?:(?:[{_APOSTROPHES}](?=[^\W\d_])|-(?=[^\W_]))[^\W_]*)*)
      | (?P<number>\d+(?:[.,:/-]\d+)*(?:[^\W\d_]+(?:-[^\W_]+)*)?)
      | (?P<punct>[.,!?;:…()\[\]{{}}«»"“”„'’\-–—/])
      | (?P<symbol>\S)""",
    re.VERBOSE,
)


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which made building
# the tokens half of tokenising (a library run makes some hundred thousand). Nothing changes a
# token after it is made; unsafe_hash keeps tokens hashable by value, as a frozen one is.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    """A word, number, link, placeholder or punctuation mark, with its offsets."""

    text: str
    start: int
    end: int
    kind: TokenKind

    @property
    def is_word(self) -> bool:
        return self.kind is TokenKind.WORD


# A token's kind by the name of the regex group that matched it (an Enum call per token is slow).
_KINDS = {kind.value: kind for kind in TokenKind}


def tokenize(text: str, start: int, end: int, atoms: re.Pattern[str]) -> list[Token]:
    """Tokens of text[start:end]; `atoms` (links, e-mails, placeholders) become single tokens."""
    tokens: list[Token] = []
    searched = atoms_in(atoms, text, start, end)
    if searched is None:
        _tokenize_plain(text, start, end, tokens)
        return tokens
    position = start
    for atom in searched.finditer(text, start, end):
        _tokenize_plain(text, position, atom.start(), tokens)
        tokens.append(Token(atom.group(), atom.start(), atom.end(), _KINDS[atom.lastgroup or "symbol"]))
        position = atom.end()
    _tokenize_plain(text, position, end, tokens)
    return tokens


def _tokenize_plain(text: str, start: int, end: int, into: list[Token]) -> None:
    kinds = _KINDS
    for match in _TOKEN.finditer(text, start, end):
        into.append(Token(match.group(), match.start(), match.end(), kinds[match.lastgroup or "symbol"]))
