"""Fixed formulas (greetings, farewells) matched on folded surface text at word boundaries.

Formulas are frozen expressions ("Добрый день", "С уважением"): their forms are listed as data,
so a plain boundary-aware search is both exact and fast, with no morphology needed.
"""

from __future__ import annotations

import re
from functools import cache

from replylint.data import load_toml
from replylint.document.language import LANGUAGES
from replylint.document.normalize import fold


@cache
def phrase_list(lang: str, name: str, key: str = "entries") -> tuple[str, ...]:
    """`rules/<lang>/<name>.toml`'s list under `key`, folded, longest first."""
    entries = load_toml(f"{lang}/{name}.toml").get(key, [])
    return tuple(sorted({fold(entry) for entry in entries}, key=len, reverse=True))


@cache
def phrase_pattern(lang: str, name: str, key: str = "entries") -> re.Pattern[str] | None:
    phrases = phrase_list(lang, name, key)
    if not phrases:
        return None
    alternatives = "|".join(re.escape(phrase).replace(r"\ ", r"[\s,]+") for phrase in phrases)
    return re.compile(rf"(?<![\w'-])(?:{alternatives})(?![\w'-])")  # callers pass folded text


@cache
def _required_words(lang: str, name: str, key: str) -> tuple[str, ...]:
    """Each formula's longest word (a run without spaces: the pattern matches it literally): a
    text holding none of these cannot match, and is answered without compiling the list's
    pattern (a one-draft run meets most lists only so)."""
    return tuple(dict.fromkeys(max(phrase.split(" "), key=len) for phrase in phrase_list(lang, name, key)))


def find_phrases(text: str, lang: str, name: str, key: str = "entries") -> list[re.Match[str]]:
    """Every formula of the list in `text`; `text` should be folded (ё as е, one apostrophe)."""
    if not any(word in text for word in _required_words(lang, name, key)):
        return []
    pattern = phrase_pattern(lang, name, key)
    return list(pattern.finditer(text)) if pattern else []


@cache
def closing_phrases() -> dict[str, tuple[str, ...]]:
    """Farewell formulas per language: where present, they open the closing zone."""
    return {lang: phrase_list(lang, "farewells") for lang in LANGUAGES}
