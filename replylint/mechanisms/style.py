"""How the client writes: a reply may mirror it (000: «можете ослабить вожжи»; 004: «подражайте
стилю собеседника»), so rules of the same kind soften when the client's own message does it.

Only the client's own text counts (`Document.body`): history they quote and their signature do not.
The smiley patterns live here because both the emoji rule (on the reply) and the client's style
(on the client's message) need the same notion of a smiley: «1)» and «(см. выше)» are not one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from replylint.data import load_toml
from replylint.document.language import LANGUAGES
from replylint.document.model import Document, Span
from replylint.document.normalize import fold
from replylint.document.tokens import EMOJI_RUN
from replylint.mechanisms.phrases import find_phrases

# An all-capitals word this long that the dictionary knows as an ordinary word is shouting, not an
# abbreviation: «СРОЧНО», «ВЕРНИТЕ» — unlike «ИНН», «ГИБДД» (tagged Abbr) or «ОСАГО» (unknown).
_CAPS_WORD = re.compile(r"(?<![\w-])[А-ЯЁІЇЄҐ]{4,}(?![\w-])")
_NOT_SHOUTING = frozenset({"Abbr", "Name", "Surn", "Patr", "Geox", "Orgn", "Init"})
# «!!», «!!!», «?!», «!?»: exclamatory runs; «???» alone is puzzlement, not a style to mirror.
_EXCLAMATION_RUN = re.compile(r"[!?]*![!?]*[!?]|‼|⁉")
# The client's greeting opens their message: «Привет», at most a word or two before it.
_GREETING_WINDOW = 3


class ClientStyle(NamedTuple):
    """What the client's own message does: emoji, caps, «!!!», an informal greeting."""

    emoji: bool = False
    caps: bool = False
    exclamation: bool = False
    informal_greeting: bool = False


def read_style(client: Document) -> ClientStyle:
    text = client.text[client.body.start : client.body.end]
    return ClientStyle(
        emoji=_uses_smileys(client, text),
        caps=any(_is_shouted_word(client, match.group()) for match in _CAPS_WORD.finditer(text)
                 if not client.in_quoted_speech(client.body.start + match.start())),  # «статус "ПРИНЯТА"»
        exclamation=bool(_EXCLAMATION_RUN.search(text)),
        informal_greeting=_greets_informally(client),
    )


def _uses_smileys(client: Document, text: str) -> bool:
    if EMOJI_RUN.search(text) or find_emoticons(text, 0, len(text)):
        return True
    return any(bracket_smileys(client.text, line.start, line.end) for line in client.body_lines)


def _is_shouted_word(client: Document, word: str) -> bool:
    parses = client.morph.parse(word)
    return client.morph.is_known(word) and not any(_NOT_SHOUTING & set(parse.tag.grammemes) for parse in parses)


def _greets_informally(client: Document) -> bool:
    if client.opening is None:
        return False
    opening = fold(client.opening.text)
    for lang in LANGUAGES:  # a client may greet «Привіт» and go on in Russian
        for match in find_phrases(opening, lang, "greetings", "informal"):
            if len(opening[: match.start()].split()) < _GREETING_WINDOW:
                return True
    return False


# --- smileys, shared with the emoji rule ---------------------------------------------------------

def find_emoticons(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The text emoticons in text[start:end]. A match holds one of the listed emoticons as written,
    so a text holding none of them (most replies) is answered without running the pattern."""
    if not _any_emoticon().search(text, start, end):
        return []
    return list(emoticon_pattern().finditer(text, start, end))


@cache
def _any_emoticon() -> re.Pattern[str]:
    """Any listed emoticon, as written: one scan of a reply, where a substring search per
    emoticon took twice as long (longest first, it compiles in 0.6 ms; in the list's order, 1.5)."""
    entries = sorted(_emoticons(), key=len, reverse=True)
    return re.compile("|".join(re.escape(entry) for entry in entries) if entries else "(?!)")  # none: no match


@cache
def _emoticons() -> tuple[str, ...]:
    return tuple(load_toml("common/emoticons.toml").get("entries", ()))


@cache
def emoticon_pattern() -> re.Pattern[str]:
    entries = sorted(_emoticons(), key=len, reverse=True)
    symbolic = "|".join(re.escape(entry) for entry in entries if not entry[0].isalnum())
    lettered = "|".join(re.escape(entry) for entry in entries if entry[0].isalnum())
    # «Спасибо:)» is a smiley, but not «10:30» or «http://»; «xD» only as a word of its own, not
    # in a model name «XD-300».
    return re.compile(rf"(?<![\d:;=/<^])(?:{symbolic})(?![\w/])|(?<![\w-])(?:{lettered})(?![\w/-])")


# A list marker: "1)", "12)", "а)", "b)" at the start of a line or after a space, a semicolon or a colon.
_LIST_MARKER = re.compile(r"(?:^|[\s;:,(])(?:\d{1,2}(?:\.\d{1,2})*|[a-zа-яёіїєґ])$", re.IGNORECASE)


_PAREN = re.compile(r"[()]")


def bracket_smileys(text: str, start: int, end: int) -> list[Span]:
    """Unbalanced ")" runs and trailing "(" runs of a line: Russian-style smileys."""
    spans: list[Span] = []
    opened: list[int] = []
    index = start
    while True:
        paren = _PAREN.search(text, index, end)  # from one bracket to the next, not every character
        if paren is None:
            break
        index = paren.start()
        if text[index] == "(":
            opened.append(index)
        elif opened:
            opened.pop()
        elif not _LIST_MARKER.search(text[max(start, index - 8) : index]):
            run_end = index
            while run_end < end and text[run_end] == ")":
                run_end += 1
            spans.append(Span(index, run_end))
            index = run_end
            continue
        index += 1
    # Sad smileys: a run of "(" that nothing closes, standing before the end or a space.
    runs: list[list[int]] = []
    for position in opened:
        if runs and runs[-1][-1] == position - 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    for run in runs:
        after = run[-1] + 1
        tail = text[after:end].lstrip()
        if len(run) >= 2 or not tail or tail[0] in ".!?,":
            spans.append(Span(run[0], after))
    return spans
