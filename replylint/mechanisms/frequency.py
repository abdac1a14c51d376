"""How common a word is in the language: its Zipf frequency (`wordfreq`), loaded lazily.

    zipf("доставка", "ru") -> 4.1    (7 is "и"; 3 a rare word; 0 unknown)

wordfreq (optional: without it every word is 0.0, "unknown") reads a 0.5-second frequency list
on first use. So the words of Zipf ≥ `_FLOOR` are taken from it once, into a sorted table of
fixed-width records kept with the data cache (`replylint.data.derived`): loading it is reading
one bytes object, a lookup a binary search. Rarer words, and words too long for a record, are
0.0 like unknown ones: to a caller they are simply rare.
"""

from __future__ import annotations

import math
from functools import cache

from replylint.document.normalize import fold

_FLOOR = 3.0  # rarer words are not kept: a caller treats them as rare anyway (UNKNOWN_ZIPF)
_WIDTH = 31  # bytes of a word's UTF-8 in a record (15 Cyrillic letters); one more byte holds Zipf x 10
_RECORD = _WIDTH + 1


@cache
def _table(lang: str) -> bytes:
    from replylint.data import derived

    return derived(f"zipf-{lang}", lambda: _build(lang), code_file=__file__)


def _build(lang: str) -> bytes:
    try:
        import wordfreq
    except ImportError:
        return b""
    records: dict[bytes, int] = {}
    for word, frequency in wordfreq.get_frequency_dict(lang).items():
        value = math.log10(frequency) + 9  # the Zipf scale: per billion words, in log10
        key = fold(word).encode()
        if value >= _FLOOR and len(key) <= _WIDTH:
            key = key.ljust(_WIDTH, b"\0")
            records[key] = max(records.get(key, 0), round(value * 10))  # "ёж" and "еж" fold alike
    return b"".join(key + bytes([value]) for key, value in sorted(records.items()))


def zipf(word: str, lang: str) -> float:
    """The Zipf frequency of `word` (folded: lower case, "ё" as "е") in `lang`; 0.0 when unknown."""
    table = _table(lang)
    key = fold(word).encode()
    if not table or len(key) > _WIDTH:
        return 0.0
    key = key.ljust(_WIDTH, b"\0")
    low, high = 0, len(table) // _RECORD
    while low < high:
        middle = (low + high) // 2
        found = table[middle * _RECORD : middle * _RECORD + _WIDTH]
        if found < key:
            low = middle + 1
        elif found > key:
            high = middle
        else:
            return table[middle * _RECORD + _WIDTH] / 10
    return 0.0
