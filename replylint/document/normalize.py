"""Text normalisation that remembers where each character came from.

Rules work on normalised text (LF line ends, plain spaces, no soft hyphens or zero-width marks);
findings must index the text as read, so every normalised character keeps its source offset.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

# Spaces that look like a space: NBSP, narrow NBSP, figure and thin spaces, ideographic space.
_SPACES = dict.fromkeys("\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000\u000b\u000c", " ")
# Invisible characters agents paste from Word or the web. ZWJ stays: it glues emoji sequences.
_DROPPED = set("\u00ad\u200b\u2060\ufeff\u200e\u200f")
# Any character normalize() changes: most drafts have none, and skip the loop over every character.
_CHANGED = re.compile("[\r" + re.escape("".join([*_SPACES, *_DROPPED])) + "]")


class NormalizedText(NamedTuple):
    """A text after normalisation, with the way back to the original's offsets."""

    text: str
    # source[i] = offset in the original text of text[i]; one extra slot at the end. A range when
    # nothing changed (most drafts): no list of offsets to build.
    source: Sequence[int]
    source_length: int

    def to_source(self, offset: int) -> int:
        """Offset in the original text of the normalised `offset` (end offsets map too)."""
        return self.source[min(max(offset, 0), len(self.source) - 1)]

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            at = self.to_source(start)
            return at, at
        # The end maps through the last character inside the span, so dropped marks after it stay out.
        return self.to_source(start), self.source[end - 1] + 1


def normalize(original: str) -> NormalizedText:
    length = len(original)
    if not _CHANGED.search(original):
        return NormalizedText(original, range(length + 1), length)
    chars: list[str] = []
    source = array("l")
    i = 0
    while i < length:
        ch = original[i]
        if ch == "\r":
            chars.append("\n")
            source.append(i)
            i += 2 if i + 1 < length and original[i + 1] == "\n" else 1
            continue
        if ch in _DROPPED:
            i += 1
            continue
        chars.append(_SPACES.get(ch, ch))
        source.append(i)
        i += 1
    source.append(length)
    return NormalizedText("".join(chars), source, length)


def fold(word: str) -> str:
    """The matching key of a word: lower case, "ё" as "е", one apostrophe form."""
    return word.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


@lru_cache(maxsize=65536)
def fold_token(text: str) -> str:
    """`fold` of a token's text, remembered: a check that folds every token of every sentence
    meets the same few thousand words draft after draft (a look-up is a fifth of a fold)."""
    return fold(text)
