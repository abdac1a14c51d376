"""What the user chose: which rules run, at which severity, with which options and lexicons."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from replylint.engine.catalog import catalog, lexicon_names, unknown_rule
from replylint.engine.finding import Severity


class SettingsError(ValueError):
    """A bad rule id, severity or option value: reported as one line, exit code 2."""


@dataclass
class Settings:
    select: frozenset[str] | None = None  # None: every rule that is on by default
    ignore: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    # lexicon name -> language -> {"extend": [...], "replace": [...], "remove": [...]} from the user's config
    lexicons: dict[str, dict[str, dict[str, list[Any]]]] = field(default_factory=dict)
    message_lang: str = "auto"
    # extra placeholder regexes from the user's config, masked like the built-in {{ name }} ones
    placeholders: tuple[str, ...] = ()
    # words the spelling rule accepts, as the user wrote them ("стем*" = a stem): "ru" / "uk" / "*" (both)
    accept: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        known = catalog()
        for rule_id in {*(self.select or ()), *self.ignore, *self.severities, *self.options}:
            if rule_id not in known and rule_id != "ALL":
                raise SettingsError(unknown_rule(rule_id))
        if self.lexicons:
            from replylint.mechanisms.lexicon import validate_overrides  # imported here: few configs have them

            validate_overrides(self.lexicons, lexicon_names())

    def enabled(self, rule_id: str) -> bool:
        if rule_id in self.ignore:
            return False
        return self.select is None or "ALL" in self.select or rule_id in self.select

    @property
    def atoms(self) -> re.Pattern[str]:
        """The document model's atoms regex: links, e-mails, built-in and configured placeholders."""
        from replylint.document.placeholders import atoms_with

        return atoms_with(self.placeholders)

    def accepted(self, language: str) -> tuple[str, ...]:
        """The user's vocabulary for `language`: its own words and the shared ones."""
        return (*self.accept.get(language, ()), *self.accept.get("*", ()))

    def severity(self, rule_id: str) -> Severity:
        return self.severities.get(rule_id) or catalog()[rule_id].severity

    def option(self, rule_id: str, name: str, default: Any = None) -> Any:
        user = self.options.get(rule_id, {})
        if name in user:
            return user[name]
        return catalog()[rule_id].options.get(name, default)


def parse_rule_list(value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset(part.strip() for part in value.split(",") if part.strip())
