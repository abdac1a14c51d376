"""Runs the rules over one draft and turns their hits into findings."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from replylint.document.model import Document, build_document
from replylint.document.placeholders import DEFAULT_ATOMS
from replylint.engine.rules import implementations
from replylint.engine.settings import Settings
from replylint.mechanisms.phrases import closing_phrases
from replylint.rulekit.catalog import RuleSpec, catalog
from replylint.rulekit.context import Analysis, Context
from replylint.rulekit.finding import Finding, Fix, Severity
from replylint.rulekit.options import NoOptions
from replylint.rulekit.registry import Hit, Rule
from replylint.sources.draft import Draft

if TYPE_CHECKING:
    from replylint.engine.grammar_stage import GrammarStage
    from replylint.integrations.languagetool import GrammarMatch


@dataclass
class DraftResult:
    """One draft's findings, and the language it was read in."""

    draft: Draft
    language: str
    findings: list[Finding] = field(default_factory=list)


def analyse(text: str, lang: str = "auto", atoms: re.Pattern[str] = DEFAULT_ATOMS) -> Document:
    """`atoms`: the placeholder/link regex (Settings.atoms adds the config's `placeholders`)."""
    return build_document(text, lang=lang, closing_phrases=closing_phrases(), atoms=atoms)


def rule_context(document: Document, settings: Settings, *, client: Document | None = None,
                 send_at: datetime | None = None, grammar: tuple[GrammarMatch, ...] | None = None
                 ) -> Context[NoOptions]:
    """The context the rules see for `document`; each rule gets a copy carrying its own options."""
    return Context(analysis=Analysis(document, client), options=NoOptions(), first_contact=settings.first_contact,
                   channel=settings.channel, send_at=send_at, grammar=grammar, lexicons=settings.lexicons,
                   accepted=settings.accepted(document.language))


class _Step(NamedTuple):
    """One rule as it runs on the drafts of one language under one Settings: worked out once."""

    rule: Rule
    spec: RuleSpec
    options: object | None  # None: the rule takes none, and shares the draft's base context
    severity: Severity
    kept: bool  # another rule reads its hits


def _steps(settings: Settings, language: str) -> tuple[_Step, ...]:
    """The rules that run on a draft in `language`, those that read others' hits last (the order of
    findings does not depend on it). Kept in `settings.memo`: a library run asks this per draft."""
    key = ("steps", language, settings.first_contact)
    steps: tuple[_Step, ...] | None = settings.memo.get(key)
    if steps is None:
        specs, rules = catalog(), implementations()
        read = {rule_id for rule in rules.values() for rule_id in rule.reads}
        steps = settings.memo[key] = tuple(
            _Step(rule, specs[rule.id], None if rule.options is NoOptions else settings.rule_options[rule.id],
                  settings.severity(rule.id), rule.id in read)
            for rule in sorted(rules.values(), key=lambda rule: bool(rule.reads))
            if _applies(specs[rule.id], language, settings))
    return steps


def lint_document(document: Document, settings: Settings, *, client: Document | None = None,
                  send_at: datetime | None = None, grammar: tuple[GrammarMatch, ...] | None = None) -> list[Finding]:
    message_lang = _message_lang(settings, document)
    base = rule_context(document, settings, client=client, send_at=send_at, grammar=grammar)
    earlier: dict[str, tuple[Hit, ...]] = {}
    findings: list[Finding] = []
    for step in _steps(settings, document.language):
        rule = step.rule
        context: Context[Any] = base  # most rules take no options and read no other rule's hits
        if step.options is not None or rule.reads:
            context = base.evolve(options=base.options if step.options is None else step.options,
                                  earlier={rule_id: earlier[rule_id] for rule_id in rule.reads if rule_id in earlier})
        hits = tuple(rule.check(document, context))
        if step.kept:
            earlier[rule.id] = hits
        for hit in hits:
            findings.append(_finding(step, hit, document, message_lang))
    findings.sort(key=lambda finding: (finding.start, finding.end, finding.rule))
    return _one_rule_per_word(findings, catalog())


def _finding(step: _Step, hit: Hit, document: Document, message_lang: str) -> Finding:
    start, end = document.to_source(hit.start, hit.end)
    fix = None
    if hit.fix is not None:
        fix_start, fix_end = document.to_source(hit.fix.start, hit.fix.end)
        fix = Fix(fix_start, fix_end, hit.fix.replacement, hit.fix.safe)
    return Finding(
        rule=step.rule.id,
        severity=min(step.severity, hit.severity) if hit.severity else step.severity,
        message=step.spec.message(hit.message, message_lang, hit.params, document.language),
        start=start,
        end=end,
        suggestion=hit.suggestion,
        fix=fix,
        data={key: str(value) for key, value in hit.params.items()},  # for tools: what the message says
    )


def _one_rule_per_word(findings: list[Finding], specs: dict[str, RuleSpec]) -> list[Finding]:
    """A word is reported once, by the rule that explains it best: a rule that only guesses
    (`yields_to_lexicons`) gives way where a lexicon rule's finding covers the same text."""
    known = sorted((finding.start, finding.end) for finding in findings if specs[finding.rule].lexicon is not None)
    if not known:
        return findings
    # A span is covered when some lexicon finding starting at or before it ends at or after it: the
    # furthest end among those starting up to there says so (a bisect, not a scan: linear cost).
    starts = [start for start, _ in known]
    furthest = list(itertools.accumulate((end for _, end in known), max))

    def covered(finding: Finding) -> bool:
        at = bisect.bisect_right(starts, finding.start)
        return at > 0 and furthest[at - 1] >= finding.end

    return [finding for finding in findings if not (specs[finding.rule].yields_to_lexicons and covered(finding))]


def lint_draft(draft: Draft, settings: Settings, *, send_at: datetime | None = None,
               grammar: GrammarStage | None = None) -> DraftResult:
    """Options the draft itself carries (a collection item's first_contact, lang, channel, ignore)
    win over `settings`, which are the defaults for its file (`Settings.for_item`)."""
    settings = settings.for_item(draft.options)
    document = analyse(draft.text, settings.lang, settings.atoms)
    client = analyse(draft.client, atoms=settings.atoms) if draft.client else None
    findings = lint_document(document, settings, client=client, send_at=send_at,
                             grammar=grammar.check(document) if grammar is not None else None)  # the one network call
    hidden = settings.hidden
    if hidden:
        findings = [finding for finding in findings if finding.rule not in hidden]
    if document.directives:
        from replylint.engine.suppression import apply_suppressions

        ran = frozenset(step.rule.id for step in _steps(settings, document.language) if step.rule.id not in hidden)
        findings = apply_suppressions(document, findings, ran=ran, settings=settings,
                                      message_lang=_message_lang(settings, document))
    return DraftResult(draft, document.language, drop_superseded(findings))


def drop_superseded(findings: list[Finding]) -> list[Finding]:
    """`findings` less those another finding makes redundant (the catalog's `supersedes`): a
    superseded rule's findings on a span that meets the superseding one's. Applied after the
    suppressions, so a greeting-only finding the draft suppresses hides nothing."""
    specs = catalog()
    winners = [finding for finding in findings if specs[finding.rule].supersedes]
    if not winners:
        return findings
    return [finding for finding in findings
            if not any(finding.rule in specs[winner.rule].supersedes and _meet(winner, finding) for winner in winners)]


def _meet(first: Finding, second: Finding) -> bool:
    return first.start == second.start or (first.start < second.end and second.start < first.end)


def _applies(spec: RuleSpec, language: str, settings: Settings) -> bool:
    """Whether a rule runs on a draft in `language` at all: enabled, for its language, for this contact."""
    if not settings.enabled(spec.id) or language not in spec.languages:
        return False
    return settings.first_contact or not spec.first_contact_only


def _message_lang(settings: Settings, document: Document) -> str:
    return settings.message_lang if settings.message_lang != "auto" else document.language
