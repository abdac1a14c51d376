"""What a rule knows besides the draft: the client's message, first contact, channel, send time,
LanguageTool's matches, its own typed options, and what is derived from the draft and the
client's message (the client's style and name, the question verdicts, lexicon slots).

A Context is immutable. The engine makes one per draft and hands each rule with options a copy
carrying them (`context.options`). The derived analyses live in one `Analysis` per draft, shared by
the copies: each is a typed attribute computed on first use, so the rules that need it pay once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from replylint.cached import cached_property
from replylint.document.model import Document
from replylint.document.normalize import fold
from replylint.mechanisms.lexicon import LexiconMatch, Slots, document_slots, find, find_foreign
from replylint.mechanisms.names import ClientName, find_client_name
from replylint.mechanisms.phrases import find_phrases
from replylint.mechanisms.style import ClientStyle, read_style

if TYPE_CHECKING:
    from replylint.integrations.languagetool import GrammarMatch
    from replylint.mechanisms.questions import Verdict
    from replylint.rulekit.registry import Hit

OptionsT = TypeVar("OptionsT")

# A user's lexicon overrides: lexicon name -> language -> {"extend"/"replace"/"remove": [...]}.
LexiconOverrides = Mapping[str, Mapping[str, Mapping[str, list[Any]]]]


class Analysis:
    """What is derived from one draft and its client's message, each computed once, on first use."""

    def __init__(self, document: Document, client: Document | None) -> None:
        self.document = document
        self.client = client
        self._formulas: dict[tuple[str, str], list[tuple[int, int]]] = {}

    @cached_property
    def client_style(self) -> ClientStyle:
        """How the client writes (emoji, caps, «!!!», «Привет»): rules of the same kind soften."""
        return read_style(self.client) if self.client is not None else ClientStyle()

    @cached_property
    def client_name(self) -> ClientName | None:
        """The name the client gave, or None (no client message, or no name in it)."""
        return find_client_name(self.client) if self.client is not None else None

    @cached_property
    def client_words(self) -> frozenset[str]:
        """Every word of the client's message, folded: their name or a product is no misspelling."""
        if self.client is None:
            return frozenset()
        return frozenset(fold(token.text) for token in self.client.tokens if token.is_word)

    @cached_property
    def question_verdicts(self) -> list[Verdict]:
        """The client's questions, each with whether the reply answers it."""
        if self.client is None:
            return []
        from replylint.mechanisms.questions import assess  # its cues load only for a client's message

        return assess(self.client, self.document)

    @cached_property
    def body_folded(self) -> str:
        """The reply's body (no history, no signature), folded."""
        return fold(self.document.text[self.document.body.start : self.document.body.end])

    def body_formulas(self, name: str, key: str) -> list[tuple[int, int]]:
        """Spans (in the text) of the formulas of one phrase list (`rules/<lang>/<name>.toml`, key
        `key`) in the body: greeting-only, too-short and call-to-action ask the same lists in turn,
        and each is searched once per draft."""
        spans = self._formulas.get((name, key))
        if spans is None:
            start = self.document.body.start
            spans = self._formulas[name, key] = [
                (start + match.start(), start + match.end())
                for match in find_phrases(self.body_folded, self.document.language, name, key)]
        return spans

    @cached_property
    def slots(self) -> Slots:
        """The reply's sentences as lexicon slots, shared by every lexicon rule."""
        return document_slots(self.document)


@dataclass(frozen=True)
class Context(Generic[OptionsT]):
    """What a rule sees besides the document: its options and the draft's analysis."""

    analysis: Analysis
    options: OptionsT  # the running rule's own options (NoOptions for a rule without any)
    first_contact: bool = True
    channel: str | None = None
    send_at: datetime | None = None
    # LanguageTool's matches for this draft (offsets index document.text), computed outside the
    # rules by replylint.engine.grammar_stage; None when no LanguageTool server is configured.
    grammar: tuple[GrammarMatch, ...] | None = None
    lexicons: LexiconOverrides = field(default_factory=dict)  # the user's lexicon overrides
    accepted: tuple[str, ...] = ()  # the user's vocabulary for the draft's language (`accept`)
    # The hits of the rules this rule `reads` (see `rule(reads=…)`), by rule id, for those that ran.
    earlier: Mapping[str, tuple[Hit, ...]] = field(default_factory=dict)

    def evolve(self, **changes: Any) -> Context[Any]:
        """This context with `changes`, as dataclasses.replace gives it, at a fraction of the cost
        (the engine makes a copy per rule with options, per draft): only the field names are checked."""
        unknown = changes.keys() - _CONTEXT_FIELDS
        if unknown:
            raise TypeError(f"Context has no field {', '.join(sorted(unknown))}")
        copied = object.__new__(type(self))
        vars(copied).update(vars(self), **changes)
        return copied

    @property
    def client(self) -> Document | None:
        return self.analysis.client

    @property
    def client_style(self) -> ClientStyle:
        return self.analysis.client_style

    @property
    def client_name(self) -> ClientName | None:
        return self.analysis.client_name

    def lexicon(self, name: str) -> list[LexiconMatch]:
        """Matches of lexicon `name` in the reply, with the user's overrides."""
        return find(self.analysis.document, name, self.lexicons, self.analysis.slots)

    def foreign_words(self, name: str) -> list[LexiconMatch]:
        """Words of the other language that its lexicon `name` lists (see mechanisms.lexicon.find_foreign)."""
        return find_foreign(self.analysis.document, name, self.analysis.slots)


_CONTEXT_FIELDS = frozenset(field.name for field in fields(Context))
