"""Cues of the client's questions and of the reply's answers: the phrase lists of
`rules/<lang>/questions.toml` and `greetings.toml`/`farewells.toml`, compiled once per language.

Phrases are matched on whole tokens of folded text (`Phrases`): a dictionary lookup per token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from replylint.data import load_toml
from replylint.document.language import LANGUAGES
from replylint.document.normalize import fold
from replylint.mechanisms.questions import thresholds as T

ANSWERED, DEFERRED, UNANSWERED = "answered", "deferred", "unanswered"
KINDS = ("amount", "time", "place", "yesno", "how", "reason", "what", "choice")
# Kinds whose answer is the topic itself: no particular word shape is expected.
TOPIC_ONLY_KINDS = frozenset({"yesno", "how", "what", "choice"})
# Kinds whose answer takes words of its own that no cue list can foresee (a procedure, a yes in
# other words); a cause keeps its cues (`answer_cues.reason`).
LOOSE_KINDS = TOPIC_ONLY_KINDS
# Kinds whose answer a sentence about the question may give in words no cue list foresees (a cause,
# a place named by a noun: "в магазинах-партнёрах"); a sum and a time have a shape to look for.
DESCRIBED_KINDS = frozenset({"reason", "place"})
# Kinds answered only by a sentence that repeats one of the question's own words (see judging).
REPEATED_KINDS = frozenset({"yesno", "what"})
# Synonym groups (rules/<lang>/synonyms.toml) that name what a kind of answer is about.
KIND_GROUPS = {"amount": frozenset({"price"}), "time": frozenset({"timing", "working_hours"}),
               "place": frozenset({"address"})}

LIST_MARKER = r"\s*(?:[-–—•*·▪]|\d{1,2}[.)])\s+"
LIST_ITEM = re.compile(rf"^{LIST_MARKER}")
LEADING_MARKER = re.compile(LIST_MARKER)
QUOTED_LINE = re.compile(r"^\s*>")
# A line of underscores or dashes: what follows is an automatic footer ("Есть вопросы? Звоните…").
SEPARATOR = re.compile(r"^\s*[_=*~-]{5,}\s*$", re.MULTILINE)
# "14:00", "12.05.2024", "с 9 до 17", "з 10 до 18".
CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}|(?<!\w)(?:с|з|от|від)\s+\d{1,2}\s+до\s+\d{1,2}(?!\d)")
VERB_POS = frozenset({"VERB", "INFN", "PRED", "PRTS", "GRND"})
WORDS = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
# Parts of speech that never carry a topic: prepositions, conjunctions, particles, pronouns.
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ"})
TRIM = " \t\n,.;:!?-–—•*·()"


# Words (with inner hyphens and apostrophes) and single symbols ("→", "₽", "%"); commas are skipped,
# so "скажите, пожалуйста" is the phrase "скажите пожалуйста".
PHRASE_TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*|[^\w\s,]")


class Found(NamedTuple):
    """A phrase found in a text, shaped like a regex match where the code reads it."""

    begin: int
    finish: int
    phrase: str  # the list's entry, words joined by single spaces

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


class Phrases:
    """Fixed phrases matched on whole tokens of folded text: a dictionary lookup per token. A regex
    alternation of the same hundreds of phrases takes tens of milliseconds to compile in every run."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in {fold(phrase).strip() for phrase in phrases}:
            words = tuple(match.group() for match in PHRASE_TOKEN.finditer(phrase))
            if words:
                self._by_first.setdefault(words[0], []).append(words)
        for entries in self._by_first.values():
            entries.sort(key=len, reverse=True)  # the longest phrase wins at one position

    def _at(self, tokens: Sequence[re.Match[str]], index: int) -> tuple[Found, int] | None:
        for words in self._by_first.get(tokens[index].group(), ()):
            if len(words) <= len(tokens) - index and all(
                    tokens[index + offset].group() == word for offset, word in enumerate(words)):
                last = tokens[index + len(words) - 1]
                return Found(tokens[index].start(), last.end(), " ".join(words)), len(words)
        return None

    def finditer(self, text: str) -> Iterator[Found]:
        tokens = list(PHRASE_TOKEN.finditer(text))
        index = 0
        while index < len(tokens):
            found = self._at(tokens, index)
            if found:
                yield found[0]
                index += found[1]
            else:
                index += 1

    def search(self, text: str) -> Found | None:
        return next(self.finditer(text), None)

    def match(self, text: str) -> Found | None:
        """A phrase at the very start of `text`."""
        first = PHRASE_TOKEN.match(text)
        found = self._at([first], 0) if first and first.start() == 0 else None
        if found is None and first:  # a phrase of several words: look at the whole text
            hit = self.search(text)
            return hit if hit and hit.begin == 0 else None
        return found[0] if found else None

    def sub(self, replacement: str, text: str) -> str:
        parts, position = [], 0
        for found in self.finditer(text):
            parts += [text[position : found.begin], replacement]
            position = found.finish
        return "".join([*parts, text[position:]])


def phrases(phrases: Iterable[str]) -> Phrases | None:
    listed = [phrase for phrase in phrases if phrase.strip()]
    return Phrases(listed) if listed else None


@cache
def cues_for(lang: str) -> Cues:
    """Cues of the client's language together with the other's: clients mix Russian and
    Ukrainian in one message ("Добрий день, подскажите скільки коштує…"). Built from rule data
    only, so kept in the cache folder: folding and indexing four thousand phrases costs more than
    reading them back."""
    from replylint.data import derived

    return derived(f"cues-{lang}", lambda: _build_cues(lang), code_file=__file__)


def _build_cues(lang: str) -> Cues:
    tables = [load_toml(f"{code}/questions.toml") for code in (lang, *(code for code in LANGUAGES if code != lang))]
    greetings = [load_toml(f"{code}/greetings.toml") for code in LANGUAGES]

    def merged(key: str) -> list[str]:
        return [entry for table in tables for entry in table.get(key, [])]

    kinds: dict[str, str] = {}
    for table in reversed(tables):  # the client's own language wins a phrase both lists have
        for kind, entries in table.get("question_words", {}).items():
            for entry in entries:
                kinds[fold(entry)] = kind
    answer_keys = {key for table in tables for key in table.get("answer_cues", {})}
    answer = {key: phrases(entry for table in tables for entry in table.get("answer_cues", {}).get(key, []))
              for key in answer_keys}
    topic_kinds = {fold(lemma): kind for table in tables
                   for kind, lemmas in table.get("topic_kinds", {}).items() for lemma in lemmas}
    opener_words = {word for entry in merged("implicit_openers") for word in fold(entry).split()}
    # Single question words never carry a topic; words of longer cues may ("какая цена").
    cue_words = {phrase for phrase in kinds if " " not in phrase} | opener_words
    return Cues(
        openers=phrases(merged("implicit_openers")),
        deferral=phrases(merged("deferral")),
        not_questions=phrases(merged("not_questions")),
        rhetorical=phrases(merged("rhetorical")),
        greetings=phrases([*(e for g in greetings for e in g.get("entries", [])),
                                    *(e for g in greetings for e in g.get("informal", []))]),
        formulas=phrases([entry for code in LANGUAGES for name in ("greetings", "farewells")
                                   for entry in load_toml(f"{code}/{name}.toml").get("entries", [])]),
        kinds=kinds,
        kind_pattern=phrases(kinds),
        splitters=splitter(merged, kinds),
        list_headers=phrases(merged("list_headers")),
        alternatives=phrases(merged("alternative_openers")),
        agent_questions=phrases(merged("agent_action_questions")),
        answer=answer,
        topic_kinds=topic_kinds,
        modal_answers={fold(modal): phrases(entries) for table in reversed(tables)
                       for modal, entries in table.get("modal_answers", {}).items()},
        stop=frozenset(fold(word) for word in merged("stop_lemmas")),
        common=frozenset(fold(word) for word in merged("common_lemmas")),
        cue_words=frozenset(cue_words),
    )


class Splitter(NamedTuple):
    """Where a second question starts inside a sentence: a joiner ("и", "і", "та") followed by a
    question word, maybe after a preposition ("и на какой срок"), or by a word and "ли" ("и
    вернут ли деньги")."""

    joiners: Phrases
    openers: Phrases
    prepositions: frozenset[str]

    modals: frozenset[str] = frozenset()
    comparatives: Phrases | None = None  # "также как": a comparison, not a second question

    def joins(self, lead: str) -> bool:
        """Whether a clause's first word is a joiner ("и", "а также"), to be left out of it."""
        return bool(self.joiners.match(lead))

    def cuts(self, folded: str, infinitive: Callable[[str], bool] | None = None) -> Iterator[int]:
        tokens = list(PHRASE_TOKEN.finditer(folded))
        for found in self.joiners.finditer(folded):
            if self.comparatives and self.comparatives.match(folded[found.begin:]):
                continue
            after = next((i for i, token in enumerate(tokens) if token.start() >= found.finish), None)
            if after is None:
                continue
            if tokens[after].group() in self.prepositions and after + 1 < len(tokens):
                after += 1
            rest = folded[tokens[after].start():]
            particle = after + 1 < len(tokens) and tokens[after + 1].group() == "ли"
            if particle or self.openers.match(rest) or self._second_action(tokens, after, infinitive):
                yield found.begin

    def _second_action(self, tokens: Sequence[re.Match[str]], after: int,
                       infinitive: Callable[[str], bool] | None) -> bool:
        """"Можно её отменить и вернуть деньги?": one modal, two actions, two answers to give."""
        if infinitive is None or not infinitive(tokens[after].group()):
            return False
        before = [token.group() for token in tokens[:after - 1]]
        modal = next((i for i, word in enumerate(before) if word in self.modals), None)
        # Close to the modal: "…, чтобы мы могли обсуждать и комментировать" is one wish, not two asks.
        return (modal is not None and len(before) - modal - 1 <= T.MODAL_REACH
                and any(infinitive(word) for word in before[modal + 1:]))


def splitter(table: Callable[[str], list[str]], kinds: dict[str, str]) -> Splitter | None:
    joiners = table("clause_joiners")
    if not joiners:
        return None
    # Question words that also join or subordinate ("ли", "или", "что") do not start a second question.
    not_openers = {fold(word) for word in table("clause_not_openers")}
    openers = [phrase for phrase in kinds if phrase not in not_openers]
    return Splitter(Phrases(joiners), Phrases(openers), frozenset(fold(word) for word in table("clause_prepositions")),
                    frozenset(fold(word) for word in table("clause_modals")),
                    phrases(table("clause_comparatives")))


@dataclass(frozen=True)
class Cues:
    """One language's phrase lists for questions, compiled: what opens, defers or answers one."""

    openers: Phrases | None
    deferral: Phrases | None
    not_questions: Phrases | None
    rhetorical: Phrases | None
    greetings: Phrases | None
    formulas: Phrases | None  # greetings and farewells: "Добрый день" is no date
    kinds: dict[str, str]  # folded question phrase -> kind of answer it expects
    kind_pattern: Phrases | None  # every phrase; at one position the longest wins
    splitters: Splitter | None
    list_headers: Phrases | None
    alternatives: Phrases | None  # "Или …?" after a question: its alternative
    agent_questions: Phrases | None  # "что будете делать?": answered by what the agent did
    answer: dict[str, Phrases | None] = field(default_factory=dict)
    topic_kinds: dict[str, str] = field(default_factory=dict)  # lemma -> kind it implies
    modal_answers: dict[str, Phrases | None] = field(default_factory=dict)  # question's modal -> answers
    stop: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    cue_words: frozenset[str] = frozenset()
