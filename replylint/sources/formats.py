"""The single entry point from a file to its drafts, chosen by the file's extension."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable

from replylint.sources.draft import Draft, LineMap

Parser = Callable[[str, str], list[Draft]]


def parse_text(path: str, text: str) -> list[Draft]:
    return [Draft(path=path, text=text, line_map=LineMap(text))]


# Parsers by extension, as "module:function" so that checking one .txt draft imports no YAML,
# e-mail or HTML machinery (start-up time is a feature for a linter run on every draft).
_PARSERS: dict[str, str] = {
    ".md": "markdown:parse_markdown",
    ".markdown": "markdown:parse_markdown",
    ".html": "html:parse_html",
    ".htm": "html:parse_html",
    ".eml": "eml:parse_eml",
    ".yaml": "yaml_source:parse_yaml",
    ".yml": "yaml_source:parse_yaml",
    ".json": "json_source:parse_json",
    ".jsonl": "json_source:parse_jsonl",
    ".csv": "csv_source:parse_csv",
}

SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(sorted(suffix[1:] for suffix in (*_PARSERS, ".txt")))


def _parser(suffix: str) -> Parser:
    target = _PARSERS.get(suffix)
    if target is None:
        return parse_text
    module, function = target.split(":")
    parser: Parser = getattr(importlib.import_module(f"replylint.sources.{module}"), function)
    return parser


def parse_file(path: str, text: str) -> list[Draft]:
    """The drafts in one decoded file. Raises SourceError for malformed YAML/JSON/CSV/front matter.

    A file of any other extension (it can only get here by being named explicitly, or through a
    custom include glob) is read as plain text.
    """
    suffix = os.path.splitext(path)[1].lower()
    return _parser(suffix)(path, text)
