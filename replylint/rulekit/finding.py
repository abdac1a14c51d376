"""A finding: one place in one draft where one rule fired."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `severity >= threshold` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return _LABELS[self]  # an enum's .name is a descriptor call: a report asks twice a finding

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


_LABELS = {severity: severity.name.lower() for severity in Severity}


@dataclass(frozen=True)
class Fix:
    """Replace text[start:end] with `replacement`. `safe` fixes never change meaning."""

    start: int
    end: int
    replacement: str
    safe: bool = True


@dataclass(frozen=True)
class Finding:
    """Offsets index the item's text as read (after decoding), end exclusive."""

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    suggestion: str | None = None
    fix: Fix | None = None
    data: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)
