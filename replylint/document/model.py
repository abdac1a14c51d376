"""The document model: a draft's text cut into zones, lines, paragraphs, sentences and tokens.

Everything indexes the normalised text; `Document.to_source` turns a span back into offsets of
the text as read. The body is the reply's own text: quoted history and the signature are zones
of their own that rules do not judge unless they mean to.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from replylint.cached import cached_property
from replylint.document.directives import Directive, blank_directives, find_directives
from replylint.document.language import detect_language
from replylint.document.morphology import Morphology, morphology_for
from replylint.document.normalize import NormalizedText, fold, normalize
from replylint.document.placeholders import DEFAULT_ATOMS, atoms_in
from replylint.document.tokens import Token, TokenKind, tokenize
from replylint.document.zones import Line, find_quote_start, find_signature_start, is_quoted_line, split_lines

# How far from the end a farewell may stand and still open the closing zone.
_CLOSING_LINES = 4
# Quoted speech: the client's words or a name in «…», “…”, „…“ or "…" on one line.
_QUOTED_SPEECH = re.compile(r"«[^«»\n]*»|“[^“”\n]*”|„[^„“”\n]*[“”]|\"[^\"\n]*\"")
_QUOTE_OPENERS = "«“„\""  # what each alternative of _QUOTED_SPEECH opens with


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the normalised text, end exclusive."""

    start: int
    end: int

    def __contains__(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True)
class Sentence:
    """A sentence: offsets in the normalised text, its text and its tokens."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]

    @cached_property
    def words(self) -> tuple[Token, ...]:  # asked by most rules: computed once per sentence
        return tuple(token for token in self.tokens if token.kind is TokenKind.WORD)


class Paragraph(NamedTuple):
    """A paragraph of the body: offsets in the normalised text and its sentences."""

    start: int
    end: int
    sentences: tuple[Sentence, ...]


@dataclass
class Document:
    """A draft read for the rules: its lines, zones, paragraphs, sentences and tokens."""

    source: NormalizedText
    language: str
    lines: list[Line]
    body: Span
    signature: Span | None
    quote: Span | None
    paragraphs: list[Paragraph]
    signature_tokens: list[Token]
    closing_line: int | None  # index in `lines` of the farewell formula, when there is one
    atoms: re.Pattern[str] = field(repr=False, default=DEFAULT_ATOMS)
    # Suppression comments; `text` has them blanked out, so no rule reads them (offsets unchanged).
    directives: tuple[Directive, ...] = ()
    # ">" lines inside the body (the client quoted between the agent's paragraphs): in no paragraph,
    # judged by no rule, never sent to LanguageTool.
    quoted_lines: tuple[Span, ...] = ()

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def morph(self) -> Morphology:
        return morphology_for(self.language)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [sentence for paragraph in self.paragraphs for sentence in paragraph.sentences]

    @cached_property
    def tokens(self) -> list[Token]:
        """The body's tokens: what the agent wrote, without history or signature."""
        return [token for sentence in self.sentences for token in sentence.tokens]

    @cached_property
    def words(self) -> list[Token]:
        return [token for token in self.tokens if token.is_word]

    @cached_property
    def body_lines(self) -> list[Line]:
        return [line for line in self.lines
                if line.start >= self.body.start and line.end <= self.body.end and not line.blank]

    @property
    def opening(self) -> Line | None:
        """The first non-blank line of the reply."""
        return self.body_lines[0] if self.body_lines else None

    @cached_property
    def closing(self) -> list[Line]:
        """The last non-blank lines of the body: where a farewell or a next step belongs."""
        return self.body_lines[-_CLOSING_LINES:]

    @cached_property
    def quoted_speech(self) -> list[Span]:
        """Quoted words inside the body: the client's own phrases, names in «…»."""
        body = self.text[self.body.start : self.body.end]
        if not any(mark in body for mark in _QUOTE_OPENERS):  # most replies quote nothing
            return []
        return [Span(match.start(), match.end())
                for match in _QUOTED_SPEECH.finditer(self.text, self.body.start, self.body.end)]

    @cached_property
    def _quoted_starts(self) -> list[int]:
        return [span.start for span in self.quoted_speech]

    def in_quoted_speech(self, offset: int) -> bool:
        spans = self.quoted_speech  # sorted and disjoint: a bisect, not a scan per token (long drafts)
        if not spans:  # most drafts quote nothing
            return False
        index = bisect.bisect_right(self._quoted_starts, offset) - 1
        return index >= 0 and offset in spans[index]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        return self.source.span_to_source(start, end)

    def folded(self, token: Token) -> str:
        return fold(token.text)


def build_document(
    original: str,
    *,
    lang: str = "auto",
    closing_phrases: dict[str, tuple[str, ...]] | None = None,
    atoms: re.Pattern[str] = DEFAULT_ATOMS,
) -> Document:
    """Build the model of a draft. `closing_phrases` (per language, folded) mark where a signature
    may begin; without them only a "--" line or trailing contact lines do."""
    source = normalize(original)
    directives = find_directives(source.text)
    if directives:
        source = source._replace(text=blank_directives(source.text, directives))
    text = source.text
    lines = split_lines(text)
    quote_line = find_quote_start(lines)
    quote = Span(lines[quote_line].start, len(text)) if quote_line < len(lines) else None
    reply_end = lines[quote_line - 1].end if 0 < quote_line <= len(lines) else (0 if quote else len(text))
    language = lang if lang != "auto" else detect_language(text[:reply_end])
    closing_line = _find_closing_line(lines, quote_line, (closing_phrases or {}).get(language, ()))
    signature_line = find_signature_start(lines, quote_line, closing_line)
    if signature_line < quote_line:
        signature = Span(lines[signature_line].start, reply_end)
        body_end = lines[signature_line - 1].end if signature_line else 0
    else:
        signature, body_end = None, reply_end
    body = Span(0, body_end)
    paragraphs = _paragraphs(text, lines, body, atoms)
    signature_tokens = tokenize(text, signature.start, signature.end, atoms) if signature else []
    quoted_lines = tuple(Span(line.start, line.end) for line in lines
                         if line.start < body.end and is_quoted_line(line.text))
    return Document(source, language, lines, body, signature, quote, paragraphs, signature_tokens,
                    closing_line, atoms, tuple(directives), quoted_lines)


def _find_closing_line(lines: list[Line], end: int, phrases: tuple[str, ...]) -> int | None:
    if not phrases:
        return None
    seen = 0
    for index in range(end - 1, -1, -1):
        if lines[index].blank:
            continue
        seen += 1
        if seen > _CLOSING_LINES + 3:
            return None
        if not any(not line.blank for line in lines[:index]):
            return None  # the opening line: «Доброго дня!» greets there, it does not close
        folded = fold(lines[index].text).strip(" \t-–—*_>")
        if any(folded.startswith(phrase) for phrase in phrases):
            return index
    return None


def _paragraphs(text: str, lines: list[Line], body: Span, atoms: re.Pattern[str]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    block: list[Line] = []
    for line in lines:
        if line.start >= body.end:
            break
        if line.blank or is_quoted_line(line.text):  # a ">" line quotes the client: it ends a paragraph
            if block:
                paragraphs.append(_paragraph(text, block, atoms))
                block = []
            continue
        block.append(Line(line.start, min(line.end, body.end), text[line.start : min(line.end, body.end)]))
    if block:
        paragraphs.append(_paragraph(text, block, atoms))
    return paragraphs


def _paragraph(text: str, block: list[Line], atoms: re.Pattern[str]) -> Paragraph:
    sentences: list[Sentence] = []
    for start, end in _segments(block):
        sentences.extend(_sentences(text, start, end, atoms))
    return Paragraph(block[0].start, block[-1].end, tuple(sentences))


def _segments(block: list[Line]) -> list[tuple[int, int]]:
    """Join a line to the next only when the sentence plainly runs on (the next starts lower-case);
    otherwise a line break ends a sentence: replies put a greeting or a list item on a line alone."""
    segments: list[tuple[int, int]] = []
    start = block[0].start
    for line, following in zip(block, [*block[1:], None], strict=True):
        stripped = line.text.rstrip()
        runs_on = (following is not None and stripped and stripped[-1] not in ".!?…:;)"
                   and following.text.lstrip()[:1].islower())
        if not runs_on:
            segments.append((start, line.end))
            if following is not None:
                start = following.start
    return segments


def _sentences(text: str, start: int, end: int, atoms: re.Pattern[str]) -> list[Sentence]:
    from razdel import sentenize  # imported here: only documents with text need it

    tokens = tokenize(text, start, end, atoms)
    segment = text[start:end]
    # Dots inside links and placeholders ({{ticket.requester.name}}) do not end sentences.
    searched = atoms_in(atoms, segment)
    masked = searched.sub(lambda match: "x" * len(match.group()), segment) if searched else segment
    sentences: list[Sentence] = []
    index = 0
    for piece_start, piece_end in _sentence_spans(sentenize, masked, start):
        first = index
        while index < len(tokens) and tokens[index].start < piece_end:
            index += 1
        sentences.append(Sentence(piece_start, piece_end, text[piece_start:piece_end], tuple(tokens[first:index])))
    if index < len(tokens) and sentences:  # an atom straddling razdel's last boundary
        last = sentences[-1]
        sentences[-1] = Sentence(last.start, end, text[last.start:end], last.tokens + tuple(tokens[index:]))
    return sentences


# razdel grows a string per candidate boundary it rejects, so one segment of n characters costs n²
# («....» × 100,000 took minutes): longer segments are cut first, at a blank where there is one.
_MAX_SEGMENT = 4000


def _sentence_spans(sentenize: Callable[[str], Iterable[Any]], text: str, offset: int) -> Iterator[tuple[int, int]]:
    at = 0
    while at < len(text):
        end = len(text)
        if end - at > _MAX_SEGMENT:
            end = _segment_end(text, at, at + _MAX_SEGMENT)
        for piece in sentenize(text[at:end]):
            yield offset + at + piece.start, offset + at + piece.stop
        at = end


def _segment_end(text: str, start: int, limit: int) -> int:
    """Where to cut text[start:limit]: after the last line break or sentence end in it (a cut
    inside a sentence would split it in two), else after its last blank, else at the limit."""
    ends = [text.rfind(mark, start, limit) + len(mark) for mark in _SEGMENT_ENDS]
    best = max(ends)
    if best > start + 1:
        return best
    blank = text.rfind(" ", start, limit)
    return blank + 1 if blank > start else limit


_SEGMENT_ENDS = ("\n", ". ", "? ", "! ", "… ")


__all__ = ["Document", "Line", "Paragraph", "Sentence", "Span", "Token", "TokenKind", "build_document"]
