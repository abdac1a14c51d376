"""Rule implementations register here by id; the ids, texts and option defaults come from the catalog.

A rule is a pure function (document, context) -> hits. A hit is a finding before the engine
gives it a severity and a message in the reader's language. `@rule(id, options=Cls)` names the
typed options the rule reads from `context.options` (defaults in the catalog's `[options]`);
`reads=(ids…)` names the rules whose hits it needs (`context.earlier`): the engine runs those first.
Finding every rule (importing replylint.checks) is the engine's job (`replylint.engine.rules`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from replylint.rulekit.finding import Fix, Severity
from replylint.rulekit.options import NoOptions

if TYPE_CHECKING:
    from replylint.document.model import Document
    from replylint.rulekit.context import Context


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


RuleFunction = Callable[["Document", "Context[Any]"], Iterable[Hit]]


class Rule(NamedTuple):
    """A registered rule: its id, its function, its options class, the rules whose hits it reads."""

    id: str
    check: RuleFunction
    options: type[NamedTuple] = NoOptions
    reads: tuple[str, ...] = ()


_RULES: dict[str, Rule] = {}


def rule(rule_id: str, *, options: type[NamedTuple] = NoOptions, reads: tuple[str, ...] = ()
         ) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in _RULES:
            raise RuntimeError(f"rule {rule_id!r} registered twice")
        _RULES[rule_id] = Rule(rule_id, function, options, reads)
        return function

    return register


def is_registered(rule_id: str) -> bool:
    return rule_id in _RULES


def registered() -> dict[str, Rule]:
    """The rules registered so far (the engine imports every checks module first)."""
    return _RULES
