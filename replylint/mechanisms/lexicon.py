"""Lexicons: lists of words and phrases (rules/<lang>/<name>.toml) matched on lemmas.

One entry «номерочек» matches every case of it; the phrase «доводить до сведение» matches
«доводим до вашего сведения»: each word of a phrase is a dictionary form matched against the
first (most likely) parse of a text word — all parses would make «благодаря» a thanks — and one
adjective or possessive may stand between two words of a phrase. `exact` entries match the written
form only (slang pymorphy3 does not know or reads as another word). A lexicon is compiled once per
language (and per user override) into an index keyed by the first word, so matching one draft
costs two dictionary look-ups per word.

A user extends or replaces a lexicon without code through `Settings.lexicons`:
`{name: {lang: {"extend": [...], "replace": [...], "remove": [...]}}}`; items are phrases
(written naturally: their words are lemmatised) or tables with the data files' keys.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from replylint.data import load_toml, rules_dir
from replylint.document.language import LANGUAGES
from replylint.document.morphology import morphology_for
from replylint.document.normalize import fold
from replylint.document.tokens import Token, TokenKind
from replylint.engine.settings import SettingsError

if TYPE_CHECKING:
    from replylint.document.model import Document
    from replylint.engine.context import Context

# Words that may stand between two words of a phrase besides adjectives and participles: Ukrainian
# possessives are pronouns (NPRO) in pymorphy3, not adjectives as in Russian.
_POSSESSIVES = frozenset({"ваш", "наш", "свой", "свій", "мой", "мій", "твой", "твій", "їхній", "этот", "цей"})
_GAP_TAGS = frozenset({"ADJF", "PRTF"})
# Punctuation a phrase may run across («в случае, если»); any other mark ends a phrase.
_TRANSPARENT = frozenset({",", "-", "–", "—"})
_ENTRY_KEYS = frozenset({"phrase", "suggest", "exclude", "exact", "capitalized", "note"})
# Grammemes carried over from the matched word to its replacement, by category.
_INFLECTED = frozenset({
    "nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2",
    "sing", "plur", "masc", "femn", "neut", "1per", "2per", "3per", "pres", "past", "futr",
    "indc", "impr", "incl", "excl", "anim", "inan",
})
_VERB_FORMS = frozenset({"VERB", "INFN"})
_CASE_NUMBER = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "sing", "plur"})
_UNINFLECTED_POS = frozenset({"ADVB", "PRCL", "INTJ", "CONJ", "PREP", "PRED", "COMP"})


class LexiconError(SettingsError):
    """A user's lexicon override that cannot be used: reported as one line, exit code 2."""


@dataclass(frozen=True)
class Entry:
    phrase: str  # as written in the data
    words: tuple[str, ...]  # folded dictionary forms (written forms when `exact`)
    suggest: tuple[str, ...] = ()
    exclude: frozenset[str] = frozenset()
    exact: bool = False
    capitalized: bool = False  # matches only when its first word starts with a capital letter
    note: str | None = None
    # An exact entry listed first among the forms that share its suggestion: the dictionary form
    # («инфа» before «инфу», «инфой»), so the suggestion as written is the same form.
    base: bool = True


@dataclass(frozen=True)
class Slot:
    """A word of a body sentence as the matcher sees it."""

    token: Token
    form: str  # folded written form
    lemma: str  # folded normal form of the first parse
    gap: bool  # may stand between two words of a phrase
    quoted: bool  # inside «…»: the client's words or an interface label


@dataclass(frozen=True)
class LexiconMatch:
    start: int
    end: int
    entry: Entry
    words: tuple[Token, ...]


@dataclass(frozen=True)
class Lexicon:
    name: str
    lang: str
    entries: tuple[Entry, ...]
    by_form: Mapping[str, tuple[Entry, ...]]
    by_lemma: Mapping[str, tuple[Entry, ...]]

    def find(self, sentences: Iterable[Sequence[Slot | None]]) -> list[LexiconMatch]:
        """Every match in the sentences; where two overlap, only the longer one."""
        found: list[LexiconMatch] = []
        for slots in sentences:
            for index, slot in enumerate(slots):
                if slot is None:
                    continue
                candidates = self.by_form.get(slot.form, ()) + self.by_lemma.get(slot.lemma, ())
                if slot.form != slot.lemma:
                    candidates += self.by_lemma.get(slot.form, ())
                for entry in candidates:
                    match = _match_at(entry, slots, index)
                    if match is not None:
                        found.append(match)
        return _longest_first(found)


def load(name: str, lang: str, settings_lexicons: Mapping[str, Any] | None = None) -> Lexicon:
    """The lexicon `name` for `lang` with the user's override, if any, applied (cached)."""
    override = ((settings_lexicons or {}).get(name) or {}).get(lang)
    key = json.dumps(override, sort_keys=True, ensure_ascii=False) if override else ""
    return _compiled(name, lang, key)


@lru_cache(maxsize=256)
def _compiled(name: str, lang: str, override_json: str) -> Lexicon:
    entries = [_entry(raw, f"{lang}/{name}.toml") for raw in load_toml(f"{lang}/{name}.toml").get("entry", ())]
    if override_json:
        entries = _apply_override(entries, json.loads(override_json), name, lang)
    entries = [replace(entry, base=not (entry.exact and previous.exact and previous.suggest == entry.suggest))
               for previous, entry in zip([Entry("", ("",)), *entries], entries, strict=False)]
    by_form: dict[str, list[Entry]] = {}
    by_lemma: dict[str, list[Entry]] = {}
    for entry in entries:
        (by_form if entry.exact else by_lemma).setdefault(entry.words[0], []).append(entry)
    longest = lambda group: tuple(sorted(group, key=lambda entry: -len(entry.words)))  # noqa: E731
    return Lexicon(name, lang, tuple(entries),
                   {key: longest(group) for key, group in by_form.items()},
                   {key: longest(group) for key, group in by_lemma.items()})


def _entry(raw: Any, where: str, *, lemmatize_lang: str | None = None) -> Entry:
    if isinstance(raw, str):
        raw = {"phrase": raw}
    if not isinstance(raw, Mapping) or not isinstance(raw.get("phrase"), str) or not raw["phrase"].split():
        raise LexiconError(f"{where}: a lexicon entry needs a non-empty `phrase`")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown key {sorted(unknown)[0]!r} in lexicon entry {raw['phrase']!r}")
    exact = bool(raw.get("exact", False))
    words = tuple(fold(word).strip(".") for word in raw["phrase"].split())
    if lemmatize_lang and not exact:
        # A user writes phrases as they read («доводим до вашего сведения»); the data holds lemmas.
        morph = morphology_for(lemmatize_lang)
        words = tuple(morph.lemma(word) for word in words)
    return Entry(
        phrase=raw["phrase"],
        words=words,
        suggest=tuple(_strings(raw.get("suggest", ()), where, "suggest")),
        exclude=frozenset(fold(word) for word in _strings(raw.get("exclude", ()), where, "exclude")),
        exact=exact,
        capitalized=bool(raw.get("capitalized", False)),
        note=raw.get("note"),
    )


def _strings(value: Any, where: str, key: str) -> list[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, (list, tuple)) or not all(isinstance(item, str) for item in values):
        raise LexiconError(f"{where}: `{key}` must be a list of strings")
    return list(values)


def _apply_override(entries: list[Entry], override: Mapping[str, Any], name: str, lang: str) -> list[Entry]:
    where = f"lexicons.{name}.{lang}"
    user = lambda key: [_entry(item, where, lemmatize_lang=lang) for item in override.get(key) or ()]  # noqa: E731
    if "replace" in override:
        entries = user("replace")
    removed = {key for entry in user("remove") for key in _keys(entry)}
    return [entry for entry in entries if not _keys(entry) & removed] + user("extend")


def _keys(entry: Entry) -> set[tuple[str, ...]]:
    """An entry is named by its words or by its phrase as written (for `remove`)."""
    return {entry.words, tuple(fold(word).strip(".") for word in entry.phrase.split())}


def validate_overrides(lexicons: Mapping[str, Any]) -> None:
    """Check a user's `lexicons` setting up front, so a mistake is one line before any draft is read."""
    for name, per_lang in lexicons.items():
        if not any((rules_dir() / lang / f"{name}.toml").is_file() for lang in LANGUAGES):
            raise LexiconError(f"lexicons: unknown lexicon {name!r}")
        if not isinstance(per_lang, Mapping):
            raise LexiconError(f"lexicons.{name}: expected a table of languages")
        for lang, override in per_lang.items():
            if lang not in LANGUAGES:
                raise LexiconError(f"lexicons.{name}: unknown language {lang!r} (expected ru or uk)")
            if not isinstance(override, Mapping) or set(override) - {"extend", "replace", "remove"}:
                raise LexiconError(f"lexicons.{name}.{lang}: expected `extend`, `replace` or `remove` lists")
            for key, items in override.items():
                if not isinstance(items, (list, tuple)):
                    raise LexiconError(f"lexicons.{name}.{lang}.{key}: expected a list")
                for item in items:
                    _entry(item, f"lexicons.{name}.{lang}.{key}")


# --- matching ---------------------------------------------------------------------------------

def find(document: Document, context: Context, name: str) -> list[LexiconMatch]:
    """Matches of lexicon `name` in the body of `document`, with the user's lexicon settings."""
    lexicon = load(name, document.language, context.settings.lexicons)
    return lexicon.find(document_slots(document, context))


def document_slots(document: Document, context: Context | None = None) -> list[list[Slot | None]]:
    """The body's sentences as slots (None marks punctuation a phrase cannot cross); computed once
    per draft and shared by every lexicon rule through `context.extra`."""
    if context is not None:
        cached = context.extra.get("lexicon.slots")
        if cached is not None and cached[0] is document:
            return cached[1]
    morph = document.morph
    sentences: list[list[Slot | None]] = []
    for sentence in document.sentences:
        slots: list[Slot | None] = []
        for token in sentence.tokens:
            if token.kind is TokenKind.WORD:
                parses = morph.parse(token.text)
                best = parses[0] if parses else None
                lemma = fold(best.normal_form) if best else fold(token.text)
                gap = best is not None and (bool(_GAP_TAGS & best.tag.grammemes) or lemma in _POSSESSIVES)
                in_quotes = document.in_quoted_speech(token.start)  # a bisect: linear cost
                slots.append(Slot(token, fold(token.text), lemma, gap, in_quotes))
            elif not (token.kind is TokenKind.PUNCT and token.text in _TRANSPARENT):
                slots.append(None)
        sentences.append(slots)
    if context is not None:
        context.extra["lexicon.slots"] = (document, sentences)
    return sentences


def _accepts(slot: Slot | None, word: str, entry: Entry) -> bool:
    if slot is None:
        return False
    return slot.form == word if entry.exact else word in (slot.lemma, slot.form)


def _match_at(entry: Entry, slots: Sequence[Slot | None], index: int) -> LexiconMatch | None:
    first = slots[index]
    assert first is not None
    if not _accepts(first, entry.words[0], entry):
        return None
    if entry.capitalized and not first.token.text[:1].isupper():
        return None
    used = [first]
    position = index + 1
    for word in entry.words[1:]:
        slot = slots[position] if position < len(slots) else None
        if _accepts(slot, word, entry):
            used.append(slot)  # type: ignore[arg-type]
            position += 1
            continue
        after = slots[position + 1] if position + 1 < len(slots) else None
        if not entry.exact and slot is not None and slot.gap and _accepts(after, word, entry):
            used.append(after)  # type: ignore[arg-type]
            position += 2
            continue
        return None
    if any(slot.quoted or slot.form in entry.exclude for slot in used):
        return None
    return LexiconMatch(used[0].token.start, used[-1].token.end, entry, tuple(slot.token for slot in used))


def _longest_first(found: list[LexiconMatch]) -> list[LexiconMatch]:
    """«на данный момент» and «данный» overlap: report the longer match only."""
    kept: list[LexiconMatch] = []  # disjoint, by start: the one kept span that could overlap is found by bisect
    starts: list[int] = []
    for match in sorted(found, key=lambda match: (match.start - match.end, match.start)):
        before = bisect.bisect_left(starts, match.end) - 1  # the last kept span starting before match.end
        if before < 0 or kept[before].end <= match.start:
            at = bisect.bisect_left(starts, match.start)
            starts.insert(at, match.start)
            kept.insert(at, match)
    return kept


# --- replacements -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Replacement:
    text: str
    safe: bool  # the same word form in a plainer register: no inflection, no change of grammar


def replacement(document: Document, match: LexiconMatch, *, swap_is_safe: bool = False) -> Replacement | None:
    """The entry's single suggestion, inflected like the matched word where it is one word.

    Safe only when `swap_is_safe` (slang, jargon: the same word in another register), the match
    and the suggestion are single words of the same part of speech, and no inflection was needed.
    A phrase, or a suggestion pymorphy3 cannot put into the matched word's form, is never safe."""
    if len(match.entry.suggest) != 1:
        return None
    suggestion = match.entry.suggest[0]
    written = document.text[match.start : match.end]
    if len(match.words) != 1 or len(suggestion.split()) != 1:
        return Replacement(_same_case(suggestion, written), safe=False)
    inflected, plain = _inflect_like(document, match.words[0].text, suggestion, entry=match.entry)
    if inflected is None:
        return None
    return Replacement(_same_case(inflected, written), safe=swap_is_safe and plain)


def _inflect_like(document: Document, word: str, suggestion: str, *, entry: Entry) -> tuple[str | None, bool]:
    """(the suggestion in `word`'s form, whether that form is the suggestion as written and of
    the same kind of word); (None, False) when the form cannot be built reliably."""
    morph = document.morph
    target = sorted((parse for parse in morph.parse(suggestion) if fold(parse.normal_form) == fold(suggestion)),
                    key=lambda parse: parse.tag.POS not in _UNINFLECTED_POS)
    if not target:
        return suggestion, entry.exact  # a word pymorphy3 does not know: used as written
    best = target[0]
    if best.tag.POS in _UNINFLECTED_POS:
        parses = morph.parse(word)
        return suggestion, entry.exact or bool(parses and parses[0].tag.POS == best.tag.POS)
    if entry.exact:
        # pymorphy3 guesses at slang forms («номерочек» as a genitive plural): only the listed
        # dictionary form gets the suggestion, as written; the other forms get no fix.
        return (suggestion, True) if entry.base else (None, False)
    parses = morph.parse(word)
    source = parses[0] if parses else None
    kin = _VERB_FORMS if best.tag.POS in _VERB_FORMS else {best.tag.POS}
    if source is None or source.tag.POS not in kin:
        return None, False  # another part of speech has other grammemes
    wanted = set(source.tag.grammemes) & _INFLECTED
    if source.tag.POS != best.tag.POS:
        wanted.add(source.tag.POS)  # an infinitive suggestion for an imperative, and the reverse
    if best.tag.POS == "NOUN":
        wanted -= {"masc", "femn", "neut", "anim", "inan"}  # a noun's gender and animacy are its own
    form = best.inflect(wanted) or best.inflect(wanted & _CASE_NUMBER)
    if form is None:
        return None, False
    return form.word, fold(form.word) == fold(suggestion) and fold(word) == fold(source.normal_form)


def _same_case(replacement_text: str, written: str) -> str:
    if written[:1].isupper() and not written.isupper():
        return replacement_text[:1].upper() + replacement_text[1:]
    return replacement_text
