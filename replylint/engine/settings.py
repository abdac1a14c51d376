"""What the user chose, in one object: which rules run, at which severity, with which (typed)
options and lexicons, in which language the messages are, and the per-draft defaults (first
contact, language, channel).

Every source of settings ends here: the config files and the command line (replylint.config folds
them into a Settings per file), the API (`replylint.lint(...)` builds one) and a collection item's
own options (`for_item`). A Settings is immutable and validated when it is made: unknown rule ids,
option values and lexicon overrides are a SettingsError then, not while a draft is linted.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from replylint.document.language import AUTO
from replylint.document.placeholders import atoms_with
from replylint.engine.rules import implementations
from replylint.errors import SettingsError
from replylint.mechanisms.lexicon import validate_overrides
from replylint.rulekit.catalog import catalog, lexicon_names, unknown_rule
from replylint.rulekit.finding import Severity
from replylint.rulekit.options import build_options

__all__ = ["Settings", "SettingsError", "parse_rule_list"]

# What a collection item may say about itself (sources/records.py reads them): they win for that item.
ITEM_KEYS = ("first_contact", "lang", "channel", "ignore")


@dataclass(frozen=True)
class Settings:
    """What a run applies to a draft: the config's layers and the command line's flags, merged."""

    select: frozenset[str] | None = None  # None: every rule that is on by default
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # rule id -> the user's values
    # lexicon name -> language -> {"extend": [...], "replace": [...], "remove": [...]} from the user's config
    lexicons: Mapping[str, Mapping[str, Mapping[str, list[Any]]]] = field(default_factory=dict)
    message_lang: str = AUTO
    # extra placeholder regexes from the user's config, masked like the built-in {{ name }} ones
    placeholders: tuple[str, ...] = ()
    # words the spelling rule accepts, as the user wrote them ("стем*" = a stem): "ru" / "uk" / "*" (both)
    accept: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Per-draft defaults (a collection item's own values win: `for_item`).
    first_contact: bool = True
    lang: str = AUTO
    channel: str | None = None
    # Rules whose findings are dropped for this draft (a collection item's `ignore`, as written: not
    # checked against the catalog). They still run, so what they find still shapes the others'.
    hidden: frozenset[str] = frozenset()
    # The rules' typed options, built once from the catalog's defaults and `options`.
    rule_options: Mapping[str, Any] = field(init=False, repr=False, compare=False)
    # What the engine derives from these settings and reuses for every draft (the rules to run per
    # language): shared by the `for_item` copies, so its keys name what they depend on.
    memo: dict[Any, Any] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        known = catalog()
        for rule_id in {*(self.select or ()), *self.ignore, *self.severities, *self.options}:
            if rule_id not in known and rule_id != "ALL":
                raise SettingsError(unknown_rule(rule_id))
        if self.lexicons:
            validate_overrides(self.lexicons, lexicon_names())
        typed: dict[str, Any] = {rule_id: build_options(rule.options, known[rule_id], self.options.get(rule_id, {}))
                 for rule_id, rule in implementations().items()}
        object.__setattr__(self, "rule_options", typed)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (to a worker process) without the memo: the worker works it out again."""
        return {name: value for name, value in self.__dict__.items() if name != "memo"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, memo={})

    def enabled(self, rule_id: str) -> bool:
        if rule_id in self.ignore:
            return False
        return self.select is None or "ALL" in self.select or rule_id in self.select

    @property
    def atoms(self) -> re.Pattern[str]:
        """The document model's atoms regex: links, e-mails, built-in and configured placeholders."""
        return atoms_with(self.placeholders)

    def accepted(self, language: str) -> tuple[str, ...]:
        """The user's vocabulary for `language`: its own words and the shared ones."""
        return (*self.accept.get(language, ()), *self.accept.get("*", ()))

    def severity(self, rule_id: str) -> Severity:
        return self.severities.get(rule_id) or catalog()[rule_id].severity

    def for_item(self, item: Mapping[str, Any]) -> Settings:
        """These settings with what a collection item says about itself (`ITEM_KEYS`, checked by
        the sources that read them): its first_contact, lang and channel win; the findings of the
        rules its `ignore` names are dropped."""
        if not any(key in item for key in ITEM_KEYS):
            return self
        # A copy with the draft's own values: nothing of what was validated changes, so nothing is
        # validated or built again (dataclasses.replace would rebuild every rule's options).
        changed = copy.copy(self)
        for name, value in (("first_contact", bool(item.get("first_contact", self.first_contact))),
                            ("lang", item.get("lang") or self.lang),
                            ("channel", item.get("channel") or self.channel),
                            ("hidden", self.hidden | frozenset(item.get("ignore") or ()))):
            object.__setattr__(changed, name, value)
        return changed


def parse_rule_list(value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset(part.strip() for part in value.split(",") if part.strip())
