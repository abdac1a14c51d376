"""Rule implementations register here by id; the ids and texts come from the catalog.

A rule is a pure function (document, context) -> hits. A hit is a finding before the engine
gives it a severity and a message in the reader's language.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from replylint.engine.finding import Fix, Severity

if TYPE_CHECKING:
    from replylint.document.model import Document
    from replylint.engine.context import Context


@dataclass(frozen=True)
class Hit:
    """`start`/`end` index the normalised text; `message` keys into the rule's catalog messages."""

    start: int
    end: int
    message: str = "default"
    params: dict[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    fix: Fix | None = None
    severity: Severity | None = None  # set only when context changes it (mirroring the client)


RuleFunction = Callable[["Document", "Context"], Iterable[Hit]]

_RULES: dict[str, RuleFunction] = {}
_DISCOVERED: list[bool] = []  # a list so the module-level flag can be set without `global`


def rule(rule_id: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in _RULES:
            raise RuntimeError(f"rule {rule_id!r} registered twice")
        _RULES[rule_id] = function
        return function

    return register


def is_registered(rule_id: str) -> bool:
    return rule_id in _RULES


def implementations() -> dict[str, RuleFunction]:
    """Import every module of replylint.checks once, so their @rule decorators run."""
    if not _DISCOVERED:
        import replylint.checks as checks

        # A module imported on its own (a test, a plugin) must not stop the others from loading.
        for module in pkgutil.iter_modules(checks.__path__):
            importlib.import_module(f"{checks.__name__}.{module.name}")
        _DISCOVERED.append(True)
    return _RULES
