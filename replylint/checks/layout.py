"""long-sentence, long-paragraph, list-questions: how a reply is laid out for reading.

002 and 004 ask for short sentences and paragraphs («Пишите кратко и по делу»; «каждый абзац имел 2-3
строчки, а сама строка была длиною примерно 65 символов») and for several questions as a numbered list
(«Используйте нумерацию 1-2-3 для разделения ваших тезисов и вопросов»; 002 «Список питань»).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from typing import NamedTuple

from replylint.document.model import Document, Sentence
from replylint.rulekit.context import Context
from replylint.rulekit.registry import Hit, rule

# A list item: «1.», «2)», «-», «•», «—», «*» at the start of a line.
LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-zа-яіїє][.)]|[-–—•*·▪►✓✔])\s")
# An enumeration inside one sentence: «паспорт, СНИЛС, ИНН, справка …» — many short comma/semicolon parts.
_ENUMERATION_PARTS = 5
_ENUMERATION_PART_WORDS = 3
_PART_SEPARATOR = re.compile(r"[,;]")


def _is_list_item(document: Document, start: int) -> bool:
    """Whether the line holding `start` is a list item."""
    line_start = document.text.rfind("\n", 0, start) + 1
    line_end = document.text.find("\n", start)
    return bool(LIST_MARKER.match(document.text[line_start : line_end if line_end >= 0 else len(document.text)]))


class LongSentenceOptions(NamedTuple):
    """The rule's options (rules/catalog/long-sentence.toml)."""

    max_words: int


@rule("long-sentence", options=LongSentenceOptions)
def long_sentence(document: Document, context: Context[LongSentenceOptions]) -> Iterator[Hit]:
    limit = context.options.max_words
    for sentence in document.sentences:
        count = len(sentence.words)  # words only: numbers, links, placeholders and punctuation do not count
        if count <= limit or _is_enumeration(document, sentence):
            continue
        yield Hit(sentence.start, sentence.end, params={"words": count, "max": limit})


def _is_enumeration(document: Document, sentence: Sentence) -> bool:
    """A list written in one sentence or spread over list lines: its length is not a reading problem."""
    if "\n" in sentence.text.strip() and any(LIST_MARKER.match(line) for line in sentence.text.splitlines()[1:]):
        return True
    if sentence.text.count(":") >= _ENUMERATION_PARTS - 2:  # «Качество: HD Кодек: H.264 Частота: 60 fps»
        return True
    parts = [part.split() for part in _PART_SEPARATOR.split(document.atoms.sub("x", sentence.text))]
    short = [part for part in parts if len(part) <= _ENUMERATION_PART_WORDS]
    return len(parts) >= _ENUMERATION_PARTS and len(short) * 2 > len(parts)


class LongParagraphOptions(NamedTuple):
    """The rule's options (rules/catalog/long-paragraph.toml)."""

    max_sentences: int
    max_lines: int
    line_width: int


@rule("long-paragraph", options=LongParagraphOptions)
def long_paragraph(document: Document, context: Context[LongParagraphOptions]) -> Iterator[Hit]:
    max_sentences = context.options.max_sentences
    max_lines = context.options.max_lines
    width = context.options.line_width
    all_sentences = document.sentences
    starts = [sentence.start for sentence in all_sentences]  # sorted: a bisect per block, not a scan
    for block_start, block_end in _blocks(document):
        text = document.text[block_start:block_end]
        if len(_INLINE_ITEM.findall(text)) >= _INLINE_LIST_ITEMS:
            continue  # «доступны: 1. … 2. … 3. …» is a list, however it is typed
        first, last = bisect.bisect_left(starts, block_start), bisect.bisect_left(starts, block_end)
        sentences = [sentence for sentence in all_sentences[first:last] if sentence.words]
        screen_lines = sum(max(1, math.ceil(len(line.strip()) / width)) for line in text.split("\n"))
        if len(sentences) > max_sentences:
            yield _block_hit(block_start, sentences, "sentences", len(sentences), max_sentences)
        elif screen_lines > max_lines:
            yield _block_hit(block_start, sentences, "lines", screen_lines, max_lines)


_INLINE_ITEM = re.compile(r"(?:^|\s)\d{1,2}[.)]\s")
_INLINE_LIST_ITEMS = 3
_SENTENCE_END = ".!?…:;"
_WRAP_SLACK = 2  # wrapping tools leave a character or two unused at the margin


def _blocks(document: Document) -> Iterator[tuple[int, int]]:
    """Paragraphs as the reader sees them: lines run together only while a sentence runs on (the next
    line starts lower-case, or the text is hard-wrapped: the next line's first word would not have
    fitted on this one); a chat's one-line paragraphs, «Size – 1920x1080» lines and list items are
    not a wall of text."""
    line_starts = [line.start for line in document.lines]  # sorted: a bisect per paragraph, not a scan
    for paragraph in document.paragraphs:
        start = None
        first, last = bisect.bisect_left(line_starts, paragraph.start), bisect.bisect_left(line_starts, paragraph.end)
        lines = [line for line in document.lines[first:last] if not line.blank]
        wrap_width = max((len(line.text.rstrip()) for line in lines), default=0)
        for line, following in zip(lines, [*lines[1:], None], strict=True):
            if LIST_MARKER.match(line.text):
                start = None
                continue
            start = line.start if start is None else start
            if not _runs_on(line.text.rstrip(), following.text.lstrip() if following else None, wrap_width):
                yield start, min(line.end, paragraph.end)
                start = None


def _runs_on(line: str, following: str | None, wrap_width: int) -> bool:
    if not following or LIST_MARKER.match(following):
        return False
    if following[:1].islower():
        return True
    first_word = following.split(maxsplit=1)[0]
    return line[-1:] not in _SENTENCE_END and len(line) + 1 + len(first_word) > wrap_width - _WRAP_SLACK


def _block_hit(start: int, sentences: list[Sentence], kind: str, count: int, limit: int) -> Hit:
    end = sentences[0].end if sentences else start + 1  # underline the first sentence, not a screenful
    return Hit(start, end, kind, {"count": count, "max": limit})


_QUESTION = re.compile(r"\?[\s»\"”')\]]*$")


class ListQuestionsOptions(NamedTuple):
    """The rule's options (rules/catalog/list-questions.toml)."""

    min_questions: int


@rule("list-questions", options=ListQuestionsOptions)
def list_questions(document: Document, context: Context[ListQuestionsOptions]) -> Iterator[Hit]:
    minimum = context.options.min_questions
    for paragraph in document.paragraphs:
        questions = [sentence for sentence in paragraph.sentences
                     if _QUESTION.search(sentence.text.rstrip()) and sentence.words
                     and not document.in_quoted_speech(sentence.start)
                     and not _is_list_item(document, sentence.start)]
        if len(questions) >= minimum:
            yield Hit(questions[0].start, questions[-1].end, params={"count": len(questions)})
