"""Runs the rules over one draft and turns their hits into findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from replylint.document.model import Document, build_document
from replylint.engine.catalog import catalog
from replylint.engine.context import Context
from replylint.engine.finding import Finding, Fix
from replylint.engine.registry import implementations
from replylint.engine.settings import Settings
from replylint.mechanisms.phrases import closing_phrases
from replylint.sources.draft import Draft


@dataclass
class DraftResult:
    draft: Draft
    language: str
    findings: list[Finding] = field(default_factory=list)


def analyse(text: str, lang: str = "auto") -> Document:
    return build_document(text, lang=lang, closing_phrases=closing_phrases())


def lint_document(document: Document, context: Context) -> list[Finding]:
    settings = context.settings
    message_lang = settings.message_lang if settings.message_lang != "auto" else document.language
    specs = catalog()
    findings: list[Finding] = []
    for rule_id, function in implementations().items():
        spec = specs[rule_id]
        if not settings.enabled(rule_id) or document.language not in spec.languages:
            continue
        if spec.first_contact_only and not context.first_contact:
            continue
        context.rule_id = rule_id
        configured = settings.severity(rule_id)
        for hit in function(document, context):
            start, end = document.to_source(hit.start, hit.end)
            fix = None
            if hit.fix is not None:
                fix_start, fix_end = document.to_source(hit.fix.start, hit.fix.end)
                fix = Fix(fix_start, fix_end, hit.fix.replacement, hit.fix.safe)
            findings.append(Finding(
                rule=rule_id,
                severity=min(configured, hit.severity) if hit.severity else configured,
                message=spec.message(hit.message, message_lang, hit.params),
                start=start,
                end=end,
                suggestion=hit.suggestion,
                fix=fix,
            ))
    findings.sort(key=lambda finding: (finding.start, finding.end, finding.rule))
    return findings


def lint_draft(
    draft: Draft,
    settings: Settings,
    *,
    first_contact: bool = True,
    lang: str = "auto",
    send_at: datetime | None = None,
) -> DraftResult:
    """Options the draft itself carries (a collection item's first_contact, lang) win over the
    command line's, which are the defaults for a whole run."""
    options = draft.options
    document = analyse(draft.text, options.get("lang") or lang)
    client = analyse(draft.client) if draft.client else None
    context = Context(
        settings=settings,
        first_contact=bool(options.get("first_contact", first_contact)),
        client=client,
        channel=options.get("channel"),
        send_at=send_at,
    )
    findings = lint_document(document, context)
    ignored = set(options.get("ignore") or ())
    if ignored:
        findings = [finding for finding in findings if finding.rule not in ignored]
    return DraftResult(draft, document.language, findings)
