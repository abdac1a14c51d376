"""Template placeholders ({{ name }}, %NAME%, [Имя клиента] …) and other atoms: links, e-mails.

They are masked: no rule reads inside them, so they never give spelling, caps or name findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

DEFAULT_PLACEHOLDER_PATTERNS: tuple[str, ...] = (
    r"\{\{[^{}\n]{1,80}\}\}",            # {{ name }}, {{ticket.requester.first_name}}
    r"\{%[^\n]{1,80}?%\}",               # {% if … %}
    r"\{[A-Za-z_][\w.]{0,60}\}",         # {name}
    r"%[A-Za-z_][\w.]{0,60}%",           # %NAME%
    r"\[[A-Za-zА-Яа-яЁёІіЇїЄєҐґ_][\w .\-]{0,50}\](?!\()",  # [Имя клиента], not a Markdown link
    r"\$\{?[A-Za-z_]\w{0,60}\}?",        # $name, ${name}
)

# Bounded lengths (a URL of 2,000 characters, RFC 5321's 64-character local part and 63-character
# labels): an unbounded run here makes every start position scan to the end of a long run of dots
# or letters, and a 1 MB draft of them quadratic.
_LINK = r"(?:https?://|www\.)[^\s<>«»\"]{0,2000}[^\s<>«»\".,;:!?)\]]"
_EMAIL = r"[\w+-][\w.+-]{0,63}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}"


def compile_atoms(placeholder_patterns: Iterable[str] = DEFAULT_PLACEHOLDER_PATTERNS) -> re.Pattern[str]:
    """One pattern whose named groups tell an atom's kind."""
    placeholders = "|".join(f"(?:{pattern})" for pattern in placeholder_patterns)
    return re.compile(f"(?P<url>{_LINK})|(?P<email>{_EMAIL})|(?P<placeholder>{placeholders})")


DEFAULT_ATOMS = compile_atoms()
# Every built-in atom holds one of these as written (a link's «://» or «www.», an e-mail's «@», a
# placeholder's bracket, «%» or «$»): a text with none of them holds no atom.
_DEFAULT_ATOM_MARKS = ("://", "www.", "@", "{", "%", "[", "$")


def may_hold_atoms(atoms: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> bool:
    """False when text[start:end] surely holds no match of `atoms` (most sentences hold no link or
    placeholder, and need no search); always True for a config's own placeholder patterns."""
    if atoms is not DEFAULT_ATOMS:
        return True
    piece = text[start:end]
    return any(mark in piece for mark in _DEFAULT_ATOM_MARKS)


@cache
def atoms_with(extra_placeholders: tuple[str, ...]) -> re.Pattern[str]:
    """The atoms with a config's extra placeholder patterns (compiled once per distinct tuple)."""
    if not extra_placeholders:
        return DEFAULT_ATOMS
    return compile_atoms((*DEFAULT_PLACEHOLDER_PATTERNS, *extra_placeholders))
