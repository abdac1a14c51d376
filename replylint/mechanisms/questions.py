"""The client's questions and whether a reply answers them: extraction and answer matching.

Extraction reads the client's own text (the Document's body: no quoted history, no signature, no
interleaved "> " lines), sentence by sentence. A sentence is a question when it has a "?" or an
implicit opener ("подскажите", "цікавить", "прошу сообщить"), or when it is a list item under an
opener line ("Подскажите:\\n- …"). One sentence holding two questions joined by a conjunction
("сколько стоит и когда привезёте") is split where the second question word starts, or where a
second action under one modal starts ("можно отменить и вернуть деньги"). Greetings
before a question are cut off; contact checks ("Вы тут?") and rhetorical questions are dropped.

Answer matching compares a question's topic with each sentence of the reply:
- the topic is the question's content lemmas, each weighted by how informative it is (0 for
  function words and question cues, low for words of every support message: `common` lemmas);
  a question too short to have a topic ("Что делать?") borrows its neighbour's at half weight;
- a reply sentence covers a topic word when it has the same lemma or a word of the same synonym
  group (`rules/<lang>/synonyms.toml`);
- a question is answered by a sentence that covers enough of its topic and holds the kind of
  answer the question expects (a sum for «сколько стоит», a date or duration for «когда», a place
  or link for «где», a cause for «почему»; yes/no, how and what questions need the topic only);
- a yes/no question asked with a modal ("нужно ли…?") is also answered by the modal in other words
  ("ничего делать не нужно"), and "что будете делать?" by an action told ("Мы отправили запрос");
- one of several yes/no or what questions must have one of its own words repeated (or named by a
  narrow synonym): "есть ли парковка?" is not answered through a neighbour's "офис";
- otherwise it is deferred when a sentence with a deferral cue ("уточню и отвечу до 15:00",
  "пришлите номер — проверим") or a counter-question about the matter ("В какое подразделение
  подавали заявку?") touches its topic, or is the reply's only substantive answer;
- precision first, a lone how / what / yes-no question is answered by a reply that talks about
  what the client wrote (shares an informative word, typos forgiven) or gives an instruction, a
  definition or says what is possible (`answer_cues.lone`): real answers use their own words;
- otherwise it is unanswered.
Every cue list is data in `rules/<lang>/questions.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from replylint.data import derived, load_toml
from replylint.document.language import CYRILLIC
from replylint.document.normalize import fold

if TYPE_CHECKING:
    from replylint.document.model import Document, Sentence
    from replylint.document.morphology import Morphology

ANSWERED, DEFERRED, UNANSWERED = "answered", "deferred", "unanswered"
KINDS = ("amount", "time", "place", "yesno", "how", "reason", "what", "choice")
# Kinds whose answer is the topic itself: no particular word shape is expected.
_TOPIC_ONLY_KINDS = frozenset({"yesno", "how", "what", "choice"})
# Kinds whose answer takes words of its own that no cue list can foresee (a procedure, a yes in
# other words); a cause keeps its cues (`answer_cues.reason`).
_LOOSE_KINDS = _TOPIC_ONLY_KINDS
# Kinds answered only by a sentence that repeats one of the question's own words (see `_judge`).
_REPEATED_KINDS = frozenset({"yesno", "what"})
# How many informative words of the client's message a reply must share to count as about it.
_ON_SUBJECT_WORDS = 1

# How much of a question's topic a reply sentence must cover to count as about it.
_ANSWER_COVERAGE = 0.3
# A reply sentence that opens with "Да," / "Так," answers a yes/no question it only touches.
_LOOSE_COVERAGE = 0.2
_OPENER_COVERAGE = 0.1
_DEFERRAL_COVERAGE = 0.15
# Below this topic weight a question ("Что делать?", "коли буде?") borrows its neighbour's words.
_THIN_TOPIC = 2.0
# A stretch sharing this much weight (two informative words) is about a long question, whatever share.
_ENOUGH_WEIGHT = 2.0
_BORROWED_WEIGHT = 0.5
_COMMON_WEIGHT = 0.3
_SYNONYM_WEIGHT = 0.8
_NUMBER_WEIGHT = 0.3
_STEM_WEIGHT = 0.7
_STEM = 5
_TYPO_LENGTH = 7  # words at least this long may match a reply's word despite one typo

_LIST_MARKER = r"\s*(?:[-–—•*·▪]|\d{1,2}[.)])\s+"
_LIST_ITEM = re.compile(rf"^{_LIST_MARKER}")
_LEADING_MARKER = re.compile(_LIST_MARKER)
_QUOTED_LINE = re.compile(r"^\s*>")
# A line of underscores or dashes: what follows is an automatic footer ("Есть вопросы? Звоните…").
_SEPARATOR = re.compile(r"^\s*[_=*~-]{5,}\s*$", re.MULTILINE)
# "14:00", "12.05.2024", "с 9 до 17", "з 10 до 18".
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}|(?<!\w)(?:с|з|от|від)\s+\d{1,2}\s+до\s+\d{1,2}(?!\d)")
# Synonym groups (rules/<lang>/synonyms.toml) that name what a kind of answer is about.
_KIND_GROUPS = {"amount": frozenset({"price"}), "time": frozenset({"timing", "working_hours"}),
                "place": frozenset({"address"})}
_VERB_POS = frozenset({"VERB", "INFN", "PRED", "PRTS", "GRND"})
_WORDS = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
# Parts of speech that never carry a topic: prepositions, conjunctions, particles, pronouns.
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ"})
_TRIM = " \t\n,.;:!?-–—•*·()"


@dataclass(frozen=True)
class Term:
    """A content word of a question: every lemma it may have (pymorphy's first guess is often wrong
    for Ukrainian) and how much it says about the topic."""

    lemmas: frozenset[str]
    stem: str
    weight: float
    borrowed: bool = False  # from the sentence around or before the question, not its own words


@dataclass(frozen=True)
class Question:
    """A question of the client: `start`/`end` index the client Document's text."""

    start: int
    end: int
    text: str
    kind: str
    topic: tuple[Term, ...]  # its content words, with borrowed context when it has too few
    number: int | None = None  # its number in a numbered list of questions


@dataclass(frozen=True)
class Verdict:
    question: Question
    status: str  # ANSWERED, DEFERRED or UNANSWERED
    evidence: tuple[int, int] | None = None  # the reply sentence that answers or defers it


@dataclass(frozen=True)
class _Cues:
    openers: _Phrases | None
    deferral: _Phrases | None
    not_questions: _Phrases | None
    rhetorical: _Phrases | None
    greetings: _Phrases | None
    formulas: _Phrases | None  # greetings and farewells: "Добрый день" is no date
    kinds: dict[str, str]  # folded question phrase -> kind of answer it expects
    kind_pattern: _Phrases | None  # every phrase; at one position the longest wins
    splitters: _Splitter | None
    list_headers: _Phrases | None
    agent_questions: _Phrases | None  # "что будете делать?": answered by what the agent did
    answer: dict[str, _Phrases | None] = field(default_factory=dict)
    topic_kinds: dict[str, str] = field(default_factory=dict)  # lemma -> kind it implies
    modal_answers: dict[str, _Phrases | None] = field(default_factory=dict)  # question's modal -> answers
    stop: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    cue_words: frozenset[str] = frozenset()


# ------------------------------------------------------------------------------------- cues


# Words (with inner hyphens and apostrophes) and single symbols ("→", "₽", "%"); commas are skipped,
# so "скажите, пожалуйста" is the phrase "скажите пожалуйста".
_PHRASE_TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*|[^\w\s,]")


@dataclass(frozen=True)
class _Found:
    """A phrase found in a text, shaped like a regex match where the code reads it."""

    begin: int
    finish: int
    phrase: str  # the list's entry, words joined by single spaces

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


class _Phrases:
    """Fixed phrases matched on whole tokens of folded text: a dictionary lookup per token. A regex
    alternation of the same hundreds of phrases takes tens of milliseconds to compile in every run."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in {fold(phrase).strip() for phrase in phrases}:
            words = tuple(match.group() for match in _PHRASE_TOKEN.finditer(phrase))
            if words:
                self._by_first.setdefault(words[0], []).append(words)
        for entries in self._by_first.values():
            entries.sort(key=len, reverse=True)  # the longest phrase wins at one position

    def _at(self, tokens: Sequence[re.Match[str]], index: int) -> tuple[_Found, int] | None:
        for words in self._by_first.get(tokens[index].group(), ()):
            if len(words) <= len(tokens) - index and all(
                    tokens[index + offset].group() == word for offset, word in enumerate(words)):
                last = tokens[index + len(words) - 1]
                return _Found(tokens[index].start(), last.end(), " ".join(words)), len(words)
        return None

    def finditer(self, text: str) -> Iterator[_Found]:
        tokens = list(_PHRASE_TOKEN.finditer(text))
        index = 0
        while index < len(tokens):
            found = self._at(tokens, index)
            if found:
                yield found[0]
                index += found[1]
            else:
                index += 1

    def search(self, text: str) -> _Found | None:
        return next(self.finditer(text), None)

    def match(self, text: str) -> _Found | None:
        """A phrase at the very start of `text`."""
        first = _PHRASE_TOKEN.match(text)
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


def _phrases_pattern(phrases: Iterable[str]) -> _Phrases | None:
    listed = [phrase for phrase in phrases if phrase.strip()]
    return _Phrases(listed) if listed else None


@cache
def _cues(lang: str) -> _Cues:
    """Cues of the client's language together with the other's: clients mix Russian and
    Ukrainian in one message ("Добрий день, подскажите скільки коштує…")."""
    tables = [load_toml(f"{code}/questions.toml") for code in (lang, *({"ru", "uk"} - {lang}))]
    greetings = [load_toml(f"{code}/greetings.toml") for code in ("ru", "uk")]

    def merged(key: str) -> list[str]:
        return [entry for table in tables for entry in table.get(key, [])]

    kinds: dict[str, str] = {}
    for table in reversed(tables):  # the client's own language wins a phrase both lists have
        for kind, entries in table.get("question_words", {}).items():
            for entry in entries:
                kinds[fold(entry)] = kind
    answer_keys = {key for table in tables for key in table.get("answer_cues", {})}
    answer = {key: _phrases_pattern(entry for table in tables for entry in table.get("answer_cues", {}).get(key, []))
              for key in answer_keys}
    topic_kinds = {fold(lemma): kind for table in tables
                   for kind, lemmas in table.get("topic_kinds", {}).items() for lemma in lemmas}
    opener_words = {word for entry in merged("implicit_openers") for word in fold(entry).split()}
    # Single question words never carry a topic; words of longer cues may ("какая цена").
    cue_words = {phrase for phrase in kinds if " " not in phrase} | opener_words
    return _Cues(
        openers=_phrases_pattern(merged("implicit_openers")),
        deferral=_phrases_pattern(merged("deferral")),
        not_questions=_phrases_pattern(merged("not_questions")),
        rhetorical=_phrases_pattern(merged("rhetorical")),
        greetings=_phrases_pattern([*(e for g in greetings for e in g.get("entries", [])),
                                    *(e for g in greetings for e in g.get("informal", []))]),
        formulas=_phrases_pattern([entry for code in ("ru", "uk") for name in ("greetings", "farewells")
                                   for entry in load_toml(f"{code}/{name}.toml").get("entries", [])]),
        kinds=kinds,
        kind_pattern=_phrases_pattern(kinds),
        splitters=_splitter(merged("clause_joiners"), kinds, merged("clause_modals")),
        list_headers=_phrases_pattern(merged("list_headers")),
        agent_questions=_phrases_pattern(merged("agent_action_questions")),
        answer=answer,
        topic_kinds=topic_kinds,
        modal_answers={fold(modal): _phrases_pattern(entries) for table in reversed(tables)
                       for modal, entries in table.get("modal_answers", {}).items()},
        stop=frozenset(fold(word) for word in merged("stop_lemmas")),
        common=frozenset(fold(word) for word in merged("common_lemmas")),
        cue_words=frozenset(cue_words),
    )


@dataclass(frozen=True)
class _Splitter:
    """Where a second question starts inside a sentence: a joiner ("и", "і", "та") followed by a
    question word, maybe after a preposition ("и на какой срок"), or by a word and "ли" ("и
    вернут ли деньги")."""

    joiners: _Phrases
    openers: _Phrases
    prepositions: frozenset[str]

    modals: frozenset[str] = frozenset()

    def cuts(self, folded: str, infinitive: Callable[[str], bool] | None = None) -> Iterator[int]:
        tokens = list(_PHRASE_TOKEN.finditer(folded))
        for found in self.joiners.finditer(folded):
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
        return (modal is not None and len(before) - modal - 1 <= _MODAL_REACH
                and any(infinitive(word) for word in before[modal + 1:]))


# At most this many words between the modal and the joiner ("можно её отменить и вернуть деньги").
_MODAL_REACH = 3
_PREPOSITIONS = frozenset({"в", "во", "на", "за", "до", "с", "со", "через", "у", "о", "об", "від", "з", "із", "по"})


def _splitter(joiners: list[str], kinds: dict[str, str], modals: list[str]) -> _Splitter | None:
    if not joiners:
        return None
    # "ли", "или", "або", "что", "що" also join or subordinate; "чи" opens a yes/no question.
    openers = [phrase for phrase in kinds if phrase not in {"ли", "или", "або", "что", "що"}]
    return _Splitter(_Phrases(joiners), _Phrases(openers), _PREPOSITIONS, frozenset(fold(word) for word in modals))


# ------------------------------------------------------------------------------- extraction


def extract_questions(client: Document) -> list[Question]:
    """The questions of the client's message, in order."""
    cues = _cues(client.language)
    morph = client.morph
    questions: list[Question] = []
    under_opener = False  # the previous line asked for a list: "Подскажите:" / "Вопросы такие:"
    footer = _SEPARATOR.search(client.text, client.body.start, client.body.end)
    own_end = footer.start() if footer else client.body.end
    sentences = [sentence for sentence in client.sentences
                 if sentence.start < own_end and not _in_quoted_line(client, sentence.start)]
    previous_asked = False
    for index, sentence in enumerate(sentences):
        start, end = _without_greeting(client.text, sentence.start, sentence.end, cues)
        text = client.text[start:end]
        folded = fold(text)
        line_start = client.text.rfind("\n", 0, sentence.start) + 1
        item = _LIST_ITEM.match(client.text[line_start : sentence.start + 4])
        is_item = bool(item) and not client.text[line_start : sentence.start].strip()
        marker = item.group().strip().rstrip(".)") if is_item and item else ""  # "1)\n" -> "1"
        number = int(marker) if marker.isdigit() else None
        asks = "?" in text or bool(cues.openers and cues.openers.search(folded)) or (is_item and under_opener)
        if text.rstrip().endswith(":"):
            under_opener = bool((cues.openers and cues.openers.search(folded))
                                or (cues.list_headers and cues.list_headers.search(folded)))
        elif not is_item:
            under_opener = False
        elaboration = previous_asked and "?" in text and _is_elaboration(text, folded, morph, cues)
        previous_asked = asks
        # Not judged: no question, a contact check, a rhetorical one, one in a script we cannot read
        # (transliteration, English), a list of details under the question before ("Кронштейны, трасса?").
        header = text.rstrip().endswith(":") and "?" not in text  # "Подскажите:" heads the list below
        if not asks or header or _dismissed(folded, cues) or not CYRILLIC.search(text) or elaboration:
            continue
        clauses = _clauses(client.text, start, end, cues, morph)
        context = _context_words(client, sentences, index)
        for clause_start, clause_end in clauses:
            neighbours = [(s, e) for s, e in clauses if (s, e) != (clause_start, clause_end)]
            question = _question(client, morph, cues, clause_start, clause_end, neighbours, context)
            questions.append(replace(question, number=number) if len(clauses) == 1 else question)
    return questions


def _is_elaboration(text: str, folded: str, morph: Morphology, cues: _Cues) -> bool:
    """A verbless "?" sentence with no question word, right after a question, details it."""
    if cues.kind_pattern and cues.kind_pattern.search(folded):
        return False
    return not any(parse.tag.POS in _VERB_POS for word in _WORDS.findall(text) for parse in morph.parse(word)[:1])


def _in_quoted_line(document: Document, offset: int) -> bool:
    line_start = document.text.rfind("\n", 0, offset) + 1
    return bool(_QUOTED_LINE.match(document.text[line_start : offset + 1]))


def _without_greeting(text: str, start: int, end: int, cues: _Cues) -> tuple[int, int]:
    """Cut a leading greeting ("Здравствуйте, подскажите…") and list markers off a sentence."""
    marker = _LEADING_MARKER.match(text, start, end)
    if marker:
        start = marker.end()
    if cues.greetings:
        match = cues.greetings.match(fold(text[start:end]))
        if match and end - start > match.end():
            rest = text[start + match.end() : end]
            start += match.end() + len(rest) - len(rest.lstrip(_TRIM))
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return start, end


def _dismissed(folded: str, cues: _Cues) -> bool:
    """Contact checks ("алло, есть кто?") and rhetorical questions ("сколько можно ждать?")."""
    if cues.rhetorical and cues.rhetorical.search(folded):
        return True
    if cues.not_questions:
        rest = cues.not_questions.sub(" ", folded)
        return rest != folded and len(_WORDS.findall(rest)) <= 1
    return False


def _clauses(text: str, start: int, end: int, cues: _Cues, morph: Morphology) -> list[tuple[int, int]]:
    if cues.splitters is None:
        return [(start, end)]
    cuts = [start]
    folded = fold(text[start:end])

    def infinitive(word: str) -> bool:
        parses = morph.parse(word)  # Russian tags it INFN; the Ukrainian dictionary, VERB + infn
        return bool(parses) and (parses[0].tag.POS == "INFN" or "infn" in re.split(r"[ ,]", str(parses[0].tag)))

    for cut in cues.splitters.cuts(folded, infinitive):
        if cut > 0 and _WORDS.search(folded[cuts[-1] - start : cut]):
            cuts.append(start + cut)
    cuts.append(end)
    spans = []
    for clause_start, clause_end in pairwise(cuts):
        piece = text[clause_start:clause_end]
        clause_start += len(piece) - len(piece.lstrip(" ,;"))
        lead = _WORDS.match(text, clause_start)
        if spans and lead and fold(lead.group()) in {"и", "і", "й", "та", "а"}:
            clause_start = lead.end() + 1
        spans.append((clause_start, clause_end - (len(piece) - len(piece.rstrip(" ,;")))))
    return spans


def _question(client: Document, morph: Morphology, cues: _Cues, start: int, end: int,
              neighbours: Sequence[tuple[int, int]], context: list[str]) -> Question:
    text = client.text[start:end]
    topic = _topic(_WORDS.findall(text), morph, cues)
    if sum(term.weight for term in topic) < _THIN_TOPIC:
        borrowed = [word for s, e in neighbours for word in _WORDS.findall(client.text[s:e])] + context
        own = {term.stem for term in topic}
        topic += [Term(term.lemmas, term.stem, term.weight * _BORROWED_WEIGHT, borrowed=True)
                  for term in _topic(borrowed, morph, cues) if term.stem not in own]
    return Question(start, end, text, _kind(fold(text), topic, cues), tuple(topic))


def _context_words(client: Document, sentences: Sequence[Sentence], index: int) -> list[str]:
    """The words of the sentence before a question: "Оплата не проходит. Что делать?"."""
    for previous in reversed(sentences[:index]):
        words = _WORDS.findall(previous.text)
        if len(words) > 1:
            return words
    return []


def _kind(folded: str, topic: Sequence[Term], cues: _Cues) -> str:
    """The kind of answer a question expects: its earliest question word decides (longest phrase
    on a tie); a question with none asks yes or no. A topic word may say more than a vague cue:
    "Интересует стоимость…" and "Адрес какой?" want a sum and a place, "сколько это займёт" a time."""
    first = cues.kind_pattern.search(folded) if cues.kind_pattern else None
    phrase = first.phrase if first else ""
    kind = cues.kinds.get(phrase, "yesno") if first else "yesno"
    implied = [cues.topic_kinds[lemma] for term in topic if not term.borrowed and term.weight >= _COMMON_WEIGHT
               for lemma in sorted(term.lemmas) if lemma in cues.topic_kinds]
    if first is None or kind == "what":
        return implied[0] if implied else kind
    if kind == "amount" and len(phrase) <= len("скільки") and "time" in implied:
        return "time"
    return kind


# ----------------------------------------------------------------------------------- topics


def _topic(words: Iterable[str], morph: Morphology, cues: _Cues) -> list[Term]:
    """Content words with weights: function words, question cues and stop lemmas weigh nothing,
    words of every support message (`common_lemmas`) little, numbers little."""
    terms: dict[str, Term] = {}
    for word in words:
        folded = fold(word)
        if folded in cues.cue_words or folded in cues.stop or (len(folded) < 2 and not folded.isdigit()):
            continue
        if folded.isdigit():
            terms.setdefault(folded, Term(frozenset({folded}), folded, _NUMBER_WEIGHT))
            continue
        parses = morph.parse(word)
        if parses and parses[0].tag.POS in _FUNCTION_POS:
            continue
        lemmas = morph.lemmas(word)
        lemma = fold(parses[0].normal_form) if parses else folded
        if lemma in cues.stop or lemma in cues.cue_words:
            continue
        weight = _COMMON_WEIGHT if lemmas & cues.common else 1.0
        terms.setdefault(lemma, Term(lemmas, _stem(folded), weight))
    return list(terms.values())


def _stem(folded: str) -> str:
    """A crude stem for words morphology gets wrong or that cross languages ("доставляете" and
    "доставка", "оплату" and "оплати"): the first letters of a long enough word."""
    return folded[:_STEM] if len(folded) > _STEM else folded


@dataclass(frozen=True)
class _Synonyms:
    groups: dict[str, frozenset[str]]  # lemma -> group names
    phrases: tuple[tuple[tuple[str, ...], str], ...]  # lemmatised multiword entries -> group


@cache
def _synonyms(lang: str) -> _Synonyms:
    # Lemmatising the multiword entries costs ~40 ms a process: keep the result with the data cache.
    return derived(f"synonyms-{lang}", lambda: _build_synonyms(lang), code_file=__file__)


def _build_synonyms(lang: str) -> _Synonyms:
    from replylint.document.morphology import morphology_for

    morph = morphology_for(lang)
    groups: dict[str, set[str]] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    for name, entries in load_toml(f"{lang}/synonyms.toml").get("groups", {}).items():
        for entry in entries:
            words = _WORDS.findall(entry) or [entry]
            if len(words) == 1:  # written as a lemma already (see the file's header)
                groups.setdefault(fold(entry), set()).add(name)
            else:
                phrases.append((tuple(morph.lemma(word) for word in words), name))
    return _Synonyms({lemma: frozenset(names) for lemma, names in groups.items()}, tuple(phrases))


def _groups_of(lemmas: Iterable[str], lang: str) -> frozenset[str]:
    groups = _synonyms(lang).groups
    return frozenset(name for lemma in lemmas for name in groups.get(lemma, ()))


@dataclass(frozen=True)
class _Bag:
    """What a stretch of reply text talks about: its lemmas, stems and synonym groups."""

    lemmas: frozenset[str]
    stems: frozenset[str]
    groups: frozenset[str]


def _bag(words: Sequence[str], morph: Morphology, lang: str, cues: _Cues) -> _Bag:
    lemmas: set[str] = set()
    first: list[str] = []
    for word in words:
        word_lemmas = morph.lemmas(word) if not word.isdigit() else frozenset({word})
        lemmas |= word_lemmas
        if "-" in word:  # "аккаунт-менеджер" is also about a "менеджер"
            lemmas |= {lemma for part in word.split("-") if len(part) > 2 for lemma in morph.lemmas(part)}
        if not word_lemmas & cues.stop:  # "Добрый день" is no answer about days
            first.append(morph.lemma(word) if not word.isdigit() else word)
    groups = set(_groups_of(first, lang))
    joined = " " + " ".join(first) + " "
    groups |= {name for phrase, name in _synonyms(lang).phrases if " " + " ".join(phrase) + " " in joined}
    stems = frozenset(_stem(fold(word)) for word in words if len(word) > _STEM)
    return _Bag(frozenset(lemmas), stems, frozenset(groups))


def coverage(topic: Sequence[Term], bag: _Bag, lang: str) -> float:
    """Share of the topic's weight that `bag` covers: by lemma, by synonym (a little less), by stem
    (less again)."""
    total = sum(term.weight for term in topic)
    if not total:
        return 0.0
    covered = 0.0
    for term in topic:
        if term.lemmas & bag.lemmas:
            covered += term.weight
        elif _groups_of(term.lemmas, lang) & bag.groups:
            covered += term.weight * _SYNONYM_WEIGHT
        elif term.stem in bag.stems:
            covered += term.weight * _STEM_WEIGHT
    return covered / total


# ---------------------------------------------------------------------------------- judging


@dataclass(frozen=True)
class _Unit:
    """A sentence of the reply, or two neighbouring ones on one line ("ул." splits an address)."""

    start: int
    end: int
    folded: str
    bag: _Bag
    numbers: tuple[str, ...]


def _reply_units(reply: Document) -> list[_Unit]:
    morph, cues = reply.morph, _cues(reply.language)
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
        units.append(_Unit(start, end, " " + folded + " ",
                           _bag(words, morph, reply.language, cues), numbers))
    return units


def judge_all(questions: Sequence[Question], reply: Document, client: Document | None = None) -> list[Verdict]:
    """Answered, deferred or unanswered, for each question, against the reply's body. With the
    client's message, a substantive reply to a lone question counts as its answer (see `_judge`)."""
    cues = _cues(reply.language)
    units = _reply_units(reply)
    deferrals = [unit for unit in units if cues.deferral and cues.deferral.search(unit.folded)]
    # The agent asks back ("В какое подразделение подавали заявку?"): the answer waits for the client's.
    terms = _client_terms(client) if client is not None else []
    # The agent asks back about the matter ("В какое подразделение подавали заявку?"): the answer
    # waits for the client's. "Может, расскажете, что вам не понравилось?" is about nothing asked.
    deferrals += [unit for unit in units if unit not in deferrals and _asks_back(reply, unit, cues)
                  and _shared(terms, unit)]
    on_subject = _on_subject(units, terms, deferrals) if len(questions) == 1 and terms else None
    return [_judge(question, units, deferrals, cues, reply.language, len(questions), on_subject)
            for question in questions]


def _asks_back(reply: Document, unit: _Unit, cues: _Cues) -> bool:
    """A reply sentence that is a question to the client, not a quote of theirs."""
    text = reply.text[unit.start : unit.end]
    asks = "?" in text or bool(cues.openers and cues.openers.search(unit.folded))
    return asks and not reply.in_quoted_speech(unit.start + max(text.find("?"), 0))


def _client_terms(client: Document) -> list[Term]:
    """The informative words of the client's whole message (not common support words)."""
    words = [token.text for token in client.tokens if token.is_word]
    return [term for term in _topic(words, client.morph, _cues(client.language)) if term.weight >= 1.0]


def _shared(terms: Sequence[Term], unit: _Unit) -> set[str]:
    """The client's words a reply stretch repeats: by lemma, stem, or despite a typo ("верефикацию")."""
    return {term.stem for term in terms if term.lemmas & unit.bag.lemmas or term.stem in unit.bag.stems
            or any(_misspelt(lemma, other) for lemma in term.lemmas for other in unit.bag.lemmas)}


def _misspelt(word: str, other: str) -> bool:
    """Two long words one typo apart (a letter changed, added or dropped), first letter kept:
    "верефикация" and "верификация". Short words one letter apart are often other words."""
    if len(word) < _TYPO_LENGTH or word[0] != other[0] or abs(len(word) - len(other)) > 1 or word == other:
        return False
    head = next((i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b), min(len(word), len(other)))
    return (word[head + 1:] == other[head + 1:] or word[head + 1:] == other[head:]
            or word[head:] == other[head + 1:])


def _on_subject(units: Sequence[_Unit], terms: Sequence[Term], deferrals: Sequence[_Unit]) -> _Unit | None:
    """The reply sentence that shares the most informative words with the client's message, when
    the reply as a whole shares at least `_ON_SUBJECT_WORDS` of them: the reply talks about what the
    client wrote, not only thanks, apologies and farewells ("Заказ отменён. Хорошего дня!")."""
    candidates = [(_shared(terms, unit), unit) for unit in units if unit not in deferrals]
    if len(set().union(*(found for found, _ in candidates))) < _ON_SUBJECT_WORDS:
        return None
    return max(candidates, key=lambda item: len(item[0]))[1]


def _judge(question: Question, units: Sequence[_Unit], deferrals: Sequence[_Unit],
           cues: _Cues, lang: str, asked: int, on_subject: _Unit | None = None) -> Verdict:
    if not question.topic:
        return Verdict(question, ANSWERED)  # nothing to hold the reply against: do not guess
    # "сколько стоит" is not answered by any price word, nor "когда" by any date: the topic that
    # must be covered leaves out the words of the kind's own synonym group.
    kind_groups = _KIND_GROUPS.get(question.kind, frozenset())
    topic = [term for term in question.topic if not _groups_of(term.lemmas, lang) & kind_groups] or question.topic
    scored = sorted(((coverage(topic, unit.bag, lang), unit) for unit in units), key=lambda item: -item[0])
    total = sum(term.weight for term in topic)
    own = sum(term.weight for term in question.topic if not term.borrowed)
    # A question of one or two words leans on borrowed context, which the answer need not repeat;
    # an answer of the expected shape (a sum, a date, a place, a cause) needs less topic to count.
    thin = own < _THIN_TOPIC
    if asked == 1 and question.kind not in _TOPIC_ONLY_KINDS:
        threshold = 0.0  # the only question: a reply of the expected shape is about it
    elif thin or asked == 1 or question.kind not in _TOPIC_ONLY_KINDS:
        threshold = _LOOSE_COVERAGE
    else:
        threshold = min(_ANSWER_COVERAGE, _ENOUGH_WEIGHT / total)
    own_terms = [term for term in question.topic if not term.borrowed]
    # A yes/no or what question among several is answered (or deferred) by a sentence that repeats
    # one of its own informative words or names it by a narrow synonym: "есть ли парковка?" is not
    # answered by "Наш адрес: …" through the borrowed "офис". A date or a sum is evidence enough for
    # "когда её ждать?"; a how-question's answer is a procedure in words of its own.
    informative = [term for term in topic if not term.borrowed and term.weight >= 1.0
                   and question.kind in _REPEATED_KINDS]
    strict = asked > 1  # a lone question has no other to take the sentence's answer for
    # A sentence opening with "Да," / "Конечно," answers a yes/no question it touches at all.
    floor = _OPENER_COVERAGE if question.kind == "yesno" else min(threshold, _LOOSE_COVERAGE)
    for score, unit in scored:
        if score < floor and not (asked == 1 and question.kind == "yesno"):
            break
        if unit in deferrals:
            continue  # "уточню и напишу до 15:00" names a time, but it is a deferral, not the answer
        yes_no = cues.answer.get("yesno")
        # "Да, …" answers a yes/no question it touches; a lone question, also "Таких ограничений нет."
        # Below the usual share the sentence must touch the question's own words: "Да, подписку
        # можно оформить" does not answer "И будет ли скидка?" through the borrowed "подписка".
        touches = score >= _LOOSE_COVERAGE or coverage(own_terms, unit.bag, lang) > 0
        if question.kind == "yesno" and yes_no and ((touches and _opens_with(yes_no, unit.folded))
                                                    or (asked == 1 and yes_no.search(unit.folded))):
            return Verdict(question, ANSWERED, (unit.start, unit.end))  # "Да, годовую подписку можно…"
        if score >= threshold and _gives(question.kind, unit, question, units, cues, lang) \
                and (not strict or _touches(informative, unit, lang)):
            return Verdict(question, ANSWERED, (unit.start, unit.end))
    echo = _modal_echo(question, units, deferrals, cues) if question.kind == "yesno" else None
    if echo is not None:
        return Verdict(question, ANSWERED, (echo.start, echo.end))
    numbered = _numbered_answer(question, units)
    if numbered is not None:
        return Verdict(question, ANSWERED, (numbered.start, numbered.end))
    if thin and scored and scored[0][0] >= _LOOSE_COVERAGE:  # "Когда?" after "Заказ не пришёл.": any date
        shaped = next((unit for unit in units if unit not in deferrals
                       and _gives(question.kind, unit, question, units, cues, lang)
                       and _touches(informative, unit, lang)), None)
        if shaped is not None:
            return Verdict(question, ANSWERED, (shaped.start, shaped.end))
    for unit in deferrals:
        if coverage(question.topic, unit.bag, lang) >= _DEFERRAL_COVERAGE \
                and (not strict or _touches(informative, unit, lang)):
            return Verdict(question, DEFERRED, (unit.start, unit.end))
    if deferrals and asked == 1:  # "пришлите номер заказа — проверим" to a one-question message
        return Verdict(question, DEFERRED, (deferrals[0].start, deferrals[0].end))
    agent = cues.answer.get("agent")
    if cues.agent_questions and agent and cues.agent_questions.search(fold(question.text)):
        # "Что будете делать?" -> "Мы отправили запрос в банк": the action told is the answer.
        acted = next((unit for unit in units if unit not in deferrals and agent.search(unit.folded)), None)
        if acted is not None:
            return Verdict(question, ANSWERED, (acted.start, acted.end))
    # Precision first: a lone "how / what / why / yes-or-no" question is answered in too many words
    # of the agent's own to tell by topic ("Как пройти верификацию?" -> "Подайте заявку в Студии…").
    # A reply that talks about what the client wrote is taken as the answer; one of thanks and
    # apologies only ("Мы ценим ваше мнение") is not.
    if on_subject is not None and question.kind in _LOOSE_KINDS:
        return Verdict(question, ANSWERED, (on_subject.start, on_subject.end))
    # …nor is a reply that gives an instruction, a definition, or says what is possible.
    lone = cues.answer.get("lone")
    if asked == 1 and lone and question.kind in _LOOSE_KINDS:
        told = next((unit for unit in units if unit not in deferrals
                     and (lone.search(unit.folded) or _defines(unit, cues.answer.get("definition")))), None)
        if told is not None:
            return Verdict(question, ANSWERED, (told.start, told.end))
    return Verdict(question, UNANSWERED)


# Synonym groups too broad to show a sentence is about a question: any address, price or time.
_SHAPE_GROUPS = frozenset().union(*_KIND_GROUPS.values())


def _touches(terms: Sequence[Term], unit: _Unit, lang: str) -> bool:
    """Whether a reply stretch repeats one of `terms` (no terms: nothing to repeat), or names it by a
    synonym of a narrow group ("в наличии" / "на складе"; not "парковка" / "адрес")."""
    return not terms or bool(_shared(terms, unit)) or any(
        (_groups_of(term.lemmas, lang) - _SHAPE_GROUPS) & unit.bag.groups for term in terms)


def _modal_echo(question: Question, units: Sequence[_Unit], deferrals: Sequence[_Unit], cues: _Cues) -> _Unit | None:
    """"Нужно ли идти в отделение?" -> "…, ничего делать не нужно": the reply answers the modal."""
    words = {match.group() for match in _PHRASE_TOKEN.finditer(fold(question.text))}
    answers = [pattern for modal, pattern in cues.modal_answers.items() if modal in words and pattern]
    return next((unit for unit in units if unit not in deferrals
                 and any(pattern.search(unit.folded) for pattern in answers)), None)


# A definition's subject: at most this many words before its dash ("Студия RUTUBE — это…").
_DEFINED_WORDS = 3


def _defines(unit: _Unit, definition: _Phrases | None) -> bool:
    found = definition.search(unit.folded) if definition else None
    return found is not None and len(_WORDS.findall(unit.folded[: found.begin])) <= _DEFINED_WORDS


def _opens_with(pattern: _Phrases | None, folded: str) -> bool:
    """Whether a stretch (greetings already blanked out) opens with the pattern: "здравствуйте, нет." """
    marker = _LEADING_MARKER.match(folded)
    rest = folded[marker.end():] if marker else folded
    return bool(pattern and pattern.match(rest.lstrip(_TRIM)))


def _numbered_answer(question: Question, units: Sequence[_Unit]) -> _Unit | None:
    """A numbered question answered under the same number: "2. Можно ли…?" -> "2. Да, …"."""
    if question.number is None:
        return None
    return next((unit for unit in units if unit.folded.lstrip().startswith(f"{question.number}.")
                 or unit.folded.lstrip().startswith(f"{question.number})")), None)


def _gives(kind: str, unit: _Unit, question: Question, units: Sequence[_Unit], cues: _Cues, lang: str) -> bool:
    """Whether a stretch about the question's topic holds the kind of answer it expects."""
    if kind in _TOPIC_ONLY_KINDS:
        return True
    pattern = cues.answer.get(kind)
    if kind == "reason":  # the cause is often told in a sentence of its own: "Сейчас сбой у оператора."
        return bool(pattern) and any(pattern.search(other.folded) for other in units)
    if pattern is not None and pattern.search(unit.folded):
        return True
    if kind == "amount":
        # A bare figure answers "сколько номеров", not "сколько стоит": a price needs a currency.
        asks_price = any("price" in _groups_of(term.lemmas, lang) for term in question.topic)
        return bool(unit.numbers) and not asks_price
    if kind == "time":
        return bool(_CLOCK.search(unit.folded))
    return False


def assess(client: Document, reply: Document) -> list[Verdict]:
    """Every question of the client's message with its verdict against the reply."""
    return judge_all(extract_questions(client), reply, client)


def mentions(reply: Document, group: str) -> bool:
    """Whether the reply's body says anything of a synonym group ("price", "delivery"...)."""
    return any(group in unit.bag.groups for unit in _reply_units(reply))


def question_groups(question: Question, lang: str) -> frozenset[str]:
    """The synonym groups a question's own words belong to (not its borrowed context)."""
    return frozenset(name for term in question.topic if term.weight >= _COMMON_WEIGHT
                     for name in _groups_of(term.lemmas, lang))
