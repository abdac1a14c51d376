"""The rule catalog: each rule's id, severity, languages, source guides and texts, declared once
in `rules/catalog/<id>.toml` and read from there by the engine, the CLI and the reporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from replylint.data import load_toml, rules_dir
from replylint.engine.finding import Severity

MESSAGE_LANGUAGES = ("ru", "uk", "en")


@dataclass(frozen=True)
class Example:
    lang: str
    bad: str
    good: str
    client: str | None = None  # the client's message both drafts answer, for rules that need it
    bad_send_at: str | None = None  # when each draft is sent (`--send-at`), for send-time
    good_send_at: str | None = None
    check: str | None = None  # which of a rule's checks the example shows (grammar's codes)


@dataclass(frozen=True)
class RuleSpec:
    id: str
    severity: Severity
    languages: tuple[str, ...]
    sources: tuple[str, ...]
    summary: dict[str, str]
    messages: dict[str, dict[str, str]]
    rationale: dict[str, str]
    examples: tuple[Example, ...]
    first_contact_only: bool = False
    options: dict[str, Any] = field(default_factory=dict)

    def text(self, texts: dict[str, str], lang: str) -> str:
        return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")

    def message(self, key: str, lang: str, params: dict[str, Any]) -> str:
        template = self.text(self.messages.get(key) or self.messages["default"], lang)
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return template


@cache
def catalog() -> dict[str, RuleSpec]:
    specs: dict[str, RuleSpec] = {}
    for path in sorted((rules_dir() / "catalog").glob("*.toml")):
        raw = load_toml(f"catalog/{path.name}")
        spec = _spec(raw)
        specs[spec.id] = spec
    return specs


@cache
def guides() -> dict[str, str]:
    """Guide number ("004") to its title, for citing sources."""
    return {key: str(value) for key, value in load_toml("guides.toml").get("guides", {}).items()}


def _spec(raw: dict[str, Any]) -> RuleSpec:
    return RuleSpec(
        id=raw["id"],
        severity=Severity.parse(raw["severity"]),
        languages=tuple(raw.get("languages", ("ru", "uk"))),
        sources=tuple(raw.get("sources", ())),
        summary=dict(raw.get("summary", {})),
        messages={key: dict(value) for key, value in raw.get("messages", {}).items()},
        rationale=dict(raw.get("rationale", {})),
        examples=tuple(Example(**example) for example in raw.get("examples", ())),
        first_contact_only=bool(raw.get("first_contact_only", False)),
        options=dict(raw.get("options", {})),
    )
