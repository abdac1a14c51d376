"""How common a word is: wordfreq's Zipf frequency (ru, uk), behind one small API.

`zipf(word, lang)` is log10 of the word's frequency per billion words: 7 for «и», about 3 for a
word met once per million, 0 for a word wordfreq has not seen. wordfreq takes a second and a
half to load its list, so its Cyrillic words (Zipf >= MIN_ZIPF) are kept as one sorted tuple in
replylint's derived cache (replylint.data.derived), loaded only when a suggestion is ranked.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from replylint.data import derived

MIN_ZIPF = 2.0  # rarer words are neither suggested nor told apart from unseen ones
# A binary search costs microseconds, a dict of the table a third of a second to build: a process
# that asks this often (some twenty misspelt words) builds one.
_DICT_AFTER = 20000
_ASKED: dict[str, int] = {}
_LOOKUPS: dict[str, dict[str, float]] = {}
_WORD = re.compile(r"[а-яёіїєґ][а-яёіїєґ'-]*")


@dataclass(frozen=True)
class _Table:
    words: tuple[str, ...]  # sorted, lower case, one apostrophe form (')
    zipfs: bytes  # Zipf * 10 of words[i]


def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of `word` in `lang` (0.0 if rare, unseen, or wordfreq is absent)."""
    key = word.lower().replace("’", "'").replace("ʼ", "'")
    lookup = _LOOKUPS.get(lang)
    if lookup is not None:
        return lookup.get(key, 0.0)
    asked = _ASKED[lang] = _ASKED.get(lang, 0) + 1
    table = _table(lang)
    if asked >= _DICT_AFTER:
        _LOOKUPS[lang] = {word: value / 10 for word, value in zip(table.words, table.zipfs, strict=True)}
    at = bisect.bisect_left(table.words, key)
    return table.zipfs[at] / 10 if at < len(table.words) and table.words[at] == key else 0.0


def common_words(lang: str) -> Sequence[str]:
    """Every word of `lang` with Zipf >= MIN_ZIPF, sorted: the vocabulary suggestions are searched in."""
    return _table(lang).words


@cache
def _table(lang: str) -> _Table:
    return derived(f"frequency-{lang}", lambda: _build(lang), code_file=__file__)


def _build(lang: str) -> _Table:
    try:
        from wordfreq import get_frequency_dict
    except ImportError:
        return _Table((), b"")
    threshold = 10 ** (MIN_ZIPF - 9)
    seen: dict[str, float] = {}
    for word, frequency in get_frequency_dict(lang, wordlist="best").items():
        key = word.replace("’", "'")
        if frequency >= threshold and _WORD.fullmatch(key):
            seen[key] = max(seen.get(key, 0.0), math.log10(frequency) + 9)
    words = tuple(sorted(seen))
    return _Table(words, bytes(min(255, round(seen[word] * 10)) for word in words))
