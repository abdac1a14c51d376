"""Turning parsed collection entries and export rows into Drafts, whatever format they came from.

YAML, JSON, JSONL, CSV and Markdown front matter are all read into `Node` trees first, so the rules
for ids, text fields and per-item options live here once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from replylint.document.language import LANG_CHOICES
from replylint.sources.draft import Draft
from replylint.sources.errors import SourceError
from replylint.sources.located import Located

ID_KEYS = ("id", "name")
ITEM_TEXT_KEYS = ("text", "body")
# Conversation exports call the reply and the client's message differently; items may use them too.
ROW_TEXT_KEYS = ("reply", "answer", *ITEM_TEXT_KEYS)
CLIENT_KEYS = ("client", "question")
COLLECTION_KEYS = ("templates", "items", "macros")

_ITEM_LANGS = LANG_CHOICES
_TRUE = frozenset({"true", "yes", "y", "1", "on", "да", "так"})
_FALSE = frozenset({"false", "no", "n", "0", "off", "", "нет", "ні"})


@dataclass
class Node:
    """A parsed value and the 1-based line it starts on.

    `value` is a scalar, a list of Nodes or a dict of str -> Node. String scalars also carry
    `located`, which builds their text with the file offset of every character (lazily: YAML
    scalars are only mapped when they turn out to be a reply's text).
    """

    value: Any
    line: int
    located: Callable[[], Located] | None = None

    def plain(self) -> Any:
        if isinstance(self.value, list):
            return [child.plain() for child in self.value]
        if isinstance(self.value, dict):
            return {key: child.plain() for key, child in self.value.items()}
        return self.value


@dataclass
class Meta:
    """What an item says about itself besides its text."""

    item: str | None
    client: str | None
    options: dict[str, Any]


def read_meta(path: str, fields: Mapping[str, Node], *, default_item: str | None) -> Meta:
    node = _first(fields, ID_KEYS)
    item = default_item if node is None or node.value is None else _scalar_text(path, node, "id")
    client_node = _first(fields, CLIENT_KEYS)
    client = None if client_node is None else _scalar_text(path, client_node, "client")
    options: dict[str, Any] = {}
    if (node := fields.get("first_contact")) is not None:
        options["first_contact"] = _as_bool(path, node)
    for key in ("channel", "lang"):
        if (node := fields.get(key)) is not None and node.value is not None:
            options[key] = _scalar_text(path, node, key).strip()
    if options.get("lang") and options["lang"] not in _ITEM_LANGS:  # as `--lang klingon` is refused
        raise SourceError(path, f"'lang' must be one of {', '.join(_ITEM_LANGS)}, got {options['lang']!r}",
                          fields["lang"].line)
    if (node := fields.get("ignore")) is not None:
        options["ignore"] = _as_rule_list(path, node)
    return Meta(item, client or None, options)


def collection_drafts(path: str, file_text: str, root: Node | None) -> list[Draft]:
    """A YAML/JSON library: a list of items, a mapping of id -> item (or text), or either of those
    under a top-level `templates`/`items`/`macros` key. Entries that are not templates (counts,
    flags, paging links) are skipped, but a collection with entries and no text at all is an error."""
    if root is None:
        return []
    entries = _entries(path, root)
    drafts: list[Draft] = []
    for index, (key, node) in enumerate(entries, 1):
        if isinstance(node.value, str) and key is not None and node.located is not None:
            drafts.append(node.located().draft(path, file_text, item=key))
        elif isinstance(node.value, dict):
            draft = record_draft(
                path, file_text, node.value, default_item=key or f"item {index}", text_keys=ITEM_TEXT_KEYS
            )
            if draft is not None:
                drafts.append(draft)
    if entries and not drafts:
        raise SourceError(path, "no templates found (expected items with a 'text' or 'body')", entries[0][1].line)
    return drafts


def row_drafts(path: str, file_text: str, rows: Sequence[tuple[int, Mapping[str, Node]]]) -> list[Draft]:
    """Conversation-export rows as (line, fields); `item` is the row's id or `row N` (N counts data
    rows from 1). Rows with an empty reply (unanswered tickets) are skipped."""
    if rows and not any(key in fields for _, fields in rows for key in ROW_TEXT_KEYS):
        raise SourceError(path, "no 'reply' or 'answer' field in any record", rows[0][0])
    drafts: list[Draft] = []
    for number, (_, fields) in enumerate(rows, 1):
        draft = record_draft(path, file_text, fields, default_item=f"row {number}", text_keys=ROW_TEXT_KEYS)
        if draft is not None and draft.text.strip():
            drafts.append(draft)
    return drafts


def record_draft(
    path: str, file_text: str, fields: Mapping[str, Node], *, default_item: str, text_keys: tuple[str, ...]
) -> Draft | None:
    """The Draft for one item/row, or None when it has no text field."""
    key = next((key for key in text_keys if key in fields), None)
    if key is None:
        return None
    node = fields[key]
    if node.located is not None:
        located = node.located()
    elif node.value is None:
        located = Located()
    else:
        raise SourceError(path, f"'{key}' must be a string", node.line)
    meta = read_meta(path, fields, default_item=default_item)
    return located.draft(path, file_text, item=meta.item, client=meta.client, options=meta.options)


def _entries(path: str, root: Node) -> list[tuple[str | None, Node]]:
    node = root
    if isinstance(root.value, dict):
        text = _first(root.value, ITEM_TEXT_KEYS)
        if text is not None and not isinstance(text.value, list | dict):
            return [(None, root)]  # the whole file is one item
        under_key = [root.value[key] for key in COLLECTION_KEYS if key in root.value]
        node = next((child for child in under_key if isinstance(child.value, list | dict)), root)
    if isinstance(node.value, list):
        return [(None, child) for child in node.value]
    if isinstance(node.value, dict):
        return list(node.value.items())
    raise SourceError(path, "expected a list or a mapping of templates", root.line)


def _first(fields: Mapping[str, Node], keys: tuple[str, ...]) -> Node | None:
    return next((fields[key] for key in keys if key in fields), None)


def _scalar_text(path: str, node: Node, what: str) -> str:
    if isinstance(node.value, list | dict):
        raise SourceError(path, f"'{what}' must be a single value", node.line)
    if node.value is None:
        return ""
    if isinstance(node.value, bool):
        return str(node.value).lower()
    return str(node.value)


def _as_bool(path: str, node: Node) -> bool:
    value = node.value
    if isinstance(value, bool):
        return value
    if isinstance(value, int | str | None):
        word = "" if value is None else str(value).strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
    raise SourceError(path, f"'first_contact' must be true or false, got {node.plain()!r}", node.line)


def _as_rule_list(path: str, node: Node) -> list[str]:
    """A list of rule ids, or one string of ids separated by commas or spaces (CSV cells)."""
    value = node.plain()
    if value is None:
        return []
    if isinstance(value, str):
        return [rule for rule in re.split(r"[\s,;]+", value) if rule]
    if isinstance(value, list) and all(isinstance(rule, str | int) for rule in value):
        return [str(rule).strip() for rule in value if str(rule).strip()]
    raise SourceError(path, "'ignore' must be a list of rule ids", node.line)
