"""vy-consistency: the polite «Вы» capitalised in one place and «вы» lower-case in another.

Both are correct Russian and Ukrainian business style; mixing them in one reply is not. The house
style is an option: "any" (only mixing is reported), "lower" or "upper".
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from replylint.document.model import Document
from replylint.document.morphology import morphology_for
from replylint.document.tokens import Token
from replylint.errors import SettingsError
from replylint.rulekit.context import Context
from replylint.rulekit.finding import Fix
from replylint.rulekit.registry import Hit, rule

_POLITE_LEMMAS = {"ru": {"вы", "ваш"}, "uk": {"ви", "ваш"}}
_STYLES = ("any", "lower", "upper")


class VyConsistencyOptions(NamedTuple):
    """The rule's options (rules/catalog/vy-consistency.toml)."""

    style: str  # "any", "lower" or "upper", in any case

    def validate(self) -> None:  # a bad value is an error when the settings are made
        style = self.style.lower()
        if style not in _STYLES:
            raise SettingsError(f"vy-consistency: style must be one of {', '.join(_STYLES)}, not {style!r}")


@rule("vy-consistency", options=VyConsistencyOptions)
def vy_consistency(document: Document, context: Context[VyConsistencyOptions]) -> Iterator[Hit]:
    style = context.options.style.lower()
    upper, lower = _polite_words(document)
    if style == "any":
        if not upper or not lower:
            return
        # The reply's own habit wins; a tie goes to the form it used first.
        first_is_upper = upper[0].start < lower[0].start
        style = "upper" if len(upper) > len(lower) or (len(upper) == len(lower) and first_is_upper) else "lower"
    wrong = lower if style == "upper" else upper
    for token in wrong:
        replacement = token.text.capitalize() if style == "upper" else token.text.lower()
        yield Hit(token.start, token.end, style, {"word": token.text, "expected": replacement},
                  fix=Fix(token.start, token.end, replacement, safe=True))


def _polite_words(document: Document) -> tuple[list[Token], list[Token]]:
    """«Вы/Ваш» written with a capital and with a small letter; a sentence's first word tells nothing."""
    upper: list[Token] = []
    lower: list[Token] = []
    for sentence in document.sentences:
        for token in sentence.words[1:]:
            text = token.text
            if not _is_polite(document.language, text):  # first: a look-up, and false for most words
                continue
            if (text.isupper() and len(text) > 1) or document.in_quoted_speech(token.start):
                continue  # «ВЫ» is the caps rule's; quoted words are the client's
            (upper if text[0].isupper() else lower).append(token)
    return upper, lower


@lru_cache(maxsize=65536)
def _is_polite(lang: str, text: str) -> bool:
    """A form of «вы»/«ваш»: asked of every word of every draft, answered once per word."""
    lemmas = _POLITE_LEMMAS[lang]
    return any(parse.normal_form in lemmas and parse.tag.POS in ("NPRO", "ADJF")
               for parse in morphology_for(lang).parse(text))
