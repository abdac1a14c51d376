"""pymorphy3 behind a cache: one analyzer per language, loaded only when a text needs it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from replylint.document.normalize import fold

if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse


# pymorphy3 knows Cyrillic and Latin words; other scripts can crash it (unnamed code points).
_ANALYSABLE = re.compile(r"[A-Za-zА-Яа-яЁёІіЇїЄєҐґ'’ʼ-]+")


class Morphology:
    """Parses of single words for one language. Words are looked up lower-cased."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._analyzer: Any = None
        self.parse = lru_cache(maxsize=65536)(self._parse)
        # «Заказ» and «заказ» are one look-up in the dictionary: a tenth of the words of a library.
        self._parse_lower = lru_cache(maxsize=65536)(self._parse_lowered)
        # Spelling, names, language detection and caps all ask about the same words, draft after draft.
        self.is_known = lru_cache(maxsize=65536)(self._is_known)
        self._has_tag = lru_cache(maxsize=65536)(self._tagged)  # rules ask the same words the same things

    @property
    def analyzer(self) -> Any:  # pymorphy3 ships no type hints (ignore_missing_imports in pyproject.toml)
        if self._analyzer is None:
            import importlib

            import pymorphy3  # imported here: loading takes a tenth of a second per language

            # Naming the dictionary's path skips pymorphy3's scan of every installed package's
            # entry points, which costs more than a third of the load.
            dictionaries = importlib.import_module(f"pymorphy3_dicts_{self.lang}")
            self._analyzer = pymorphy3.MorphAnalyzer(path=dictionaries.get_path(), lang=self.lang)
        return self._analyzer

    def _parse(self, word: str) -> tuple[Parse, ...]:
        return self._parse_lower(word.lower())

    def _parse_lowered(self, word: str) -> tuple[Parse, ...]:
        if not _ANALYSABLE.fullmatch(word):
            return ()
        return tuple(self.analyzer.parse(word))

    def lemma(self, word: str) -> str:
        """The most likely dictionary form, folded for matching."""
        parses = self.parse(word)
        return fold(parses[0].normal_form) if parses else fold(word)

    def lemmas(self, word: str) -> frozenset[str]:
        """Every dictionary form the word may have, folded, plus the word itself."""
        return _lemmas(self, word)

    def _is_known(self, word: str) -> bool:
        return bool(_ANALYSABLE.fullmatch(word)) and bool(self.analyzer.word_is_known(word.lower()))

    def has_tag(self, word: str, grammemes: Iterable[str], *, best_only: bool = False) -> bool:
        return self._has_tag(word, frozenset(grammemes), best_only)

    def _tagged(self, word: str, wanted: frozenset[str], best_only: bool) -> bool:
        parses = self.parse(word)[:1] if best_only else self.parse(word)
        return any(wanted <= parse.tag.grammemes for parse in parses)


@lru_cache(maxsize=65536)
def _lemmas(morphology: Morphology, word: str) -> frozenset[str]:
    return frozenset({fold(word), *(fold(parse.normal_form) for parse in morphology.parse(word))})


@cache
def morphology_for(lang: str) -> Morphology:
    return Morphology(lang)
