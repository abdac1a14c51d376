"""What a rule knows besides the draft: the client's message, first contact, channel, options."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from replylint.document.model import Document
    from replylint.engine.settings import Settings
    from replylint.integrations.languagetool import GrammarMatch


@dataclass
class Context:
    settings: Settings
    first_contact: bool = True
    client: Document | None = None
    channel: str | None = None
    send_at: datetime | None = None
    # LanguageTool's matches for this draft (offsets index document.text), computed outside the
    # rules by replylint.engine.grammar_stage; None when no LanguageTool server is configured.
    grammar: tuple[GrammarMatch, ...] | None = None
    rule_id: str = ""  # set by the runner before each rule runs, so options() needs no argument
    extra: dict[str, Any] = field(default_factory=dict)

    def option(self, name: str, default: Any = None) -> Any:
        return self.settings.option(self.rule_id, name, default)
