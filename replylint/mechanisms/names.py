"""The client's name, as they gave it: from a self-introduction («Меня зовут Анна», «Мене звати
Олена»), a sign-off («С уважением, Анна Петрова», «З повагою,\\nОлена»), a last line that is a
name and nothing else («Евгений Александрович»), or a name closing a chat message inline («…на
ул. Ленина, 5. Анастасия»). pymorphy3's Name/Patr/Surn tags decide which word
is which, so «Петрова Анна» and «Анна Петровна» both read right and «Спасибо» is no name.

A name is then matched in the reply by its inflected forms (pymorphy3's lexeme, in the languages of
both messages): «Олено», «Тарасе», «Іване Петровичу», «Анне» are the same name, not misspellings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from replylint.data import load_toml
from replylint.document.language import LANGUAGES
from replylint.document.morphology import morphology_for
from replylint.document.normalize import fold

if TYPE_CHECKING:
    from replylint.document.model import Document

_NAME_WORD = r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+(?:-[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+)?"
_NAME_WORDS = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}}")
_INTRODUCTION = re.compile(
    r"(?<!\w)(?:меня зовут|мо[её] имя|мене звати|мене звуть|мо[єе] ім['’ʼ]?я)\s*[:,—–-]?\s*", re.IGNORECASE)
# Formulas a client signs off with; the name follows on the same line or the next one. «Спасибо,
# Анна» is left out: a client often thanks the agent by the agent's name.
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:с уважением|с наилучшими пожеланиями|с благодарностью|з повагою|з найкращими побажаннями"
    r"|з вдячністю|best regards|kind regards|regards)[ \t]*[,.!]?[ \t]*", re.IGNORECASE | re.MULTILINE)
_LAST_LINE = re.compile(rf"^[ \t\-–—]*({_NAME_WORDS.pattern})[ \t.!]*$")
# A chat message signed inline: the name is the last sentence of its last line («…на ул. Ленина, 5.
# Анастасия», «…подскажите? Олег»).
_INLINE_END = re.compile(rf"(?<=[.!?…)])[ \t]+[\-–—]?[ \t]*({_NAME_WORDS.pattern})[ \t.!]*$")
_ROLES = ("Name", "Patr", "Surn")


class NamePart(NamedTuple):
    """One word of the client's name: as written, its dictionary form, and every inflected form."""

    written: str
    lemma: str  # folded nominative
    role: str  # Name, Patr or Surn
    lang: str  # the language whose dictionary read it as a name

    def forms(self, lang: str) -> frozenset[str]:
        """The lemma and its inflections (folded) in its own language and in `lang`, the reply's:
        «Олено» for a Ukrainian reply. The other dictionary loads only when the languages differ."""
        return _forms(self.written, self.role, tuple(sorted({self.lang, lang})))

    def matches(self, word: str, lang: str) -> bool:
        return fold(word) in self.forms(lang)


class ClientName(NamedTuple):
    """The client's name as they signed: first name, and patronymic and surname when given."""

    first: NamePart
    patronymic: NamePart | None = None
    surname: NamePart | None = None

    @property
    def parts(self) -> tuple[NamePart, ...]:
        return tuple(part for part in (self.first, self.patronymic, self.surname) if part is not None)


def find_client_name(client: Document) -> ClientName | None:
    """The client's own text (quoted history excluded, signature included) read for a name."""
    end = client.quote.start if client.quote else len(client.text)
    text = client.text[:end].rstrip()
    for candidate in _candidates(text):
        name = _read_name(candidate, client.language)
        if name is not None:
            return name
    return None


def _candidates(text: str) -> Iterable[str]:
    """Word runs that may be a name, most explicit first."""
    for pattern in (_INTRODUCTION, _SIGN_OFF):
        for match in pattern.finditer(text):
            rest = text[match.end() :]
            if pattern is _SIGN_OFF and not rest.split("\n", 1)[0].strip():
                rest = rest.lstrip("\n \t")  # the name is on the next line
            words = _NAME_WORDS.match(rest)
            if words:
                yield words.group()
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1:  # a message that is only a name is not signed
        last = _LAST_LINE.match(lines[-1])
        if last:
            yield last.group(1)
    inline = _INLINE_END.search(lines[-1]) if lines else None
    if inline:
        yield inline.group(1)


def _read_name(words_text: str, lang: str) -> ClientName | None:
    parts: dict[str, NamePart] = {}
    for word in words_text.split():
        found = next(((role, found_in) for role in _ROLES if role not in parts
                      for found_in in [_nominative(word, role, lang)] if found_in), None)
        if found is None:
            break  # «Анна Спасибо»: the name ends where the non-name begins
        role, found_in = found
        if role == "Patr" and "Name" not in parts:
            break
        parts[role] = NamePart(word, fold(word), role, found_in)
    if "Name" not in parts:
        return None
    return ClientName(parts["Name"], parts.get("Patr"), parts.get("Surn"))


def _nominative(word: str, role: str, lang: str) -> str | None:
    """The language in which `word` reads as a name of this role in the nominative, if any. The
    other language's dictionary is asked only about a word the client's own does not know
    («Евгений» in a message read as Ukrainian), so a Russian «Спасибо» loads nothing more."""
    morph = morphology_for(lang)
    if any({role, "nomn"} <= parse.tag.grammemes for parse in morph.parse(word)):
        return lang
    if morph.is_known(word):
        return None
    other = next(other for other in LANGUAGES if other != lang)
    if any({role, "nomn"} <= parse.tag.grammemes for parse in morphology_for(other).parse(word)):
        return other
    return None


@cache
def _forms(word: str, role: str, langs: tuple[str, ...]) -> frozenset[str]:
    forms = {fold(word)}
    for lang in langs:
        for parse in morphology_for(lang).parse(word):
            if {role, "nomn"} <= parse.tag.grammemes:  # this word's nominative reading: its forms
                forms.update(fold(form.word) for form in parse.lexeme)
    return frozenset(forms)


# --- the curated table of names (rules/<lang>/names.toml) ----------------------------------------

@cache
def diminutives(lang: str) -> dict[str, frozenset[str]]:
    """Full name (folded nominative) -> its short and diminutive forms (folded nominatives)."""
    table = load_toml(f"{lang}/names.toml").get("names", {})
    return {fold(name): frozenset(fold(form) for form in forms) for name, forms in table.items()}


@cache
def known_names() -> frozenset[str]:
    """Every full name and short form the tables list, in both languages: real names, not typos."""
    names: set[str] = set()
    for lang in LANGUAGES:
        for name, forms in diminutives(lang).items():
            names.add(name)
            names.update(forms)
    return frozenset(names)


# --- how close two spellings are -----------------------------------------------------------------

def edit_distance(first: str, second: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two neighbours is one edit), or limit + 1 once
    it is certainly beyond `limit`."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            cost = a != b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
