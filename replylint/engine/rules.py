"""Every rule: each module of replylint.checks imported once, so that their `@rule` decorators run."""

from __future__ import annotations

import importlib
import pkgutil

import replylint.checks as checks
from replylint.rulekit.registry import Rule, registered

_DISCOVERED: list[bool] = []  # a list so the module-level flag can be set without `global`


def implementations() -> dict[str, Rule]:
    """Rule id -> its registered rule, every module of replylint.checks imported."""
    if not _DISCOVERED:
        # A module imported on its own (a test, a plugin) must not stop the others from loading.
        for module in pkgutil.iter_modules(checks.__path__):
            importlib.import_module(f"{checks.__name__}.{module.name}")
        _DISCOVERED.append(True)
    return registered()
