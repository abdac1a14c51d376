"""Small helpers the tests share: lint a text and look at what one rule found."""

from __future__ import annotations

from pathlib import Path

from replylint import lint

DATA = Path(__file__).parent / "data"


def excerpts(text: str, rule: str, **options: object) -> list[str]:
    """The text each finding of `rule` points at."""
    return [text[finding.start : finding.end] for finding in lint(text, **options) if finding.rule == rule]


def rules(text: str, **options: object) -> set[str]:
    return {finding.rule for finding in lint(text, **options)}
