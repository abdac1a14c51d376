"""Markdown templates: an optional YAML front matter block with the item's settings, then the body.

The body is linted as written (markup included: the rules treat it as text, and HTML comments
such as `<!-- replylint-disable caps -->` must reach the engine), so it maps one to one.
"""

from __future__ import annotations

import re

from replylint.sources.draft import Draft
from replylint.sources.errors import SourceError
from replylint.sources.located import verbatim
from replylint.sources.records import read_meta
from replylint.sources.yaml_source import compose_tree

_OPENING = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


def parse_markdown(path: str, text: str) -> list[Draft]:
    opening = _OPENING.match(text)
    closing = _CLOSING.search(text, opening.end()) if opening else None
    if opening is None or closing is None:  # no front matter (a lone `---` is a thematic break)
        return [verbatim(text).draft(path, text)]
    # The opening `---` is also YAML's document marker, so the front matter composes in place and
    # its line numbers are the file's.
    front = compose_tree(path, text[: closing.start()])
    if front is not None and not isinstance(front.value, dict):
        raise SourceError(path, "front matter must be a mapping of settings", front.line)
    meta = read_meta(path, front.value if front else {}, default_item=None)
    body = verbatim(text, closing.end())
    return [body.draft(path, text, item=meta.item, client=meta.client, options=meta.options)]
