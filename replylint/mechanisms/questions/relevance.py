"""Relevance: how much a stretch of the reply is about a question.

A question's topic is its content words (`Term`), each weighted by how informative it is. A reply
stretch (`Unit`: a sentence, or two neighbouring ones on a line) is a bag of lemmas, crude stems
and synonym groups (`rules/<lang>/synonyms.toml`); `coverage` is the share of the topic's weight
the bag holds: by lemma, by synonym (a little less), by stem or despite a typo (less again).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from replylint.data import derived, load_toml
from replylint.document.language import CYRILLIC
from replylint.document.normalize import fold
from replylint.mechanisms.frequency import zipf
from replylint.mechanisms.questions import thresholds as T
from replylint.mechanisms.questions.cues import FUNCTION_POS, KIND_GROUPS, WORDS, Cues, cues_for

if TYPE_CHECKING:
    from replylint.document.model import Document
    from replylint.document.morphology import Morphology


class Term(NamedTuple):
    """A content word of a question: every lemma it may have (pymorphy's first guess is often wrong
    for Ukrainian) and how much it says about the topic."""

    lemmas: frozenset[str]
    stem: str
    weight: float
    borrowed: bool = False  # from the sentence around or before the question, not its own words
    informative: bool = True  # says what the message is about: not a common support word nor a number
    known: bool = True  # the dictionary knows it (a Cyrillic word it does not is a typo or slang)


def size(terms: Iterable[Term]) -> float:
    """How much a question says, counted in words whatever their rarity: 1 an informative word,
    `COMMON_WEIGHT` a common one or a number (`THIN_TOPIC` is in these units)."""
    return sum(1.0 if term.informative else T.COMMON_WEIGHT for term in terms)


def informativeness(lemma: str, lang: str) -> float:
    """How much a word says about a topic, from how rare it is in the language: 1 for a word of
    Zipf `PLAIN_ZIPF`, more for rarer ones (brand names, terms), less for everyday words
    ("возможность", "работать"). 1 for every word without word frequencies (wordfreq absent)."""
    if not _frequencies(lang):
        return 1.0
    value = max(zipf(lemma, lang), T.UNKNOWN_ZIPF)  # rarer words, and unseen ones, weigh as rare
    weight = (T.RARE_ZIPF_CEILING - value) / (T.RARE_ZIPF_CEILING - T.PLAIN_ZIPF)
    return min(T.MAX_INFORMATIVENESS, max(T.MIN_INFORMATIVENESS, weight))


@cache
def _frequencies(lang: str) -> bool:
    """Whether word frequencies are at hand for `lang` ("и" is among the commonest words of both)."""
    return zipf("и", lang) > 0


def topic_terms(words: Iterable[str], morph: Morphology, cues: Cues) -> list[Term]:
    """Content words with weights: function words, question cues and stop lemmas weigh nothing,
    words of every support message (`common_lemmas`) little, numbers little."""
    terms: dict[str, Term] = {}
    for word in words:
        folded = fold(word)
        if folded in cues.cue_words or folded in cues.stop or (len(folded) < 2 and not folded.isdigit()):
            continue
        if folded[0].isdigit():  # "5531", "12-е", "5кг": the number identifies, it does not ask
            digits = _DIGITS.match(folded)
            number = digits.group() if digits else folded
            terms.setdefault(number, Term(frozenset({number}), number, T.NUMBER_WEIGHT, informative=False))
            continue
        parses = morph.parse(word)
        if parses and parses[0].tag.POS in FUNCTION_POS:
            continue
        lemmas = morph.lemmas(word)
        lemma = fold(parses[0].normal_form) if parses else folded
        if lemma in cues.stop or lemma in cues.cue_words:
            continue
        common = bool(lemmas & cues.common)
        weight = informativeness(lemma, morph.lang) * (T.COMMON_WEIGHT if common else 1.0)
        known = _known(word, lemma, morph)
        terms.setdefault(lemma, Term(lemmas, stem(cyrillic(word)), weight, informative=not common, known=known))
    return list(terms.values())


def _known(word: str, lemma: str, morph: Morphology) -> bool:
    """A word of the language, not a typo or slang: in the dictionary, in the word frequencies
    ("автокредит"), made of known parts ("тв-приставка"), or not Cyrillic (a name: "RUTUBE")."""
    return (not CYRILLIC.search(word) or morph.is_known(word) or zipf(lemma, morph.lang) > 0
            or ("-" in word and all(morph.is_known(part) for part in word.split("-") if part)))


def stem(folded: str) -> str:
    """A crude stem for words morphology gets wrong or that cross languages ("доставляете" and
    "доставка", "оплату" and "оплати"): the first letters of a long enough word."""
    return folded[:T.STEM] if len(folded) > T.STEM else folded


class Synonyms(NamedTuple):
    """One language's synonym groups, by lemma and by phrase."""

    groups: dict[str, frozenset[str]]  # lemma -> group names
    phrases: tuple[tuple[tuple[str, ...], str], ...]  # lemmatised multiword entries -> group


@cache
def synonyms(lang: str) -> Synonyms:
    # Lemmatising the multiword entries costs ~40 ms a process: keep the result with the data cache.
    return derived(f"synonyms-{lang}", lambda: _build_synonyms(lang), code_file=__file__)


def _build_synonyms(lang: str) -> Synonyms:
    from replylint.document.morphology import morphology_for

    morph = morphology_for(lang)
    groups: dict[str, set[str]] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    for name, entries in load_toml(f"{lang}/synonyms.toml").get("groups", {}).items():
        for entry in entries:
            words = WORDS.findall(entry) or [entry]
            if len(words) == 1:  # written as a lemma already (see the file's header)
                groups.setdefault(fold(entry), set()).add(name)
            else:
                phrases.append((tuple(morph.lemma(word) for word in words), name))
    return Synonyms({lemma: frozenset(names) for lemma, names in groups.items()}, tuple(phrases))


def groups_of(lemmas: Iterable[str], lang: str) -> frozenset[str]:
    groups = synonyms(lang).groups
    return frozenset(name for lemma in lemmas for name in groups.get(lemma, ()))


class Bag(NamedTuple):
    """What a stretch of reply text talks about: its lemmas, stems and synonym groups."""

    lemmas: frozenset[str]
    stems: frozenset[str]
    groups: frozenset[str]


def union(bags: Iterable[Bag]) -> Bag:
    """One bag for several stretches: the whole reply."""
    listed = list(bags)
    return Bag(frozenset().union(*(bag.lemmas for bag in listed)), frozenset().union(*(bag.stems for bag in listed)),
               frozenset().union(*(bag.groups for bag in listed)))


def bag_of(words: Sequence[str], morph: Morphology, lang: str, cues: Cues) -> Bag:
    lemmas: set[str] = set()
    first: list[str] = []
    for word in words:
        word_lemmas = morph.lemmas(word) if not word.isdigit() else frozenset({word})
        lemmas |= word_lemmas
        if "-" in word:  # "аккаунт-менеджер" is also about a "менеджер"
            lemmas |= {lemma for part in word.split("-") if len(part) > 2 for lemma in morph.lemmas(part)}
        if not word_lemmas & cues.stop:  # "Добрый день" is no answer about days
            first.append(morph.lemma(word) if not word.isdigit() else word)
    groups = set(groups_of(first, lang))
    joined = " " + " ".join(first) + " "
    groups |= {name for phrase, name in synonyms(lang).phrases if " " + " ".join(phrase) + " " in joined}
    stems = {stem(fold(word)) for word in words if len(word) > T.STEM}
    stems |= {stem(cyrillic(word)) for word in words if _LATIN.fullmatch(word)}
    return Bag(frozenset(lemmas), frozenset(stems), frozenset(groups))


_DIGITS = re.compile(r"\d+")
_LATIN = re.compile(r"[A-Za-z]{3,}")


def cyrillic(word: str) -> str:
    """A Latin word as a client spells it in Cyrillic ("rutube" -> "рутубе"); others as they are.
    The table is `rules/common/transliteration.toml`."""
    if not _LATIN.fullmatch(word):
        return fold(word)
    pattern, table = _transliteration()
    return pattern.sub(lambda match: table[match.group()], word.lower())


@cache
def _transliteration() -> tuple[re.Pattern[str], dict[str, str]]:
    data = load_toml("common/transliteration.toml")
    table = {**data.get("letters", {}), **data.get("digraphs", {})}
    return re.compile("|".join(sorted(map(re.escape, table), key=len, reverse=True))), table


def coverage(topic: Sequence[Term], bag: Bag, lang: str) -> float:
    """Share of the topic's weight that `bag` covers: by lemma, by synonym (a little less), by stem
    or despite a typo (less again)."""
    total = sum(term.weight for term in topic)
    if not total:
        return 0.0
    covered = 0.0
    for term in topic:
        if term.lemmas & bag.lemmas:
            covered += term.weight
        elif groups_of(term.lemmas, lang) & bag.groups:
            # A synonym says the stretch is in the same field, not that it names the rare thing asked
            # ("тариф" for "гигабайты"): it earns at most a plain word's weight.
            covered += min(term.weight, size([term])) * T.SYNONYM_WEIGHT
        elif term.stem in bag.stems or _misspelt_in(term, bag):
            covered += term.weight * T.STEM_WEIGHT
    return covered / total


def _misspelt_in(term: Term, bag: Bag) -> bool:
    """A long topic word the bag holds despite one typo ("монитизация" / "монетизация")."""
    return any(len(lemma) >= T.TYPO_LENGTH and any(misspelt(lemma, other) for other in bag.lemmas)
               for lemma in term.lemmas)


class Unit(NamedTuple):
    """A sentence of the reply, or two neighbouring ones on one line ("ул." splits an address)."""

    start: int
    end: int
    folded: str
    bag: Bag
    numbers: tuple[str, ...]


def reply_units(reply: Document) -> list[Unit]:
    morph, cues = reply.morph, cues_for(reply.language)
    sentences = reply.sentences
    spans = [(s.start, s.end, s.tokens) for s in sentences]
    spans += [(a.start, b.end, a.tokens + b.tokens) for a, b in pairwise(sentences)
              if "\n" not in reply.text[a.end : b.start]]
    units = []
    for start, end, tokens in spans:
        words = [token.text for token in tokens if token.is_word or token.text.isdigit() or token.kind == "symbol"]
        numbers = tuple(token.text for token in tokens if token.kind == "number")
        folded = fold(reply.text[start:end])
        folded = cues.formulas.sub(" ", folded) if cues.formulas else folded
        units.append(Unit(start, end, " " + folded + " ",
                           bag_of(words, morph, reply.language, cues), numbers))
    return units


def client_terms(client: Document) -> list[Term]:
    """The informative words of the client's whole message (not common support words)."""
    words = [token.text for token in client.tokens if token.is_word]
    return [term for term in topic_terms(words, client.morph, cues_for(client.language)) if term.informative]


def shared(terms: Sequence[Term], unit: Unit) -> set[str]:
    """The client's words a reply stretch repeats: by lemma, stem, or despite a typo ("верефикацию")."""
    return {term.stem for term in terms if term.lemmas & unit.bag.lemmas or term.stem in unit.bag.stems
            or any(misspelt(lemma, other) for lemma in term.lemmas for other in unit.bag.lemmas)}


def misspelt(word: str, other: str) -> bool:
    """Two long words one typo apart (a letter changed, added or dropped), first letter kept:
    "верефикация" and "верификация". Short words one letter apart are often other words."""
    if len(word) < T.TYPO_LENGTH or word[0] != other[0] or abs(len(word) - len(other)) > 1 or word == other:
        return False
    head = next((i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b), min(len(word), len(other)))
    return (word[head + 1:] == other[head + 1:] or word[head + 1:] == other[head:]
            or word[head:] == other[head + 1:])


# Synonym groups too broad to show a sentence is about a question: any address, price or time.
_SHAPE_GROUPS = frozenset().union(*KIND_GROUPS.values())


def touches(terms: Sequence[Term], unit: Unit, lang: str) -> bool:
    """Whether a reply stretch repeats one of `terms` (no terms: nothing to repeat), or names it by a
    synonym of a narrow group ("в наличии" / "на складе"; not "парковка" / "адрес")."""
    return not terms or bool(shared(terms, unit)) or any(
        (groups_of(term.lemmas, lang) - _SHAPE_GROUPS) & unit.bag.groups for term in terms)


def content_terms(document: Document) -> list[Term]:
    """The words a text (the reply) is about: informative and no everyday word ("возможность")."""
    words = [token.text for token in document.tokens if token.is_word]
    return [term for term in topic_terms(words, document.morph, cues_for(document.language))
            if term.informative and term.weight >= T.CONTENT_WEIGHT]
