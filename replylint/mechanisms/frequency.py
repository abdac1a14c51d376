"""How common a word is: wordfreq's Zipf frequency (ru, uk), behind one small API.

`zipf(word, lang)` is log10 of the word's frequency per billion words: 7 for «и», about 3 for a
word met once per million, 0 for a word wordfreq has not seen. wordfreq takes a second and a
half to load its list, so its Cyrillic words (Zipf >= MIN_ZIPF) are kept in replylint's derived
cache as one sorted, newline-joined UTF-8 byte string with the words' offsets and Zipf values
(`_Table`), in a plain file mapped into memory (replylint.data.derived_bytes): a draft that asks
about a dozen words reads the few pages a binary search touches. A tuple of 240,000 strings took
50 ms and 35 MB on every run with a client message, the same words as one pickled str 8 ms (most
of it decoding 5.6 MB of UTF-8), as pickled bytes 7 ms. UTF-8 keeps the order of code points, so
the bytes sort as the words do. The list of words itself (`common_words`) and a set of it for
quick look-ups are made only when a process asks enough (_SET_AFTER). Spelling's two-edit search
takes the words of one first letter and a few lengths (`words_near_length`), from a second table of
the same words grouped by first letter and length (`_ByLength`): only those groups are decoded.
"""

from __future__ import annotations

import bisect
import math
import re
from array import array
from collections.abc import Sequence
from functools import cache

from replylint.data import derived_bytes

MIN_ZIPF = 2.0  # rarer words are neither suggested nor told apart from unseen ones
# A binary search in the table costs some 20 µs. Splitting the list (common_words) and hashing it
# into a set costs 60 ms (ru), after which a word not on the list (most of what spelling asks: the
# strings one edit from a typo) is turned away in a tenth of a microsecond and a word on it is found
# by a binary search in the split list (a microsecond): worth it after this many look-ups.
_SET_AFTER = 200
_ASKED: dict[str, int] = {}


class _Table:
    """The frequency list as kept in the cache: the number of words N (one array("I") item), where
    each word starts in the joined words (N + 1 items: one past the end last), each word's Zipf
    * 10 (N bytes), then the words in UTF-8, sorted, lower case, one apostrophe form ('), each
    followed by a newline. (A plain class, not a dataclass: defining one costs most of a millisecond
    in every run.)"""

    def __init__(self, buffer: memoryview) -> None:
        self.buffer = buffer
        numbers = buffer.cast("B")
        size = array("I").itemsize
        count = numbers[:size].cast("I")[0]
        zipfs_start = size * (count + 2)  # after the count and the count + 1 offsets
        self.offsets = numbers[size:zipfs_start].cast("I")
        self.zipfs = numbers[zipfs_start : zipfs_start + count]
        self.base = zipfs_start + count  # where the joined words start in the buffer

    def word(self, index: int) -> bytes:
        return bytes(self.buffer[self.base + self.offsets[index] : self.base + self.offsets[index + 1] - 1])

    def all_words(self) -> list[str]:
        """Every word, decoded, in order (the split costs 30 ms: asked once per process at most)."""
        words = str(self.buffer[self.base :], "utf-8").split("\n")
        words.pop()  # after the last "\n"
        return words

    def find(self, key: bytes) -> int:
        """Where `key` is, or would be, among the words (a binary search)."""
        return bisect.bisect_left(range(len(self)), key, key=self.word)

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
    encoded = key.encode()
    at = table.find(encoded)
    return table.zipfs[at] / 10 if at < len(table) and table.word(at) == encoded else 0.0


def words_near_length(lang: str, first: str, shortest: int, longest: int) -> list[str]:
    """The words of `lang` with Zipf >= MIN_ZIPF that start with the letter `first` and have
    `shortest` to `longest` characters, shortest first, then in alphabetical order. Each group of
    one letter and length is decoded once per process: a search over a letter's 36,000 words,
    split and sorted by length on every run, cost a millisecond and a half per letter."""
    found: list[str] = []
    for length in range(max(1, shortest), min(longest, _MAX_GROUPED_LENGTH) + 1):
        found += _group(lang, first, length)
    return found


# Longer words are left out of the grouped table: no word a suggestion is sought for (40 letters at
# most, suggest.py) is within two edits of them, and the group's length must fit in a byte.
_MAX_GROUPED_LENGTH = 255


@cache
def _group(lang: str, first: str, length: int) -> list[str]:
    return _by_length(lang).group(first, length)


class _ByLength:
    """The frequency list's words grouped by first letter and length, in that order, alphabetical
    within a group, as kept in the cache: the number of groups G (one array("I") item), each
    group's key (its first letter's code point * 256 + the length; G items, ascending), where each
    group starts in the joined words (G + 1 items: one past the end last), then the words in UTF-8,
    each followed by a newline."""

    def __init__(self, buffer: memoryview) -> None:
        numbers = buffer.cast("B")
        size = array("I").itemsize
        count = numbers[:size].cast("I")[0]
        self.keys = numbers[size : size * (count + 1)].cast("I")
        self.starts = numbers[size * (count + 1) : size * (2 * count + 2)].cast("I")
        self.words = numbers[size * (2 * count + 2) :]

    def group(self, first: str, length: int) -> list[str]:
        key = _group_key(first, length)
        at = bisect.bisect_left(self.keys, key)
        if at == len(self.keys) or self.keys[at] != key:
            return []
        return str(self.words[self.starts[at] : self.starts[at + 1]], "utf-8").split("\n")[:-1]


@cache
def _by_length(lang: str) -> _ByLength:
    return _ByLength(derived_bytes(f"frequency-by-length-{lang}", lambda: _build_by_length(lang), code_file=__file__))


def _group_key(first: str, length: int) -> int:
    return ord(first) * 256 + length


def _build_by_length(lang: str) -> bytes:
    """The grouped table's bytes (see _ByLength), from the frequency list (split here, not through
    `common_words`, which would keep the whole list in this process)."""
    words = sorted((word for word in _table(lang).all_words() if 0 < len(word) <= _MAX_GROUPED_LENGTH),
                   key=lambda word: (_group_key(word[0], len(word)), word))
    keys, starts, joined = array("I"), array("I"), []
    offset = 0
    for word in words:
        key = _group_key(word[0], len(word))
        if not keys or keys[-1] != key:
            keys.append(key)
            starts.append(offset)
        utf8 = word.encode() + b"\n"
        joined.append(utf8)
        offset += len(utf8)
    starts.append(offset)
    return b"".join([array("I", [len(keys)]).tobytes(), keys.tobytes(), starts.tobytes(), *joined])


@cache
def common_words(lang: str) -> Sequence[str]:
    """Every word of `lang` with Zipf >= MIN_ZIPF, sorted (what `zipf` finds a listed word's value in).
    A list, not copied into a tuple (a third of the split's cost); callers only read it."""
    return _table(lang).all_words()


@cache
def _common_set(lang: str) -> frozenset[str]:
    return frozenset(common_words(lang))


@cache
def _table(lang: str) -> _Table:
    return _Table(derived_bytes(f"frequency-{lang}", lambda: _build(lang), code_file=__file__))


def _build(lang: str) -> bytes:
    """The table's bytes (see _Table)."""
    try:
        from wordfreq import get_frequency_dict
    except ImportError:
        return array("I", [0, 0]).tobytes()
    cyrillic = re.compile(r"[а-яёіїєґ][а-яёіїєґ'-]*")
    threshold = 10 ** (MIN_ZIPF - 9)
    seen: dict[str, float] = {}
    for word, frequency in get_frequency_dict(lang, wordlist="best").items():
        key = word.replace("’", "'")
        if frequency >= threshold and cyrillic.fullmatch(key):
            seen[key] = max(seen.get(key, 0.0), math.log10(frequency) + 9)
    words = sorted(seen)
    encoded = [word.encode() for word in words]
    numbers = array("I", [len(words), 0])
    for utf8 in encoded:
        numbers.append(numbers[-1] + len(utf8) + 1)
    return b"".join([numbers.tobytes(), bytes(min(255, round(seen[word] * 10)) for word in words),
                     *(utf8 + b"\n" for utf8 in encoded)])
