"""Suppression comments applied to a draft's findings, and the ones that suppress nothing reported.

The comments are parsed once, by the document model (`replylint.document.directives`), which also
hides them from the rules. Here they become ranges: a disable opens a range for its rules (or
every rule) that an enable closes; a disable-next-line covers the next line with text, a
disable-line the line it stands on. A finding
inside a range is dropped. A suppression that dropped nothing is reported as
`unused-suppression` (as Ruff's RUF100 does for `# noqa`), so stale comments do not pile up —
but only for rules that ran on this draft: disabling a rule that --select left out is not stale.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from replylint.document.directives import (
    DISABLE,
    DISABLE_LINE,
    DISABLE_NEXT_LINE,
    ENABLE,
    Directive,
    next_text_line,
    own_line,
)
from replylint.document.model import Document
from replylint.engine.settings import Settings
from replylint.rulekit.catalog import catalog
from replylint.rulekit.finding import Finding

UNUSED_SUPPRESSION = "unused-suppression"
_EVERY_RULE = None  # the key of a blanket suppression


@dataclass(eq=False)
class _Suppression:
    rule: str | None  # None: every rule
    start: int  # where to point when it turns out unused (source offsets)
    end: int
    used: bool = False


@dataclass
class _State:
    """What is disabled from one directive to the next."""

    disabled: dict[str | None, _Suppression] = field(default_factory=dict)
    reenabled: frozenset[str] = frozenset()  # rules enabled again inside a blanket disable

    def covering(self, rule: str) -> _Suppression | None:
        if rule in self.disabled:
            return self.disabled[rule]
        if _EVERY_RULE in self.disabled and rule not in self.reenabled:
            return self.disabled[_EVERY_RULE]
        return None


@dataclass
class _Plan:
    """Ranges as states keyed by where they begin, and next-line suppressions by the line they cover."""

    offsets: list[int] = field(default_factory=list)
    states: list[_State] = field(default_factory=list)
    lines: list[tuple[int, int, list[_Suppression]]] = field(default_factory=list)
    suppressions: list[_Suppression] = field(default_factory=list)

    def covering(self, finding: Finding) -> _Suppression | None:
        for start, end, suppressions in self.lines:  # the most specific first
            if start <= finding.start <= end:
                for suppression in suppressions:
                    if suppression.rule in (_EVERY_RULE, finding.rule):
                        return suppression
        index = bisect.bisect_right(self.offsets, finding.start) - 1
        return self.states[index].covering(finding.rule) if index >= 0 else None


def apply_suppressions(
    document: Document,
    findings: list[Finding],
    *,
    ran: frozenset[str],
    settings: Settings,
    message_lang: str,
) -> list[Finding]:
    """`findings` (offsets in the text as read) less the suppressed ones, plus an
    unused-suppression finding for each suppression of a rule in `ran` that dropped nothing."""
    if not document.directives:
        return findings
    plan = _plan(document)
    kept = []
    for finding in findings:
        suppression = plan.covering(finding)
        if suppression is None:
            kept.append(finding)
        else:
            suppression.used = True
    if UNUSED_SUPPRESSION in ran:
        for suppression in plan.suppressions:
            if suppression.used or suppression.rule == UNUSED_SUPPRESSION or suppression.rule not in (
                    _EVERY_RULE, *ran):
                continue
            unused = _unused(suppression, settings, message_lang)
            # Only an explicit `disable unused-suppression` silences these: a blanket disable that
            # suppressed nothing must not hide its own report.
            silencer = plan.covering(unused)
            if silencer is not None and silencer.rule == UNUSED_SUPPRESSION:
                silencer.used = True
            else:
                kept.append(unused)
    kept.sort(key=lambda finding: (finding.start, finding.end, finding.rule))
    return kept


def _plan(document: Document) -> _Plan:
    plan = _Plan()
    state = _State()
    for directive in document.directives:
        if not directive.known:
            continue  # reported by the unused-suppression rule itself
        if directive.kind in (DISABLE_NEXT_LINE, DISABLE_LINE):
            line = next_text_line(document.text, directive.end) if directive.kind == DISABLE_NEXT_LINE else \
                own_line(document.text, directive.start, directive.end)
            suppressions = _suppressions(document, directive)
            plan.suppressions += suppressions
            if line is not None:
                start, end = document.to_source(*line)
                plan.lines.append((start, end, suppressions))
            continue
        disabled = dict(state.disabled)
        reenabled = set(state.reenabled)
        if directive.kind == DISABLE:
            for suppression in _suppressions(document, directive):
                plan.suppressions.append(suppression)
                if suppression.rule not in disabled:  # a repeated disable stays unused: it is redundant
                    disabled[suppression.rule] = suppression
                    if suppression.rule is _EVERY_RULE:
                        reenabled.clear()
                    else:
                        reenabled.discard(suppression.rule)
        elif directive.kind == ENABLE and directive.blanket:
            disabled.clear()
            reenabled.clear()
        elif directive.kind == ENABLE:
            for name in directive.rules:
                disabled.pop(name.name, None)
                if _EVERY_RULE in disabled:
                    reenabled.add(name.name)
        state = _State(disabled, frozenset(reenabled))
        plan.offsets.append(document.to_source(directive.end, directive.end)[0])
        plan.states.append(state)
    return plan


def _suppressions(document: Document, directive: Directive) -> list[_Suppression]:
    if directive.blanket:
        return [_Suppression(_EVERY_RULE, *document.to_source(directive.start, directive.end))]
    known = catalog()
    return [_Suppression(name.name, *document.to_source(name.start, name.end))
            for name in directive.rules if name.name in known]


def _unused(suppression: _Suppression, settings: Settings, message_lang: str) -> Finding:
    spec = catalog()[UNUSED_SUPPRESSION]
    key, params = ("all", {}) if suppression.rule is None else ("default", {"rule": suppression.rule})
    return Finding(UNUSED_SUPPRESSION, settings.severity(UNUSED_SUPPRESSION),
                   spec.message(key, message_lang, params), suppression.start, suppression.end)
