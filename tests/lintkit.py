"""Small helpers the tests share: lint a text and look at what one rule found."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from replylint import lint

DATA = Path(__file__).parent / "data"


def excerpts(text: str, rule: str, **options: object) -> list[str]:
    """The text each finding of `rule` points at."""
    return [text[finding.start : finding.end] for finding in lint(text, **options) if finding.rule == rule]


def rules(text: str, **options: object) -> set[str]:
    return {finding.rule for finding in lint(text, **options)}


def load_bench(name: str) -> ModuleType:
    """A script of bench/ as a module, so a test runs the very measurement the script prints."""
    path = Path(__file__).resolve().parent.parent / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
