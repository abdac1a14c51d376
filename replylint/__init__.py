"""replylint: a linter for draft customer-support replies in Russian and Ukrainian.

    >>> from replylint import lint
    >>> [finding.rule for finding in lint("Привет! Вот твой заказ")]
    ['informal-greeting', 'farewell', 'ty-form']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from replylint.rulekit.finding import Finding

__all__ = ["lint"]


def lint(
    text: str,
    client: str | None = None,
    first_contact: bool = True,
    lang: str = "auto",
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    send_at: datetime | str | None = None,
) -> list[Finding]:
    """Lint one draft and return its findings, ordered by position.

    `text` is the draft, `client` the client's message it answers (optional), `lang` is "auto",
    "ru" or "uk". `send_at` is when the reply goes out (a datetime, or "23:30", "Sat 10:30", an ISO
    date-time), for the send-time rule. Offsets in each finding index `text`.
    """
    from replylint.engine.runner import lint_draft
    from replylint.engine.settings import Settings
    from replylint.sources.draft import Draft

    settings = Settings(select=frozenset(select) if select else None, ignore=frozenset(ignore or ()),
                        first_contact=first_contact, lang=lang)
    draft = Draft("<text>", text, client=client)
    if isinstance(send_at, str):
        from replylint.send_at import parse_send_at

        send_at = parse_send_at(send_at)
    return lint_draft(draft, settings, send_at=send_at).findings
