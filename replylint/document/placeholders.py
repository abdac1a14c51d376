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


def compile_atoms(placeholder_patterns: Iterable[str] = DEFAULT_PLACEHOLDER_PATTERNS, *,
                  emails: bool = True) -> re.Pattern[str]:
    """One pattern whose named groups tell an atom's kind (`emails` False: no e-mail alternative)."""
    placeholders = "|".join(f"(?:{pattern})" for pattern in placeholder_patterns)
    email = f"|(?P<email>{_EMAIL})" if emails else ""
    return re.compile(f"(?P<url>{_LINK}){email}|(?P<placeholder>{placeholders})")


DEFAULT_ATOMS = compile_atoms()
# The e-mail alternative is the costly one: at every letter it runs on over up to 64 characters
# looking for an «@». A text without «@» is searched without it, with the same matches.
_DEFAULT_ATOMS_BUT_EMAILS = compile_atoms(emails=False)
# Every built-in atom holds one of these as written (a link's «://» or «www.», an e-mail's «@», a
# placeholder's bracket, «%» or «$»): a text with none of them holds no atom.
_DEFAULT_ATOM_MARKS = ("://", "www.", "@", "{", "%", "[", "$")


def atoms_in(atoms: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> re.Pattern[str] | None:
    """The pattern to find the `atoms` of text[start:end] with: None when it surely holds none
    (most sentences hold no link or placeholder, and need no search); `atoms` itself for a
    config's own placeholder patterns."""
    if atoms is not DEFAULT_ATOMS:
        return atoms
    piece = text[start:end]
    if not any(mark in piece for mark in _DEFAULT_ATOM_MARKS):
        return None
    return atoms if "@" in piece else _DEFAULT_ATOMS_BUT_EMAILS


@cache
def atoms_with(extra_placeholders: tuple[str, ...]) -> re.Pattern[str]:
    """The atoms with a config's extra placeholder patterns (compiled once per distinct tuple)."""
    if not extra_placeholders:
        return DEFAULT_ATOMS
    return compile_atoms((*DEFAULT_PLACEHOLDER_PATTERNS, *extra_placeholders))
