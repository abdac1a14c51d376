"""How the client writes: a reply may mirror it (000: «можете ослабить вожжи»; 004: «подражайте
стилю собеседника»), so rules of the same kind soften when the client's own message does it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from replylint.document.tokens import EMOJI_RUN
from replylint.engine.context import Context

_SMILEY = re.compile(r"(?<![\d\s(])\)+|[:;=]-?[)(DPp]|\(\(+")
_CAPS_WORD = re.compile(r"\b[А-ЯЁІЇЄҐ]{4,}\b")
_ABBREVIATION_SAFE_COUNT = 2  # two shouted words are a style; one may be an unknown abbreviation


@dataclass(frozen=True)
class ClientStyle:
    emoji: bool = False
    caps: bool = False


def client_style(context: Context) -> ClientStyle:
    cached = context.extra.get("client_style")
    if cached is None:
        cached = _read_style(context)
        context.extra["client_style"] = cached
    return cached


def _read_style(context: Context) -> ClientStyle:
    client = context.client
    if client is None:
        return ClientStyle()
    text = client.text[client.body.start : client.body.end]
    return ClientStyle(
        emoji=bool(EMOJI_RUN.search(text) or _SMILEY.search(text)),
        caps=len(_CAPS_WORD.findall(text)) >= _ABBREVIATION_SAFE_COUNT,
    )
