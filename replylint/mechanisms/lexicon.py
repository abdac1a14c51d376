"""Lexicons: lists of words and phrase patterns (rules/<lang>/<name>.toml) matched on lemmas.

One entry «номерочек» matches every case of it; the phrase «доводить до сведение» matches
«доводим до вашего сведения»: each word of a phrase is a dictionary form matched against the
first (most likely) parse of a text word — all parses would make «благодаря» a thanks — and one
adjective or possessive may stand between two words of a phrase. `exact` entries match the written
form only (slang pymorphy3 does not know or reads as another word).

A phrase is a small pattern, so one entry says an idea rather than one wording:
  `{отпуск|больничный|уйти в отпуск}`  one of the alternatives (each a word or a few words)
  `очень?`, `{очень|крайне}?`           an optional word or group
  `...`                                  up to `GAP_WORDS` words of any kind
  `важ*`                                 a written form (or lemma) beginning with «важ»
  `писать:past,sing`, `{…}:past`         only a word whose parse carries these pymorphy3 grammemes
  `писати:past,!plur`                    … and not this one
So «ваш {звонок|обращение|мнение} очень? важ* для мы» covers «Ваше обращение очень важно для нас»
and «ваш звонок важен для нас». A lexicon is compiled once per language (and per user override)
into an index keyed by the words a pattern can start with, so matching one draft costs a few
dictionary look-ups per word.

A user extends or replaces a lexicon without code through `Settings.lexicons`:
`{name: {lang: {"extend": [...], "replace": [...], "remove": [...]}}}`; items are phrases
(written naturally: their words are lemmatised) or tables with the data files' keys. The lexicons
a user may name are those the rule catalog declares (`[lexicon]` in `rules/catalog/<id>.toml`),
which the engine passes to `validate_overrides`.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from replylint.data import load_toml, rules_dir
from replylint.document.language import LANGUAGES
from replylint.document.morphology import morphology_for
from replylint.document.normalize import fold
from replylint.document.tokens import Token, TokenKind
from replylint.errors import SettingsError

if TYPE_CHECKING:
    from replylint.document.model import Document

# Words that may stand between two words of a phrase besides adjectives and participles: Ukrainian
# possessives are pronouns (NPRO) in pymorphy3, not adjectives as in Russian.
_POSSESSIVES = frozenset({"ваш", "наш", "свой", "свій", "мой", "мій", "твой", "твій", "їхній", "этот", "цей"})
_GAP_TAGS = frozenset({"ADJF", "PRTF"})
# Punctuation a phrase may run across («в случае, если»); any other mark ends a phrase.
_TRANSPARENT = frozenset({",", "-", "–", "—"})
_ENTRY_KEYS = frozenset({"phrase", "suggest", "exclude", "exact", "capitalized", "note"})
_OVERRIDE_KEYS = ("extend", "replace", "remove")
# How many words of any kind `...` in a pattern may stand for.
GAP_WORDS = 3
_PATTERN_TOKEN = re.compile(r"\s*(\{|\}|\||\.\.\.|…|[^\s{}|]+)")
_MODIFIERS = re.compile(r"(?P<tags>:[A-Za-z0-9,!]+)?(?P<optional>\?)?")
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
    """A user's lexicon override that cannot be used: reported as one line, exit code 2.
    `key` is the config key to point at (a lexicon name, a language, `extend`…)."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


# --- patterns ---------------------------------------------------------------------------------

class Word(NamedTuple):
    """One word of a pattern: a lemma, an exact form or a prefix, with grammemes to require or refuse."""

    text: str  # folded dictionary form (the written form in an `exact` entry), or a prefix
    prefix: bool = False  # `важ*`
    tags: frozenset[str] = frozenset()  # `писать:past`: grammemes the word's parse must carry
    not_tags: frozenset[str] = frozenset()  # `писати:!plur`: grammemes it must not carry


class Group(NamedTuple):
    """`{a|b c}`, `word?`: one of the alternatives, each a sequence of words (a plain word is a
    group of one); `optional` may be skipped."""

    alternatives: tuple[tuple[Word, ...], ...]
    optional: bool = False


@dataclass(frozen=True)
class Gap:
    """`...`: up to GAP_WORDS words of any kind."""


Step = Group | Gap


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: entries are looked up by the thousand
class Entry:
    """One phrase of a lexicon, parsed into the steps it matches."""

    phrase: str  # as written in the data
    steps: tuple[Step, ...]
    suggest: tuple[str, ...] = ()
    exclude: frozenset[str] = frozenset()
    exact: bool = False
    capitalized: bool = False  # matches only when its first word starts with a capital letter
    note: str | None = None
    # An exact entry listed first among the forms that share its suggestion: the dictionary form
    # («инфа» before «инфу», «инфой»), so the suggestion as written is the same form.
    base: bool = True
    simple: bool = False  # plain words only, none optional: matched by the quick path (most entries)
    single_word: bool = False  # one word (of one or more alternatives)

    @property
    def key(self) -> str:
        """The pattern written back in one canonical way: how `remove` names an entry."""
        return " ".join(_step_text(step) for step in self.steps)


def parse_pattern(phrase: str, where: str, *, lemmatize_lang: str | None = None) -> tuple[Step, ...]:
    """`phrase` as steps; words are folded (and lemmatised for a user's phrase written as it reads)."""
    parts = _PATTERN_TOKEN.findall(phrase)
    steps: list[Step] = []
    index = 0

    def fail(why: str) -> LexiconError:
        return LexiconError(f"{where}: {why} in lexicon pattern {phrase!r}")

    def modifiers(text: str) -> tuple[frozenset[str], bool]:
        found = _MODIFIERS.fullmatch(text)
        if found is None:
            raise fail(f"unexpected {text!r}")
        tags = frozenset(found["tags"][1:].split(",")) - {""} if found["tags"] else frozenset()
        if any(tag.count("!") > (tag[:1] == "!") for tag in tags) or "!" in tags:
            raise fail(f"bad grammemes {text!r}")
        return tags, bool(found["optional"])

    def word(text: str, tags: frozenset[str] = frozenset()) -> Word:
        at = min((text.find(mark) for mark in ":?" if mark in text), default=len(text))
        own_tags, optional = modifiers(text[at:])
        if optional:
            raise fail("«?» inside {…}")
        body = text[:at]
        prefix = body.endswith("*")
        body = fold(body.rstrip("*")).strip(".")
        if not body or any(mark in body for mark in "*?:"):
            raise fail(f"bad word {text!r}")
        if lemmatize_lang and not prefix:
            body = morphology_for(lemmatize_lang).lemma(body)
        every = own_tags | tags
        return Word(body, prefix, frozenset(tag for tag in every if tag[0] != "!"),
                    frozenset(tag[1:] for tag in every if tag[0] == "!"))

    while index < len(parts):
        part = parts[index]
        index += 1
        if part in ("...", "…"):
            steps.append(Gap())
        elif part == "{":
            close = next((at for at in range(index, len(parts)) if parts[at] == "}"), None)
            if close is None or "{" in parts[index:close]:
                raise fail("an unclosed «{»")
            inner, index = parts[index:close], close + 1
            tags: frozenset[str] = frozenset()
            optional = False
            if index < len(parts) and parts[index][:1] in (":", "?"):
                tags, optional = modifiers(parts[index])
                index += 1
            alternatives: list[list[str]] = [[]]
            for item in inner:
                if item == "|":
                    alternatives.append([])
                elif item in ("...", "…"):
                    raise fail("«...» inside {…}")
                else:
                    alternatives[-1].append(item)
            if any(not alternative for alternative in alternatives):
                raise fail("an empty alternative")
            steps.append(Group(tuple(tuple(word(item, tags) for item in alternative)
                                     for alternative in alternatives), optional))
        elif part in ("}", "|"):
            raise fail(f"a stray «{part}»")
        else:
            optional = part.endswith("?")
            steps.append(Group(((word(part[:-1] if optional else part),),), optional))
    if not steps:
        raise fail("no words")
    if isinstance(steps[0], Gap) or isinstance(steps[-1], Gap):
        raise fail("«...» at an end")
    required = next((at for at, step in enumerate(steps) if isinstance(step, Group) and not step.optional), None)
    if required is None:
        raise fail("only optional words")
    if any(isinstance(step, Gap) for step in steps[:required]):
        raise fail("«...» before the first word that must be there")
    return tuple(steps)


def _simple(steps: tuple[Step, ...]) -> bool:
    return all(isinstance(step, Group) and not step.optional and len(step.alternatives) == 1
               and len(step.alternatives[0]) == 1 for step in steps)


def _single_word(steps: tuple[Step, ...]) -> bool:
    return len(steps) == 1 and isinstance(steps[0], Group) and all(len(words) == 1 for words in steps[0].alternatives)


def _step_text(step: Step) -> str:
    if isinstance(step, Gap):
        return "..."
    words = ["_".join(_word_text(word) for word in alternative) for alternative in step.alternatives]
    text = words[0] if len(words) == 1 else "{" + "|".join(sorted(words)) + "}"
    return text + ("?" if step.optional else "")


def _word_text(word: Word) -> str:
    tags = sorted(word.tags) + sorted("!" + tag for tag in word.not_tags)
    return word.text + ("*" if word.prefix else "") + (":" + ",".join(tags) if tags else "")


def _first_words(steps: tuple[Step, ...]) -> list[Word]:
    """The words a match can begin with: those of the first group, and of the next while optional."""
    firsts: list[Word] = []
    for step in steps:
        assert isinstance(step, Group)  # a pattern never starts with «...»
        firsts.extend(alternative[0] for alternative in step.alternatives)
        if not step.optional:
            break
    return firsts


class Slot:
    """A word of a body sentence as the matcher sees it. A plain class, not a dataclass: one is made
    per word of every draft, and defining a dataclass costs most of a millisecond in every run."""

    __slots__ = ("form", "gap", "grammemes", "key", "lemma", "quoted", "token")

    def __init__(self, token: Token, form: str, lemma: str, gap: bool, quoted: bool,
                 grammemes: frozenset[str] = frozenset(), key: str = "") -> None:
        self.token = token
        self.form = form  # folded written form
        self.lemma = lemma  # folded normal form of the first parse
        self.gap = gap  # may stand between two words of a phrase
        self.quoted = quoted  # inside «…»: the client's words or an interface label
        self.grammemes = grammemes  # of the first parse
        self.key = key  # form and lemma in one string: what a lexicon's index of starting entries is keyed by


class LexiconMatch(NamedTuple):
    """Where an entry matched in a document, and the words it covered."""

    start: int
    end: int
    entry: Entry
    words: tuple[Token, ...]


class Slots:
    """A document's sentences as slots (None marks punctuation a phrase cannot cross), and where
    each word (`Slot.key`) stands: a lexicon visits only the words that may start one of its
    entries, not every word of the draft (most drafts meet a dozen lexicons)."""

    __slots__ = ("_starting", "at", "lang", "sentences")

    def __init__(self, sentences: list[list[Slot | None]], at: dict[str, list[tuple[int, int]]], lang: str) -> None:
        self.sentences = sentences
        self.at = at  # key -> (sentence, index) of each slot with that key, in reading order
        self.lang = lang
        self._starting: dict[str, list[tuple[str, _Starts]]] | None = None

    def __iter__(self) -> Iterator[list[Slot | None]]:
        return iter(self.sentences)

    def starting(self) -> dict[str, list[tuple[str, _Starts]]]:
        """By built-in lexicon of the slots' language: the keys here that may start one of its
        entries, with those entries. One pass over the words serves every lexicon of the draft."""
        if self._starting is None:
            index = _shared_index(self.lang)
            starting: dict[str, list[tuple[str, _Starts]]] = {}
            for key in self.at:
                for name, starts in index.starts(key):
                    starting.setdefault(name, []).append((key, starts))
            self._starting = starting
        return self._starting


@dataclass(frozen=True)
class Lexicon:
    """A lexicon's entries, indexed by the word each can start with."""

    name: str
    lang: str
    entries: tuple[Entry, ...]
    by_form: Mapping[str, tuple[Entry, ...]]
    by_lemma: Mapping[str, tuple[Entry, ...]]
    # Patterns that begin with `word*`, keyed by the prefix; the prefixes' lengths, to look them up.
    by_prefix: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    prefix_lengths: tuple[int, ...] = ()

    # For a lexicon with the user's changes (a built-in one uses its language's _SharedIndex): the
    # entries each written form and lemma (`Slot.key`) may start, worked out once per key and process.
    _met: set[str] = field(default_factory=set, compare=False, repr=False)  # every key worked out
    _starts: dict[str, _Starts] = field(default_factory=dict, compare=False, repr=False)  # those that start one

    def __getstate__(self) -> dict[str, Any]:  # the cache folder keeps the lexicon, not what it met
        return {**self.__dict__, "_met": set(), "_starts": {}}

    def find(self, slots: Slots) -> list[LexiconMatch]:
        """Every match in the slots; where two overlap, only the longer one."""
        if slots.lang == self.lang and _built_in(self.lang).get(self.name) is self:
            starting = slots.starting().get(self.name, ())  # the language's index, shared by its lexicons
        else:
            starting = self._own_starting(slots)  # a lexicon with the user's changes: its own
        found: list[LexiconMatch] = []
        for key, known in starting:  # most words start no entry; the order of the keys does not matter
            for number, index in slots.at[key]:
                sentence = slots.sentences[number]
                tried = known.tried(sentence, index) if known.by_second else known.always
                for _, entry in tried:
                    match = _match_simple(entry, sentence, index) if entry.simple else _match_at(entry, sentence, index)
                    if match is not None:
                        found.append(match)
        return _longest_first(found)

    def _own_starting(self, slots: Slots) -> list[tuple[str, _Starts]]:
        """The keys of `slots` that may start an entry of this lexicon, each with those entries."""
        met, starts = self._met, self._starts
        words = slots.at.keys()
        unseen = words - met  # words this lexicon has not met yet
        if len(met) + len(unseen) > _MAX_REMEMBERED:
            met.clear()
            starts.clear()
            unseen = set(words)
        for key in unseen:
            found = self.starts(*key.split("\x00"))
            if found is not None:
                starts[key] = found
        met |= unseen
        return [(key, starts[key]) for key in words & starts.keys()]

    def starts(self, form: str, lemma: str) -> _Starts | None:
        """The entries a word with this folded form and lemma may start, or None when it starts none."""
        candidates = self._candidates(form, lemma)
        return _Starts.of(candidates) if candidates else None

    def _candidates(self, form: str, lemma: str) -> tuple[Entry, ...]:
        """The entries a word with this written form and lemma may start, each once, longest first
        per key."""
        by_form, by_lemma, by_prefix = self.by_form, self.by_lemma, self.by_prefix
        candidates: tuple[Entry, ...] = by_lemma.get(lemma, ())
        if form in by_form:
            candidates += by_form[form]
        if form != lemma and form in by_lemma:
            candidates += by_lemma[form]
        for length in self.prefix_lengths:
            candidates += by_prefix.get(form[:length], ())
            if lemma[:length] != form[:length]:
                candidates += by_prefix.get(lemma[:length], ())
        if len(candidates) > 1:
            candidates = tuple(dict.fromkeys(candidates))  # an entry reached by two of its words
        return candidates


_MAX_REMEMBERED = 200_000  # keys a lexicon remembers before it starts afresh (a long-running server)


class _SharedIndex:
    """The entries each key may start in every built-in lexicon of one language, worked out once
    per key and process: a library run meets the same words draft after draft, most of which start
    no entry at all, and one look-up per word answers for all the language's lexicons."""

    __slots__ = ("by_key", "lexicons", "owners", "prefix_lengths")

    def __init__(self, lexicons: Mapping[str, Lexicon]) -> None:
        self.lexicons = lexicons
        self.by_key: dict[str, tuple[tuple[str, _Starts], ...]] = {}
        # Which lexicons list a word (a form, a lemma or a `word*` prefix) at the start of an entry:
        # a new key asks these few dictionaries, not every lexicon's own (most keys start nothing).
        self.owners: dict[str, set[str]] = {}
        for name, lexicon in lexicons.items():
            for word in (*lexicon.by_form, *lexicon.by_lemma, *lexicon.by_prefix):
                self.owners.setdefault(word, set()).add(name)
        self.prefix_lengths = sorted({length for lexicon in lexicons.values() for length in lexicon.prefix_lengths})

    def starts(self, key: str) -> tuple[tuple[str, _Starts], ...]:
        found = self.by_key.get(key)
        if found is None:
            if len(self.by_key) >= _MAX_REMEMBERED:
                self.by_key.clear()
            form, lemma = key.split("\x00")
            found = self.by_key[key] = tuple((name, starts) for name in sorted(self._owners_of(form, lemma))
                                             if (starts := self.lexicons[name].starts(form, lemma)) is not None)
        return found

    def _owners_of(self, form: str, lemma: str) -> set[str]:
        """The lexicons that may have an entry starting at a word of this form and lemma (a superset)."""
        owners = self.owners
        names = set(owners.get(form, ()))
        names.update(owners.get(lemma, ()))
        for length in self.prefix_lengths:
            names.update(owners.get(form[:length], ()))
            names.update(owners.get(lemma[:length], ()))
        return names


@lru_cache(maxsize=4)
def _shared_index(lang: str) -> _SharedIndex:
    return _SharedIndex(_built_in(lang))


class _Starts:
    """The entries one word may start, each with its place among them (matches are kept in that
    order). A phrase of plain words is tried only where its second word follows: «в данный момент»
    and a dozen more start at every «в», and «данный» stands after few of them. (A plain class: a
    dataclass costs most of a millisecond to define, in every run.)"""

    __slots__ = ("always", "by_second")

    def __init__(self, always: tuple[tuple[int, Entry], ...],
                 by_second: dict[str, tuple[tuple[int, Entry], ...]]) -> None:
        self.always = always  # tried wherever the word stands
        self.by_second = by_second  # by the folded text of their second word

    @staticmethod
    def of(candidates: tuple[Entry, ...]) -> _Starts:
        always: list[tuple[int, Entry]] = []
        by_second: dict[str, list[tuple[int, Entry]]] = {}
        for order, entry in enumerate(candidates):
            second = entry.steps[1].alternatives[0][0] if entry.simple and len(entry.steps) > 1 else None  # type: ignore[union-attr]
            if second is None or second.prefix:
                always.append((order, entry))
            else:
                by_second.setdefault(second.text, []).append((order, entry))
        return _Starts(tuple(always), {text: tuple(group) for text, group in by_second.items()})

    def tried(self, slots: Sequence[Slot | None], index: int) -> list[tuple[int, Entry]]:
        """The entries worth trying at slots[index]: a plain phrase's second word must be the next
        word's form or lemma, or the one after it when the next may stand between (an adjective)."""
        tried = list(self.always)
        following = slots[index + 1] if index + 1 < len(slots) else None
        if following is None:
            return tried
        texts = {following.form, following.lemma}
        beyond = slots[index + 2] if following.gap and index + 2 < len(slots) else None
        if beyond is not None:
            texts.update((beyond.form, beyond.lemma))
        for text in texts:
            tried += self.by_second.get(text, ())
        if len(tried) > len(self.always):
            tried.sort(key=_order)
        return tried


def _order(item: tuple[int, Entry]) -> int:
    return item[0]


def load(name: str, lang: str, settings_lexicons: Mapping[str, Any] | None = None) -> Lexicon:
    """The lexicon `name` for `lang` with the user's override, if any, applied (cached)."""
    override = ((settings_lexicons or {}).get(name) or {}).get(lang)
    key = json.dumps(override, sort_keys=True, ensure_ascii=False) if override else ""
    return _compiled(name, lang, key)


@lru_cache(maxsize=256)
def _compiled(name: str, lang: str, override_json: str) -> Lexicon:
    if not override_json:
        built = _built_in(lang).get(name)
        if built is not None:
            return built
    entries = _data_entries(name, lang)
    if override_json:
        entries = _apply_override(entries, json.loads(override_json), name, lang)
    return _indexed(name, lang, entries)


@lru_cache(maxsize=4)
def _built_in(lang: str) -> dict[str, Lexicon]:
    """Every lexicon the catalog declares for `lang`, compiled once and kept in the cache folder
    beside the data bundle (parsing the patterns costs more than reading them back)."""
    from replylint.data import derived

    return derived(f"lexicons-{lang}", lambda: {name: _indexed(name, lang, _data_entries(name, lang))
                                                 for name in _data_lexicons(lang)}, code_file=__file__)


def _data_lexicons(lang: str) -> list[str]:
    """The files of rules/<lang>/ that are lexicons (a list of `[[entry]]` tables)."""
    return [path.stem for path in sorted((rules_dir() / lang).glob("*.toml"))
            if load_toml(f"{lang}/{path.name}").get("entry")]


def _data_entries(name: str, lang: str) -> list[Entry]:
    return [_entry(raw, f"{lang}/{name}.toml") for raw in load_toml(f"{lang}/{name}.toml").get("entry", ())]


def _indexed(name: str, lang: str, entries: list[Entry]) -> Lexicon:
    entries = [replace(entry, base=not (entry.exact and previous.exact and previous.suggest == entry.suggest))
               for previous, entry in zip([Entry("", ()), *entries], entries, strict=False)]
    by_form: dict[str, list[Entry]] = {}
    by_lemma: dict[str, list[Entry]] = {}
    by_prefix: dict[str, list[Entry]] = {}
    for entry in entries:
        for first in _first_words(entry.steps):
            if first.prefix:
                by_prefix.setdefault(first.text, []).append(entry)
            else:
                (by_form if entry.exact else by_lemma).setdefault(first.text, []).append(entry)
    def longest(group: list[Entry]) -> tuple[Entry, ...]:
        return tuple(sorted(group, key=lambda entry: -len(entry.steps)))

    return Lexicon(name, lang, tuple(entries),
                   {key: longest(group) for key, group in by_form.items()},
                   {key: longest(group) for key, group in by_lemma.items()},
                   {key: longest(group) for key, group in by_prefix.items()},
                   tuple(sorted({len(key) for key in by_prefix})))


def _entry(raw: Any, where: str, *, lemmatize_lang: str | None = None) -> Entry:
    if isinstance(raw, str):
        raw = {"phrase": raw}
    if not isinstance(raw, Mapping) or not isinstance(raw.get("phrase"), str) or not raw["phrase"].split():
        raise LexiconError(f"{where}: a lexicon entry needs a non-empty `phrase`, got {raw!r}")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown key {sorted(unknown)[0]!r} in lexicon entry {raw['phrase']!r}")
    exact = bool(raw.get("exact", False))
    # A user writes phrases as they read («доводим до вашего сведения»); the data holds lemmas.
    steps = parse_pattern(raw["phrase"], where, lemmatize_lang=None if exact else lemmatize_lang)
    return Entry(
        phrase=raw["phrase"],
        steps=steps,
        simple=_simple(steps),
        single_word=_single_word(steps),
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
    def user(key: str) -> list[Entry]:
        return [_entry(item, where, lemmatize_lang=lang) for item in override.get(key) or ()]

    if "replace" in override:
        entries = user("replace")
    removed = {key for item in override.get("remove") or () for key in _keys(item, where, lang)}
    return [entry for entry in entries if not _keys(entry, where, lang) & removed] + user("extend")


def _keys(item: Entry | Any, where: str, lang: str) -> set[str]:
    """An entry is named by its pattern as written (folded) or lemmatised, for `remove`."""
    entry = item if isinstance(item, Entry) else _entry(item, where)
    keys = {entry.key}
    if not entry.exact:
        keys.add(" ".join(_step_text(step) for step in parse_pattern(entry.phrase, where, lemmatize_lang=lang)))
    return keys


def validate_overrides(lexicons: Mapping[str, Any], known: frozenset[str]) -> None:
    """Check a user's `lexicons` setting up front, so a mistake is one line before any draft is read.
    The same check for a config file and for `Settings(lexicons=…)` through the API; `known`: the
    lexicons the rule catalog declares (`catalog.lexicon_names()`)."""
    if not isinstance(lexicons, Mapping):
        raise LexiconError("lexicons: expected a table of lexicons", "lexicons")
    for name, per_lang in lexicons.items():
        if name not in known:
            raise LexiconError(f"unknown lexicon {name!r} (known: {', '.join(sorted(known))})", name)
        if not isinstance(per_lang, Mapping):
            raise LexiconError(f"lexicons.{name}: expected a table of languages", name)
        for lang, override in per_lang.items():
            if lang not in LANGUAGES:
                raise LexiconError(f"lexicons.{name}: unknown language {lang!r} (ru or uk)", lang)
            where = f"lexicons.{name}.{lang}"
            if not isinstance(override, Mapping):
                raise LexiconError(f"{where}: expected a table with {', '.join(_OVERRIDE_KEYS)}", lang)
            for key, items in override.items():
                if key not in _OVERRIDE_KEYS:
                    raise LexiconError(f"unknown key {key!r} in {where} (allowed: {', '.join(_OVERRIDE_KEYS)})", key)
                if not isinstance(items, (list, tuple)):
                    raise LexiconError(f"{where}.{key} must be a list of phrases", key)
                for item in items:
                    try:
                        _entry(item, f"{where}.{key}")
                    except LexiconError as error:
                        raise LexiconError(str(error), key) from None


# --- matching ---------------------------------------------------------------------------------

def find(document: Document, name: str, overrides: Mapping[str, Any] | None = None,
         slots: Slots | None = None) -> list[LexiconMatch]:
    """Matches of lexicon `name` in the body of `document`, with the user's lexicon `overrides`;
    `slots`: the document's, when the caller has them already (`document_slots`)."""
    lexicon = load(name, document.language, overrides)
    return lexicon.find(document_slots(document) if slots is None else slots)


def find_foreign(document: Document, name: str, slots: Slots | None = None) -> list[LexiconMatch]:
    """Words of the other language («номерочек» in a Ukrainian draft) that its built-in lexicon
    `name` lists as single words: words the draft's dictionary does not know, looked up among
    every form of those entries (an index built once and cached, so no second dictionary loads)."""
    found: list[LexiconMatch] = []
    for other in (lang for lang in LANGUAGES if lang != document.language):
        forms = _foreign_forms(name, other)
        if not forms:
            continue
        lexicon: Lexicon | None = None  # the other language's lexicons load only for a word found
        for sentence in document_slots(document) if slots is None else slots:
            for slot in sentence:
                if slot is None or slot.quoted or slot.form not in forms or document.morph.is_known(slot.token.text):
                    continue
                if lexicon is None:
                    lexicon = load(name, other)
                token = slot.token
                found.append(LexiconMatch(token.start, token.end, lexicon.entries[forms[slot.form]], (token,)))
    return found


@lru_cache(maxsize=32)
def _foreign_forms(name: str, lang: str) -> dict[str, int]:
    from replylint.data import derived

    return derived(f"forms-{lang}-{name}", lambda: _every_form(name, lang), code_file=__file__)


def _every_form(name: str, lang: str) -> dict[str, int]:
    """Folded written form -> index of the single-word entry of lexicon `name` it inflects."""
    morph = morphology_for(lang)
    forms: dict[str, int] = {}
    for index, entry in enumerate(load(name, lang).entries):
        if not entry.single_word:
            continue
        for (word,) in entry.steps[0].alternatives:  # type: ignore[union-attr]
            if word.prefix or word.tags or word.not_tags:
                continue
            forms.setdefault(word.text, index)
            if entry.exact:
                continue
            for parse in morph.parse(word.text):
                if fold(parse.normal_form) == word.text:
                    for form in parse.lexeme:
                        forms.setdefault(fold(form.word), index)
    return forms


def document_slots(document: Document) -> Slots:
    """The body's sentences as slots (None marks punctuation a phrase cannot cross). The rules'
    context computes them once per draft (`Analysis.slots`) and passes them to `find`."""
    sentences: list[list[Slot | None]] = []
    at: dict[str, list[tuple[int, int]]] = {}
    morph = document.morph
    quoting = bool(document.quoted_speech)  # most drafts quote nothing: no look-up per word
    for number, sentence in enumerate(document.sentences):
        slots: list[Slot | None] = []
        for token in sentence.tokens:
            if token.kind is TokenKind.WORD:  # a slot per word of every draft: kept to the bare steps
                form, lemma, gap, grammemes, key = _word_facts(morph, token.text)
                places = at.get(key)
                if places is None:
                    places = at[key] = []
                places.append((number, len(slots)))
                slots.append(Slot(token, form, lemma, gap, quoting and document.in_quoted_speech(token.start),
                                  grammemes, key))
            elif not (token.kind is TokenKind.PUNCT and token.text in _TRANSPARENT):
                slots.append(None)
        sentences.append(slots)
    return Slots(sentences, at, document.language)


@lru_cache(maxsize=65536)
def _word_facts(morph: Any, text: str) -> tuple[str, str, bool, frozenset[str], str]:
    """What a slot says of a written word: the same for every draft that uses it."""
    parses = morph.parse(text)
    best = parses[0] if parses else None
    form = fold(text)
    lemma = fold(best.normal_form) if best else form
    grammemes = frozenset(best.tag.grammemes) if best else frozenset()
    gap = best is not None and (bool(_GAP_TAGS & grammemes) or lemma in _POSSESSIVES)
    return form, lemma, gap, grammemes, f"{form}\x00{lemma}"


def _accepts(slot: Slot | None, word: Word, entry: Entry) -> bool:
    if slot is None:
        return False
    if word.prefix:
        found = slot.form.startswith(word.text) or (not entry.exact and slot.lemma.startswith(word.text))
    else:
        found = slot.form == word.text if entry.exact else word.text in (slot.lemma, slot.form)
    return found and word.tags <= slot.grammemes and not word.not_tags & slot.grammemes


def _walk(entry: Entry, step: int, slots: Sequence[Slot | None], position: int,
          started: bool) -> Iterator[tuple[tuple[Slot, ...], int]]:
    """Every way steps `step…` match from `position`: (the slots its words matched, where it ended)."""
    if step == len(entry.steps):
        yield (), position
        return
    current = entry.steps[step]
    if isinstance(current, Gap):
        for skipped in range(GAP_WORDS + 1):
            at = position + skipped
            if skipped and (at > len(slots) or slots[at - 1] is None):
                break
            yield from _walk(entry, step + 1, slots, at, started)
        return
    for alternative in current.alternatives:
        for used, after in _words(entry, alternative, slots, position, started):
            for rest, end in _walk(entry, step + 1, slots, after, True):
                yield used + rest, end
    if current.optional:
        yield from _walk(entry, step + 1, slots, position, started)


def _words(entry: Entry, words: tuple[Word, ...], slots: Sequence[Slot | None], position: int,
           started: bool) -> Iterator[tuple[tuple[Slot, ...], int]]:
    """The words of one alternative in order; between two words of a pattern one adjective or
    possessive may stand («доводим до вашего сведения»)."""
    if not words:
        yield (), position
        return
    here = slots[position] if position < len(slots) else None
    if here is not None and _accepts(here, words[0], entry):
        for rest, end in _words(entry, words[1:], slots, position + 1, True):
            yield (here, *rest), end
    if started and not entry.exact and here is not None and here.gap:
        after = slots[position + 1] if position + 1 < len(slots) else None
        if after is not None and _accepts(after, words[0], entry):
            for rest, end in _words(entry, words[1:], slots, position + 2, True):
                yield (after, *rest), end


def _match_simple(entry: Entry, slots: Sequence[Slot | None], index: int) -> LexiconMatch | None:
    """`_match_at` for a pattern of plain words: each in turn, or after one adjective or possessive."""
    words = [step.alternatives[0][0] for step in entry.steps]  # type: ignore[union-attr]
    first = slots[index]
    if not _accepts(first, words[0], entry):
        return None
    used = [first]
    position = index + 1
    for word in words[1:]:
        slot = slots[position] if position < len(slots) else None
        if _accepts(slot, word, entry):
            used.append(slot)
            position += 1
            continue
        after = slots[position + 1] if position + 1 < len(slots) else None
        if not entry.exact and slot is not None and slot.gap and _accepts(after, word, entry):
            used.append(after)
            position += 2
            continue
        return None
    return _checked(entry, slots, index, used)  # type: ignore[arg-type]


def _match_at(entry: Entry, slots: Sequence[Slot | None], index: int) -> LexiconMatch | None:
    """The longest match of `entry` that begins at `index`."""
    best: tuple[Slot, ...] = ()
    for used, _ in _walk(entry, 0, slots, index, False):
        if used and used[0] is slots[index] and (not best or used[-1].token.end > best[-1].token.end):
            best = used
    if not best:
        return None
    return _checked(entry, slots, index, list(best))


def _checked(entry: Entry, slots: Sequence[Slot | None], index: int, best: list[Slot]) -> LexiconMatch | None:
    """The match, unless its entry's conditions (capital, quotes, excluded forms) rule it out."""
    if entry.capitalized and not best[0].token.text[:1].isupper():
        return None
    if any(slot.quoted for slot in best):
        return None
    if entry.exclude:
        last = next(at for at in range(index, len(slots)) if slots[at] is best[-1])
        if any(slot is not None and slot.form in entry.exclude for slot in slots[index : last + 1]):
            return None
    return LexiconMatch(best[0].token.start, best[-1].token.end, entry, tuple(slot.token for slot in best))


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

class Replacement:
    """An entry's suggestion for one match (a plain class, not a dataclass: defining one costs most of
    a millisecond in every run)."""

    __slots__ = ("safe", "text")

    def __init__(self, text: str, safe: bool) -> None:
        self.text = text
        self.safe = safe  # the same word form in a plainer register: no inflection, no change of grammar


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
