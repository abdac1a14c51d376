"""Every rule: each module of replylint.checks imported once, so that their `@rule` decorators run."""

from __future__ import annotations

import importlib
import pkgutil

import replylint.checks as checks
from replylint.rulekit.catalog import CatalogError, catalog
from replylint.rulekit.registry import Rule, registered

_DISCOVERED: list[bool] = []  # a list so the module-level flag can be set without `global`


def implementations() -> dict[str, Rule]:
    """Rule id -> its registered rule, every module of replylint.checks imported."""
    if not _DISCOVERED:
        # A module imported on its own (a test, a plugin) must not stop the others from loading.
        for module in pkgutil.iter_modules(checks.__path__):
            importlib.import_module(f"{checks.__name__}.{module.name}")
        _check(registered())
        _DISCOVERED.append(True)
    return registered()


def _check(rules: dict[str, Rule]) -> None:
    """The catalog and the code agree: every entry has its rule, in the module the entry names, reading
    exactly the options the entry gives defaults for; a rule reads only rules that exist."""
    specs = catalog()
    problems = [f"rules/catalog/{rule_id}.toml has no @rule in replylint/checks" for rule_id in specs
                if rule_id not in rules]
    for rule_id, rule in rules.items():
        spec = specs.get(rule_id)
        if spec is None:
            problems.append(f"@rule({rule_id!r}) in {rule.check.__module__} has no rules/catalog/{rule_id}.toml")
            continue
        if rule.check.__module__ != f"{checks.__name__}.{spec.module}":
            problems.append(f"{rule_id}: its code is in {rule.check.__module__}, "
                            f"its catalog entry says {spec.code_path}")
        fields = set(rule.options._fields)
        defaults = {name.replace("-", "_") for name in spec.options}
        if fields != defaults:
            problems.append(f"{rule_id}: the code reads options {sorted(fields)}, the catalog's [options] gives "
                            f"defaults for {sorted(defaults)} (defaults live in the catalog only)")
        problems += [f"{rule_id} reads {other!r}, which is no rule" for other in rule.reads if other not in specs]
    if problems:
        raise CatalogError("; ".join(problems))
