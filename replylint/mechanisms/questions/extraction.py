"""The client's questions: which sentences ask, split where one sentence asks two things.

Extraction reads the client's own text (the Document's body: no quoted history, no signature, no
interleaved "> " lines), sentence by sentence. A sentence is a question when it has a "?" or an
implicit opener ("подскажите", "цікавить", "прошу сообщить"), or when it is a list item under an
opener line ("Подскажите:\\n- …"). One sentence holding two questions joined by a conjunction
("сколько стоит и когда привезёте", "на який день можна записатися, і скільки це займе") is split
where the second question word starts, or where a second action under one modal starts ("можно
отменить и вернуть деньги"). Greetings before a question are cut off; contact checks ("Вы тут?")
and rhetorical questions are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from replylint.document.language import CYRILLIC
from replylint.document.normalize import fold
from replylint.mechanisms.questions import thresholds as T
from replylint.mechanisms.questions.cues import (
    LEADING_MARKER,
    LIST_ITEM,
    QUOTED_LINE,
    SEPARATOR,
    TRIM,
    VERB_POS,
    WORDS,
    Cues,
    cues_for,
)
from replylint.mechanisms.questions.relevance import Term, size, topic_terms

if TYPE_CHECKING:
    from replylint.document.model import Document, Sentence
    from replylint.document.morphology import Morphology


class Question(NamedTuple):
    """A question of the client: `start`/`end` index the client Document's text."""

    start: int
    end: int
    text: str
    kind: str
    topic: tuple[Term, ...]  # its content words, with borrowed context when it has too few
    number: int | None = None  # its number in a numbered list of questions


def extract_questions(client: Document) -> list[Question]:
    """The questions of the client's message, in order."""
    cues = cues_for(client.language)
    morph = client.morph
    questions: list[Question] = []
    under_opener = False  # the previous line asked for a list: "Подскажите:" / "Вопросы такие:"
    footer = SEPARATOR.search(client.text, client.body.start, client.body.end)
    own_end = footer.start() if footer else client.body.end
    sentences = [sentence for sentence in client.sentences
                 if sentence.start < own_end and not _in_quoted_line(client, sentence.start)]
    previous_asked = False
    for index, sentence in enumerate(sentences):
        start, end = _without_greeting(client.text, sentence.start, sentence.end, cues)
        text = client.text[start:end]
        folded = fold(text)
        line_start = client.text.rfind("\n", 0, sentence.start) + 1
        item = LIST_ITEM.match(client.text[line_start : sentence.start + 4])
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
            questions.append(question._replace(number=number) if len(clauses) == 1 else question)
    return questions


def _is_elaboration(text: str, folded: str, morph: Morphology, cues: Cues) -> bool:
    """A verbless "?" sentence with no question word, right after a question, details it."""
    if cues.kind_pattern and cues.kind_pattern.search(folded):
        return False
    return not any(parse.tag.POS in VERB_POS for word in WORDS.findall(text) for parse in morph.parse(word)[:1])


def _in_quoted_line(document: Document, offset: int) -> bool:
    line_start = document.text.rfind("\n", 0, offset) + 1
    return bool(QUOTED_LINE.match(document.text[line_start : offset + 1]))


def _without_greeting(text: str, start: int, end: int, cues: Cues) -> tuple[int, int]:
    """Cut a leading greeting ("Здравствуйте, подскажите…") and list markers off a sentence."""
    marker = LEADING_MARKER.match(text, start, end)
    if marker:
        start = marker.end()
    if cues.greetings:
        match = cues.greetings.match(fold(text[start:end]))
        if match and end - start > match.end():
            rest = text[start + match.end() : end]
            start += match.end() + len(rest) - len(rest.lstrip(TRIM))
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return start, end


def _dismissed(folded: str, cues: Cues) -> bool:
    """Contact checks ("алло, есть кто?") and rhetorical questions ("сколько можно ждать?")."""
    if cues.rhetorical and cues.rhetorical.search(folded):
        return True
    if cues.not_questions:
        rest = cues.not_questions.sub(" ", folded)
        return rest != folded and len(WORDS.findall(rest)) <= 1
    return False


def _clauses(text: str, start: int, end: int, cues: Cues, morph: Morphology) -> list[tuple[int, int]]:
    if cues.splitters is None:
        return [(start, end)]
    cuts = [start]
    folded = fold(text[start:end])

    def infinitive(word: str) -> bool:
        parses = morph.parse(word)  # Russian tags it INFN; the Ukrainian dictionary, VERB + infn
        return bool(parses) and (parses[0].tag.POS == "INFN" or "infn" in re.split(r"[ ,]", str(parses[0].tag)))

    for cut in cues.splitters.cuts(folded, infinitive):
        if cut > 0 and WORDS.search(folded[cuts[-1] - start : cut]):
            cuts.append(start + cut)
    cuts.append(end)
    spans: list[tuple[int, int]] = []
    for clause_start, clause_end in pairwise(cuts):
        piece = text[clause_start:clause_end]
        clause_start += len(piece) - len(piece.lstrip(" ,;"))
        lead = WORDS.match(text, clause_start)
        while spans and lead and cues.splitters.joins(fold(lead.group())):  # "а также где…" -> "где…"
            clause_start = lead.end() + 1
            lead = WORDS.match(text, clause_start)
        spans.append((clause_start, clause_end - (len(piece) - len(piece.rstrip(" ,;")))))
    return spans


def _question(client: Document, morph: Morphology, cues: Cues, start: int, end: int,
              neighbours: Sequence[tuple[int, int]], context: list[str]) -> Question:
    text = client.text[start:end]
    topic = topic_terms(WORDS.findall(text), morph, cues)
    if size(topic) < T.THIN_TOPIC:
        borrowed = [word for s, e in neighbours for word in WORDS.findall(client.text[s:e])] + context
        own = {term.stem for term in topic}
        topic += [term._replace(weight=term.weight * T.BORROWED_WEIGHT, borrowed=True)
                  for term in topic_terms(borrowed, morph, cues) if term.stem not in own]
    return Question(start, end, text, _kind(fold(text), topic, cues), tuple(topic))


def _context_words(client: Document, sentences: Sequence[Sentence], index: int) -> list[str]:
    """The words of the sentence before a question: "Оплата не проходит. Что делать?"."""
    for previous in reversed(sentences[:index]):
        words = WORDS.findall(previous.text)
        if len(words) > 1:
            return words
    return []


def _kind(folded: str, topic: Sequence[Term], cues: Cues) -> str:
    """The kind of answer a question expects: its earliest question word decides (longest phrase
    on a tie); a question with none asks yes or no. A topic word may say more than a vague cue:
    "Интересует стоимость…" and "Адрес какой?" want a sum and a place, "сколько это займёт" a time."""
    first = cues.kind_pattern.search(folded) if cues.kind_pattern else None
    phrase = first.phrase if first else ""
    kind = cues.kinds.get(phrase, "yesno") if first else "yesno"
    implied = [cues.topic_kinds[lemma] for term in topic if not term.borrowed and term.informative
               for lemma in sorted(term.lemmas) if lemma in cues.topic_kinds]
    if first is None or kind == "what":
        return implied[0] if implied else kind
    if kind == "amount" and len(phrase) <= len("скільки") and "time" in implied:
        return "time"
    return kind
