"""How common a word is: wordfreq's Zipf frequency (ru, uk), behind one small API.

`zipf(word, lang)` is log10 of the word's frequency per billion words: 7 for «и», about 3 for a
word met once per million, 0 for a word wordfreq has not seen. wordfreq takes a second and a
half to load its list, so its Cyrillic words (Zipf >= MIN_ZIPF) are kept in replylint's derived
cache (replylint.data.derived) as one sorted, newline-joined string with the words' offsets and
Zipf values as bytes: unpickled in a few milliseconds, where a tuple of 240,000 strings took 50 ms
and 35 MB on every run with a client message. A lookup is a binary search; the list of words
itself (`common_words`) and a set of it for quick look-ups are made only when a process asks
enough (_SET_AFTER). Spelling's two-edit search takes one letter's words (`words_starting`): only
that stretch of the string is split.
"""

from __future__ import annotations

import bisect
import math
import re
from array import array
from collections.abc import Sequence
from functools import cache, cached_property

from replylint.data import derived

MIN_ZIPF = 2.0  # rarer words are neither suggested nor told apart from unseen ones
# A binary search in the table costs some 20 µs. Splitting the list (common_words) and hashing it
# into a set costs 60 ms (ru), after which a word not on the list (most of what spelling asks: the
# strings one edit from a typo) is turned away in a tenth of a microsecond and a word on it is found
# by a binary search in the split list (a microsecond): worth it after this many look-ups.
_SET_AFTER = 200
_ASKED: dict[str, int] = {}
_WORD = re.compile(r"[а-яёіїєґ][а-яёіїєґ'-]*")


class _Table:
    """The frequency list as kept in the cache (a plain class, not a dataclass: defining one costs
    most of a millisecond in every run)."""

    def __init__(self, joined: str, starts: bytes, zipfs: bytes) -> None:
        self.joined = joined  # the words, sorted, lower case, one apostrophe form ('), each followed by "\n"
        self.starts = starts  # array("I"): where each word starts in `joined`, plus one past the end
        self.zipfs = zipfs  # Zipf * 10 of each word

    @cached_property
    def offsets(self) -> memoryview:
        return memoryview(self.starts).cast("I")

    def word(self, index: int) -> str:
        return self.joined[self.offsets[index] : self.offsets[index + 1] - 1]

    def __len__(self) -> int:
        return len(self.zipfs)


def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of `word` in `lang` (0.0 if rare, unseen, or wordfreq is absent)."""
    key = word.lower().replace("’", "'").replace("ʼ", "'")
    table = _table(lang)
    asked = _ASKED[lang] = _ASKED.get(lang, 0) + 1
    if asked >= _SET_AFTER:
        if key not in _common_set(lang):
            return 0.0
        words = common_words(lang)
        return table.zipfs[bisect.bisect_left(words, key)] / 10
    at = bisect.bisect_left(range(len(table)), key, key=table.word)
    return table.zipfs[at] / 10 if at < len(table) and table.word(at) == key else 0.0


def words_starting(lang: str, prefix: str) -> list[str]:
    """The words of `lang` with Zipf >= MIN_ZIPF that start with `prefix`, sorted: two binary
    searches and a split of that stretch of the list only (the whole list's split costs 30 ms)."""
    table = _table(lang)
    lo = bisect.bisect_left(range(len(table)), prefix, key=table.word)
    hi = bisect.bisect_left(range(len(table)), prefix + "\uffff", lo, key=table.word)
    return table.joined[table.offsets[lo] : table.offsets[hi]].split("\n")[:-1] if hi > lo else []


@cache
def common_words(lang: str) -> Sequence[str]:
    """Every word of `lang` with Zipf >= MIN_ZIPF, sorted (what `zipf` finds a listed word's value in).
    A list, not copied into a tuple (a third of the split's cost); callers only read it."""
    words = _table(lang).joined.split("\n")
    words.pop()  # after the last "\n"
    return words


@cache
def _common_set(lang: str) -> frozenset[str]:
    return frozenset(common_words(lang))


@cache
def _table(lang: str) -> _Table:
    return derived(f"frequency-{lang}", lambda: _build(lang), code_file=__file__)


def _build(lang: str) -> _Table:
    try:
        from wordfreq import get_frequency_dict
    except ImportError:
        return _Table("", array("I", [0]).tobytes(), b"")
    threshold = 10 ** (MIN_ZIPF - 9)
    seen: dict[str, float] = {}
    for word, frequency in get_frequency_dict(lang, wordlist="best").items():
        key = word.replace("’", "'")
        if frequency >= threshold and _WORD.fullmatch(key):
            seen[key] = max(seen.get(key, 0.0), math.log10(frequency) + 9)
    words = sorted(seen)
    starts = array("I", [0])
    for word in words:
        starts.append(starts[-1] + len(word) + 1)
    return _Table("".join(word + "\n" for word in words), starts.tobytes(),
                  bytes(min(255, round(seen[word] * 10)) for word in words))
