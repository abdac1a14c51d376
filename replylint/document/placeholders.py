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

_LINK = r"(?:https?://|www\.)[^\s<>«»\"]+[^\s<>«»\".,;:!?)\]]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"


def compile_atoms(placeholder_patterns: Iterable[str] = DEFAULT_PLACEHOLDER_PATTERNS) -> re.Pattern[str]:
    """One pattern whose named groups tell an atom's kind."""
    placeholders = "|".join(f"(?:{pattern})" for pattern in placeholder_patterns)
    return re.compile(f"(?P<url>{_LINK})|(?P<email>{_EMAIL})|(?P<placeholder>{placeholders})")


DEFAULT_ATOMS = compile_atoms()


@cache
def atoms_with(extra_placeholders: tuple[str, ...]) -> re.Pattern[str]:
    """The atoms with a config's extra placeholder patterns (compiled once per distinct tuple)."""
    if not extra_placeholders:
        return DEFAULT_ATOMS
    return compile_atoms((*DEFAULT_PLACEHOLDER_PATTERNS, *extra_placeholders))
