"""spelling: words the dictionary does not know, with suggestions; offline (004 «Грамотность»).

What is not a misspelling is skipped before the dictionary is asked: names and brands
(capitalised inside a sentence), abbreviations (short words in capitals), Latin words, words
with digits, words the client wrote, the project vocabulary and the user's `accept` list. A long
word in capitals is checked, but reported only with a suggestion. Words the `grammar` rule
explains better («вообщем», «незнаю») are left to it. Latin strings and Cyrillic
words are also checked for the wrong keyboard layout ("ghbdtn" -> "привет") and for look-alike
letters of the other script ("Оплатa" with a Latin "a").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from replylint.data import load_toml
from replylint.document.model import Document, Sentence
from replylint.document.normalize import fold
from replylint.document.tokens import Token
from replylint.mechanisms.frequency import zipf
from replylint.mechanisms.grammar import claims_word
from replylint.mechanisms.phrases import phrase_list
from replylint.mechanisms.suggest import (
    FOREIGN_LETTERS,
    dictionary_suggestions,
    fold_apostrophes,
    is_known,
    layout_slip,
    lone_lookalike,
    mixed_script,
    same_case,
)
from replylint.rulekit.context import Context
from replylint.rulekit.finding import Fix
from replylint.rulekit.registry import Hit, rule

_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
# Keys that give a Cyrillic letter on the Russian/Ukrainian layout: "cgfcb,j" is "спасибо".
_LAYOUT_RUN = re.compile(r"[A-Za-z`\[\];',.<>{}:\"~]+")
_INFLECTION, _STEM_ENDING = 3, 6  # letters an entry of the vocabulary may be followed by
# Words of the other language this long are taken as written (mixed drafts); shorter ones («Мі»
# in a Russian draft) are more likely the other Cyrillic layout.
_CROSS_LANGUAGE_MIN = 3
_SHORTENED = 4  # letters of a word cut off with a dot: «доб.», «вул.»
_CAPS_MIN = 7  # letters of a capitalised word checked at all: shorter ones are abbreviations (РНОКПП)


class _Misspelling:
    """What is wrong with a word.
    (A plain class, not a dataclass: defining one costs most of a millisecond in every run.)"""

    __slots__ = ("kind", "suggestions")

    def __init__(self, kind: str, suggestions: tuple[str, ...]) -> None:
        self.kind = kind  # a message key: "default", "unknown", "layout", "mixed-script"
        self.suggestions = suggestions


# What _Vocabulary.remembered says of a word without Cyrillic letters, and of one not judged yet.
_NOT_CYRILLIC = _Misspelling("not-cyrillic", ())
_UNSEEN = _Misspelling("unseen", ())


class SpellingOptions(NamedTuple):
    """The rule's options (rules/catalog/spelling.toml)."""

    accept: tuple[str, ...]  # words to accept besides the vocabulary, as the user wrote them
    report_without_suggestions: bool


@rule("spelling", options=SpellingOptions)
def spelling(document: Document, context: Context[SpellingOptions]) -> Iterator[Hit]:
    lang = document.language
    # The user's vocabulary: the config's `accept` (per language or shared) and the rule's option.
    accepted = _vocabulary(lang, (*context.accepted, *context.options.accept))
    client_words = context.analysis.client_words
    report_unknown = context.options.report_without_suggestions
    # Loading the other language's dictionary costs ~0.3 s: only when the draft shows its letters.
    body = document.text[document.body.start:document.body.end]
    mixed = not FOREIGN_LETTERS[document.language].isdisjoint(body.lower())
    for sentence in document.sentences:
        yield from _sentence_hits(document, sentence, accepted, client_words, report_unknown, mixed)


def _sentence_hits(document: Document, sentence: Sentence, accepted: _Vocabulary, client_words: frozenset[str],
                   report_unknown: bool, mixed: bool) -> Iterator[Hit]:
    lang, text = document.language, document.text
    words = sentence.words
    if _foreign_sentence(lang, words):
        return  # a Russian sentence in a Ukrainian reply (or the reverse) is not a row of typos
    consumed = -1  # a layout run may swallow the next tokens ("cgfcb,j" is three tokens)
    for index, token in enumerate(words):
        if token.start < consumed:
            continue
        word = token.text
        # One look-up settles most words (known, accepted, no typo); what depends on where the word
        # stands (quoted speech, the client's words, a word cut off) is asked of the rest only,
        # before the word is judged the first time (judging a word costs most of a millisecond
        # when it is a typo: the suggestions).
        found = accepted.remembered(lang, word, index == 0, mixed)
        if found is None or (word[:1].isupper() and document.in_quoted_speech(token.start)):
            continue
        if found is _NOT_CYRILLIC:
            yield from _latin_hits(document, sentence, token)
            run = _LAYOUT_RUN.match(text, token.start, sentence.end)
            consumed = run.end() if run else token.end
            continue
        if (client_words and fold(word) in client_words) or _cut_off(text, token):
            continue
        if found is _UNSEEN:
            found = accepted.judge(lang, word, index == 0, mixed)
            if found is None:
                continue
        if found.kind == "unknown" and not report_unknown:
            continue
        yield _hit(token.start, token.end, word, found)


def _foreign_sentence(lang: str, words: tuple[Token, ...]) -> bool:
    """Most of the sentence's words are unknown here and known in the other language. The other
    dictionary is loaded only for sentences with several unknown words, so plain drafts never pay."""
    unknown = [token.text for token in words if _unknown_cyrillic(lang, token.text)]
    if len(unknown) < 2:  # most sentences: every word known (one look-up per word)
        return False
    cyrillic = sum(1 for token in words if _cyrillic_only(token.text))
    if len(unknown) * 2 < cyrillic:  # typos are a few words, a foreign sentence most
        return False
    return sum(_known(_other(lang), word) for word in unknown) * 2 > len(unknown)


@lru_cache(maxsize=65536)
def _unknown_cyrillic(lang: str, word: str) -> bool:
    return _cyrillic_only(word) and not _known(lang, word)


@lru_cache(maxsize=65536)
def _cyrillic_only(word: str) -> bool:
    return bool(_CYRILLIC.search(word)) and not _LATIN.search(word)


def _cut_off(text: str, token: Token) -> bool:
    """A word that is only part of one: «доб. 305», «вул. Саксаганського» (a short word cut off
    with a dot); «ро́днае» (a stress mark, a combining accent, cuts the word in two; neither half
    is a typo). One look at the characters either side: asked of every word of every draft."""
    before, after = text[token.start - 1:token.start], text[token.end:token.end + 1]
    if after == "." and len(token.text) <= _SHORTENED:
        return True
    if before < "\u0300" and after < "\u0300":
        return False  # spaces, Latin punctuation, «»: no combining mark is below U+0300
    return any(unicodedata.category(ch) == "Mn" for ch in before + after)


def _camel_case(word: str) -> bool:
    """A capital inside a word («єОселя», «МойСклад») is a brand's spelling, not a typo."""
    return any(ch.isupper() for ch in word[1:]) and not word.isupper()


def _latin_hits(document: Document, sentence: Sentence, token: Token) -> Iterator[Hit]:
    """A Latin string in a Cyrillic reply: a brand, unless it spells a word on the other layout."""
    text = document.text
    run = _LAYOUT_RUN.match(text, token.start, sentence.end)
    typed = run.group().rstrip(".,;:") if run else token.text
    slip_possible = not _has_letter_after(text, token.start + len(typed)) and not _in_latin_context(sentence, token)
    meant = layout_slip(document.language, typed) if slip_possible else None
    if meant:
        yield _hit(token.start, token.start + len(typed), typed, _Misspelling("layout", (meant,)))
        return
    lookalike = lone_lookalike(token.text)
    if lookalike and _between_cyrillic(document, sentence, token):
        yield _hit(token.start, token.end, token.text, _Misspelling("mixed-script", (lookalike,)), safe=True)


def _has_letter_after(text: str, offset: int) -> bool:
    return offset < len(text) and text[offset].isalnum()


def _neighbours(sentence: Sentence, token: Token) -> tuple[Token | None, Token | None]:
    """The tokens just before and after `token` in its sentence (a bisect, not .index(): linear cost)."""
    tokens = sentence.tokens
    at = bisect.bisect_left(tokens, token.start, key=lambda other: other.start)
    return (tokens[at - 1] if at else None), (tokens[at + 1] if at + 1 < len(tokens) else None)


def _in_latin_context(sentence: Sentence, token: Token) -> bool:
    """«128 kbps», «bitrate kbps»: a unit after a number or a word among Latin words is meant as typed."""
    before, after = _neighbours(sentence, token)
    if before is not None and before.kind == "number":
        return True
    return any(other is not None and other.is_word and not _CYRILLIC.search(other.text) for other in (before, after))


def _between_cyrillic(document: Document, sentence: Sentence, token: Token) -> bool:
    """A lone "c" in «работает c 9:00»: Cyrillic before it, a Cyrillic word or a number after it."""
    before, after = _neighbours(sentence, token)
    cyrillic_before = before is None or bool(_CYRILLIC.search(before.text))
    return cyrillic_before and after is not None and (after.kind == "number" or bool(_CYRILLIC.match(after.text)))


def _hit(start: int, end: int, word: str, found: _Misspelling, *, safe: bool = False) -> Hit:
    suggestions = tuple(same_case(word, suggestion) for suggestion in found.suggestions)
    best = suggestions[0] if suggestions else None
    params = {"word": word, "suggestions": ", ".join(f"«{suggestion}»" for suggestion in suggestions)}
    # Look-alike letters are a safe fix (the word reads the same), the other keyboard layout an
    # unsafe one; a dictionary guess is only a suggestion, never a fix that --unsafe-fixes writes.
    safe = safe or found.kind == "mixed-script"
    fix = Fix(start, end, best, safe=safe) if best and (safe or found.kind == "layout") else None
    return Hit(start, end, found.kind, params, suggestion=best, fix=fix)


@lru_cache(maxsize=65536)
def _misspelling(lang: str, word: str, sentence_start: bool, mixed_language: bool) -> _Misspelling | None:
    """What is wrong with a Cyrillic `word`, or None. Depends on nothing but its arguments: cached."""
    lookalike = mixed_script(lang, word)
    if lookalike:
        return _Misspelling("mixed-script", (lookalike,))
    if _LATIN.search(word) or any(ch.isdigit() for ch in word):
        return None  # a brand or a code ("ЮMoney", "Приват24")
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) < 2 or _is_abbreviation(lang, word):
        return None
    if word.isupper():
        return _shouted(lang, word, len(letters), mixed_language)
    if mixed_language and len(letters) >= _CROSS_LANGUAGE_MIN and _known(_other(lang), word):
        return None  # «быстро» in a Ukrainian draft: a Russian sentence, not the wrong layout
    slip = layout_slip(lang, word)
    if slip:
        return _Misspelling("layout", (slip,))
    if word[:1].isupper() and not sentence_start:
        return None  # a name or a brand inside a sentence: «в Диадоке», «Хабибуллина»
    if _known(lang, word):
        return None
    if mixed_language and _known(_other(lang), word):
        return None  # a Russian sentence in a Ukrainian draft, or the reverse: not a typo
    parts = word.split("-")
    if len(parts) > 1:
        return _hyphenated(lang, word, parts)
    suggestions = dictionary_suggestions(lang, fold_apostrophes(word.lower()))
    return _Misspelling("default" if suggestions else "unknown", suggestions)


def _shouted(lang: str, word: str, letters: int, mixed_language: bool) -> _Misspelling | None:
    """A word in capitals («МАСШАБИРОВАНИЯ»): a typo only when it is long (abbreviations are short),
    unknown to the dictionary and to the frequency list (brands are in it), and one edit from a
    dictionary word (a brand like «МОНОБАНК» is two edits from «моноблок»)."""
    if letters < _CAPS_MIN or "-" in word or _known(lang, word) or zipf(word, lang):
        return None
    if mixed_language and (_known(_other(lang), word) or zipf(word, _other(lang))):
        return None  # «ЗВЕРНІТЬ УВАГУ» in a Russian reply
    suggestions = dictionary_suggestions(lang, fold_apostrophes(word.lower()), two_edits=False)
    return _Misspelling("default", suggestions) if suggestions else None


def _hyphenated(lang: str, word: str, parts: list[str]) -> _Misspelling | None:
    """«трек-номер» is fine when every part is; otherwise suggest for the unknown part."""
    unknown = [i for i, part in enumerate(parts) if not _part_is_fine(lang, part)]
    if not unknown:
        return None
    if len(unknown) > 1:
        return _Misspelling("unknown", ())
    at = unknown[0]
    suggestions = tuple("-".join([*parts[:at], candidate, *parts[at + 1:]])
                        for candidate in dictionary_suggestions(lang, fold_apostrophes(parts[at].lower())))
    return _Misspelling("default" if suggestions else "unknown", suggestions)


def _accepted_compound(lang: str, word: str, accepted: _Vocabulary) -> bool:
    """«Телеграм-чат»: each part is a dictionary or a vocabulary word."""
    parts = word.split("-")
    return len(parts) > 1 and all(accepted.accepts(part) or _part_is_fine(lang, part) for part in parts)


def _part_is_fine(lang: str, part: str) -> bool:
    return (not part or not _CYRILLIC.search(part) or part.isupper() or len(part) < 2
            or _known(lang, part) or _is_abbreviation(lang, part))


@lru_cache(maxsize=65536)
def _known(lang: str, word: str) -> bool:
    return is_known(lang, word)


def _other(lang: str) -> str:
    return "uk" if lang == "ru" else "ru"


def _is_abbreviation(lang: str, word: str) -> bool:
    folded = fold(word)
    return folded in phrase_list(lang, "abbreviations") or folded in phrase_list("common", "units")


# -- what the user and the project accept ----------------------------------------------------------

class _Vocabulary:
    """Accepted words: exact, an entry plus an inflectional ending, or a stem ("отсканир*")."""

    def __init__(self, entries: Iterable[str]) -> None:
        words, stems = set(), set()
        for entry in entries:
            folded = fold(entry.strip())
            if folded.endswith("*"):
                stems.add(folded[:-1])
            elif folded:
                words.add(folded)
        self._words, self._stems = frozenset(words), frozenset(stems)
        self._verdicts: dict[str, bool] = {}
        self._misspellings: dict[tuple[str, bool, bool], _Misspelling | None] = {}

    def remembered(self, lang: str, word: str, sentence_start: bool, mixed_language: bool) -> _Misspelling | None:
        """What is wrong with `word` wherever it stands, as far as known without judging it:
        _NOT_CYRILLIC for a word with no Cyrillic letter (checked for the keyboard layout and
        look-alikes instead), None for a word taken as written or judged correct, a _Misspelling
        for one judged wrong, _UNSEEN for one not judged yet (`judge`). Asked of every word of
        every draft: one dictionary look-up once the word is known."""
        key = (word, sentence_start, mixed_language)
        found = self._misspellings.get(key, _UNSEEN)
        if found is _UNSEEN:
            if not _CYRILLIC.search(word):
                found = _NOT_CYRILLIC
            elif self.takes_as_written(lang, word):
                found = None
            else:
                return _UNSEEN
            self._remember(key, found)
        return found

    def judge(self, lang: str, word: str, sentence_start: bool, mixed_language: bool) -> _Misspelling | None:
        """_misspelling's verdict on a Cyrillic word not taken as written, remembered."""
        found = _misspelling(lang, word, sentence_start, mixed_language)
        self._remember((word, sentence_start, mixed_language), found)
        return found

    def _remember(self, key: tuple[str, bool, bool], found: _Misspelling | None) -> None:
        if len(self._misspellings) >= _MAX_VERDICTS:
            self._misspellings.clear()
        self._misspellings[key] = found

    def takes_as_written(self, lang: str, word: str) -> bool:
        """Accepted, a compound of accepted or dictionary parts, a word the grammar rule explains
        («вообщем», «незнаю»: it says what is wrong, with its fix), or a brand's camel case: never
        a misspelling. Depends on the word only: answered once per vocabulary and word."""
        verdicts = self._verdicts
        verdict = verdicts.get(word)
        if verdict is None:
            if len(verdicts) >= _MAX_VERDICTS:
                verdicts.clear()
            verdict = verdicts[word] = (self.accepts(word) or _accepted_compound(lang, word, self)
                                        or claims_word(lang, word) or _camel_case(word))
        return verdict

    def accepts(self, word: str) -> bool:
        folded = fold(word)
        if folded in self._words:
            return True
        for cut in range(1, _STEM_ENDING + 1):
            head = folded[:-cut]
            if len(head) < 3:
                break
            if head in self._stems or (cut <= _INFLECTION and len(head) >= 5 and head in self._words):
                return True
        return folded in self._stems


_MAX_VERDICTS = 100_000  # words a vocabulary remembers its verdict on before it starts afresh (a server)


@cache
def _vocabulary(lang: str, accept: tuple[str, ...]) -> _Vocabulary:
    return _Vocabulary([*load_toml(f"{lang}/vocabulary.toml").get("entries", ()), *accept])

