"""Spelling suggestions: dictionary words one or two edits away, ranked by the kind of slip and by
how common the word is (wordfreq); keyboard-layout slips; look-alike letters. Results are cached
per word.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from replylint.data import load_toml
from replylint.document.morphology import morphology_for
from replylint.mechanisms.frequency import words_near_length, zipf

MAX_SUGGESTIONS = 3
# Shorter Latin strings ("kbps" reads «лизы») are units and abbreviations more often than slips.
_LAYOUT_MIN_LETTERS = 5
_ALPHABETS = {"ru": "абвгдежзийклмнопрстуфхцчшщъыьэюяё", "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'"}
_VOWELS = {"ru": set("аеёиоуыэюя"), "uk": set("аеєиіїоуюя")}
# Letters that exist on one Cyrillic layout only: a Russian word with "і" was typed on the
# Ukrainian layout, a Ukrainian word with "ы" on the Russian one.
FOREIGN_LETTERS = {"ru": set("іїєґ"), "uk": set("ыэъё")}
_OTHER = {"ru": "uk", "uk": "ru"}
# Letters people confuse by ear (unstressed vowels, и/і): the likeliest substitutions.
_SOUNDALIKE = {"ru": {frozenset(pair) for pair in ("еи", "оа", "ея", "её", "шщ", "ьъ", "ыи", "ую")},
               "uk": {frozenset(pair) for pair in ("иі", "еє", "ії", "ие", "оа", "шщ", "ую")}}
# Parses that make a poor suggestion: rare proper names, abbreviations, marked distortions.
_UNLIKELY = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Erro", "Dist", "Infr", "Arch"}
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")


# -- keyboard layouts ----------------------------------------------------------------------------

@cache
def _keyboard() -> dict[str, Any]:
    return load_toml("common/keyboard.toml")


@cache
def layout_table(source: str, target: str) -> dict[str, str]:
    """Character typed on layout `source` -> the one the same key gives on layout `target`."""
    layouts, shifted = _keyboard()["layouts"], _keyboard()["shifted"]
    table = dict(zip(layouts[source], layouts[target], strict=True))
    upper_source = shifted.get(source, layouts[source].upper())
    upper_target = shifted.get(target, layouts[target].upper())
    table.update(zip(upper_source, upper_target, strict=True))
    return table


def retype(text: str, source: str, target: str) -> str | None:
    """`text` as it would read had it been typed on `target`; None if a key is missing."""
    translation, keys = _retyping(source, target)
    return text.translate(translation) if keys.issuperset(text) else None


@cache
def _retyping(source: str, target: str) -> tuple[dict[int, str], frozenset[str]]:
    """`layout_table` for str.translate, and its keys: spelling retypes every new word it meets,
    and a character-by-character join cost five times as much."""
    table = layout_table(source, target)
    return str.maketrans(table), frozenset(table)


@cache
def _neighbours(lang: str) -> dict[str, set[str]]:
    """Keys next to each other on the language's layout: slips of the finger."""
    row_lengths = (1, 12, 11, 9)  # the key strings run: `, then the three letter rows
    layout = _keyboard()["layouts"][lang]
    rows, at = [], 0
    for length in row_lengths:
        rows.append(layout[at:at + length])
        at += length
    near: dict[str, set[str]] = {}
    for r, row in enumerate(rows[1:], start=1):
        for c, ch in enumerate(row):
            around = {row[c - 1] if c else "", row[c + 1] if c + 1 < len(row) else ""}
            for other in (rows[r - 1] if r > 1 else "", rows[r + 1] if r + 1 < len(rows) else ""):
                around.update(other[max(0, c - 1):c + 1])
            near[ch] = {key for key in around if key}
    return near


@cache
def _lookalikes() -> tuple[dict[str, str], dict[str, str]]:
    pairs = _keyboard()["lookalikes"]
    to_cyrillic = dict(zip(pairs["latin"], pairs["cyrillic"], strict=True))
    return to_cyrillic, {cyr: lat for lat, cyr in to_cyrillic.items()}


@cache
def english_words() -> frozenset[str]:
    return frozenset(load_toml("common/english.toml").get("entries", ()))


# -- the dictionary ------------------------------------------------------------------------------
#
# Only public APIs: pymorphy3's `word_is_known` answers for every form one edit away, and the
# list of common words (replylint.mechanisms.frequency, from wordfreq) is searched (rapidfuzz)
# for words two edits away. Both give the same answers with and without pymorphy3's C extension.

_TWO_EDITS_MIN_LETTERS = 6  # shorter words have too many neighbours two edits away


class _Dictionary:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._morph = morphology_for(lang)

    def known(self, word: str) -> bool:
        return bool(self._morph.analyzer.word_is_known(word))

    def known_of(self, strings: dict[str, str]) -> dict[str, str]:
        """The dictionary words among `strings` (each with its value): `known` for many at once."""
        is_known = self._morph.analyzer.word_is_known
        return {string: value for string, value in strings.items() if is_known(string)}

    def has_negatable_parse(self, word: str) -> bool:
        """An adjective, participle or adverb: what «не»/«без» may be glued to."""
        return any(parse.tag.POS in {"ADJF", "ADJS", "PRTF", "PRTS", "ADVB"} for parse in self._morph.parse(word))

    def plausible(self, word: str) -> float:
        """0 for a word the dictionary marks as a distortion, less for rare names, 1 otherwise."""
        tags = [set(parse.tag.grammemes) for parse in self._morph.parse(word)]
        if not tags or all(tag & {"Erro", "Dist"} for tag in tags):
            return 0.0
        return 0.3 if all(tag & _UNLIKELY for tag in tags) else 1.0


@cache
def _dictionary(lang: str) -> _Dictionary:
    return _Dictionary(lang)


def _edits(dictionary: _Dictionary, word: str, alphabet: str) -> dict[str, str]:
    """Dictionary words one edit (delete, swap, replace, insert) from `word`, with the edit's kind.

    Of the ~60 x len(word) strings one edit away: the dictionary words on the frequency list when
    there are any, else every dictionary word (rare forms too)."""
    strings: dict[str, str] = {}
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            doubled = (i and word[i - 1] == tail[0]) or tail[1:2] == tail[0]
            strings.setdefault(head + tail[1:], "doubled" if doubled else "delete")
        if len(tail) > 1:
            strings.setdefault(head + tail[1] + tail[0] + tail[2:], "swap")
        for ch in alphabet:
            if tail and ch != tail[0]:
                strings.setdefault(head + ch + tail[1:], "replace")
            # A letter typed once where it is doubled ("замовленя") is the commonest omission.
            strings.setdefault(head + ch + tail, "doubled" if ch == tail[:1] or ch == head[-1:] else "insert")
    strings.pop(word, None)
    lang = dictionary.lang
    known = dictionary.known_of(strings)
    return {candidate: kind for candidate, kind in known.items() if zipf(candidate, lang)} or known


def _two_edits(lang: str, word: str) -> dict[str, str]:
    """Common words (frequency list) within two edits of `word` (Damerau distance, swaps count
    one: rapidfuzz's OSA), with the same first letter."""
    from rapidfuzz import process  # imported here: a draft without a long typo never pays its 10 ms
    from rapidfuzz.distance import OSA

    found: dict[str, str] = {}
    # The first letter is taken as typed (a slip there is rare), which cuts the search twentyfold;
    # two edits change the length by two at most, which halves it again.
    nearby = words_near_length(lang, word[0], len(word) - 2, len(word) + 2)
    for candidate, distance, _ in process.extract(word, nearby, scorer=OSA.distance, score_cutoff=2, limit=None):
        if candidate != word:
            found[candidate] = "two" if distance == 2 else "replace"
    return found


# How likely each kind of slip is: swaps, doubled letters and omissions are the commonest typos.
_EDIT_WEIGHT = {"sound": 2.5, "swap": 3.0, "doubled": 3.0, "insert": 2.5, "near": 2.0, "vowel": 2.0,
                "replace": 1.0, "delete": 1.5, "two": 0.5}
_FREQUENCY_WEIGHT = 0.5  # per Zipf unit: a word ten times as common outweighs half a slip kind


def _rank(dictionary: _Dictionary, word: str, candidates: dict[str, str]) -> tuple[str, ...]:
    lang = dictionary.lang
    vowels, near = _VOWELS[lang], _neighbours(lang)

    def score(candidate: str) -> float:
        kind = candidates[candidate]
        if kind == "replace" and len(candidate) == len(word):
            wrong, right = next((a, b) for a, b in zip(word, candidate, strict=True) if a != b)
            if frozenset((wrong, right)) in _SOUNDALIKE[lang]:
                kind = "sound"
            elif right in near.get(wrong, ()):
                kind = "near"
            elif wrong in vowels and right in vowels:
                kind = "vowel"
        plausible = dictionary.plausible(candidate)
        if not plausible:
            return 0.0
        # Web text often drops «ё»: «еще» and «ещё» are one word, and «ещё» is the careful spelling.
        common = max(zipf(candidate, lang), zipf(candidate.replace("ё", "е"), lang)) + 0.01 * ("ё" in candidate)
        return (_EDIT_WEIGHT[kind] + _FREQUENCY_WEIGHT * common) * plausible

    scored = sorted(((score(candidate), candidate) for candidate in candidates), key=lambda pair: (-pair[0], pair[1]))
    return tuple(candidate for value, candidate in scored if value > 0)[:MAX_SUGGESTIONS]


_MAX_WORD_TO_SUGGEST = 40


@lru_cache(maxsize=8192)
def dictionary_suggestions(lang: str, word: str, *, two_edits: bool = True) -> tuple[str, ...]:
    """Up to three dictionary words near `word` (lower case), best first; empty if none is close.
    One edit away: any dictionary form; two edits away (long words, when asked): common words."""
    if len(word) > _MAX_WORD_TO_SUGGEST:  # no dictionary word is that long; edits of it cost len²
        return ()
    dictionary = _dictionary(lang)
    candidates = _edits(dictionary, word, _ALPHABETS[lang])
    if two_edits and len(word) >= _TWO_EDITS_MIN_LETTERS and not any(zipf(c, lang) for c in candidates):
        # No common word one edit away: «стсемы» is «системы», not the rare «стемы».
        for candidate, kind in _two_edits(lang, word).items():
            if candidate not in candidates and dictionary.known(candidate):
                candidates[candidate] = kind
    if not candidates and word.startswith(("не", "без")) and len(word) >= _TWO_EDITS_MIN_LETTERS + 2:
        # «неверифецированный»: the dictionary lacks the negated form, not the word.
        prefix = "не" if word.startswith("не") else "без"
        return tuple(prefix + rest for rest in dictionary_suggestions(lang, word[len(prefix):], two_edits=two_edits)
                     if dictionary.has_negatable_parse(rest))
    return _rank(dictionary, word, candidates)


# -- layouts and scripts ---------------------------------------------------------------------------

def is_known(lang: str, word: str) -> bool:
    return morphology_for(lang).is_known(fold_apostrophes(word))


def fold_apostrophes(word: str) -> str:
    return word.replace("’", "'").replace("ʼ", "'")


@lru_cache(maxsize=8192)
def layout_slip(lang: str, word: str) -> str | None:
    """The word meant, when `word` was typed on the wrong keyboard layout; None otherwise."""
    letters = sum(ch.isalpha() for ch in word)
    if not _CYRILLIC.search(word):
        meant = retype(word, "en", lang)
        if meant and letters >= _LAYOUT_MIN_LETTERS and word.lower() not in english_words() and is_known(lang, meant):
            return meant
        return None
    if set(word.lower()) & FOREIGN_LETTERS[lang]:
        meant = retype(word, _OTHER[lang], lang)
        if meant and meant.lower() != word.lower() and is_known(lang, meant):
            return meant
    english = retype(word, lang, "en")
    if english and letters >= 2 and english.lower() in english_words():
        return english
    return None


def mixed_script(lang: str, word: str) -> str | None:
    """The single-script spelling of a word that mixes look-alike Latin and Cyrillic letters."""
    if not _LATIN.search(word) or not _CYRILLIC.search(word):
        return None  # one script, as nearly every word: no letter to count
    to_cyrillic, to_latin = _lookalikes()
    latin = sum(bool(_LATIN.match(ch)) for ch in word)
    cyrillic = sum(bool(_CYRILLIC.match(ch)) for ch in word)
    as_cyrillic = "".join(to_cyrillic.get(ch, ch) for ch in word)
    as_latin = "".join(to_latin.get(ch, ch) for ch in word)
    cyrillic_ok = not _LATIN.search(as_cyrillic)
    latin_ok = not _CYRILLIC.search(as_latin)
    if cyrillic_ok and (is_known(lang, as_cyrillic) or cyrillic > latin):
        return as_cyrillic
    if latin_ok and latin >= cyrillic:
        return as_latin
    return None


def lone_lookalike(letter: str) -> str | None:
    """A Latin letter standing alone where a Cyrillic one-letter word belongs ("c 9:00")."""
    return {"a": "а", "c": "с", "o": "о", "y": "у"}.get(letter)


def same_case(model: str, word: str) -> str:
    """`word` written with the capitalisation of `model` (Title, UPPER or lower)."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
