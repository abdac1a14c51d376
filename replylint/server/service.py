"""One check request → the JSON document `replylint check - --format json` prints for that draft.

No web framework here: `app` (HTTP) calls it, and tests can. The request is validated field by
field, each problem a `RequestError` with one line of text (the HTTP layer answers 4xx with it);
the draft is linted exactly as `check` lints a draft read from standard input — the config of the
folder the server was started in (or `--config`), the command line's per-request options on top —
and serialised by the JSON reporter itself, so both always say the same.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from replylint.config import CliOverrides, ConfigError, ConfigResolver
from replylint.document.language import LANG_CHOICES, MESSAGE_LANG_CHOICES
from replylint.engine.grammar_stage import DEFAULT_TIMEOUT, GrammarStage, grammar_stage
from replylint.engine.parallel import lint_one, warm_up
from replylint.engine.settings import Settings, SettingsError
from replylint.reporters.json import json_document
from replylint.sources.draft import Draft, LineMap

STDIN_NAME = "<stdin>"  # the path `check -` reports (and a stdin path for the config lookup)

GRAMMAR_RETRY_SECONDS = 60.0
FIELDS = ("text", "client", "first_contact", "lang", "select", "ignore", "send_at", "message_lang")


class RequestError(ValueError):
    """A request the user (or their integration) can fix: `status` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class CheckRequest:
    """What `POST /v1/check` may say; None is "not given" (the config decides, as in `check`)."""

    text: str
    client: str | None = None
    first_contact: bool | None = None
    lang: str | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    send_at: datetime | None = None
    message_lang: str | None = None


def parse_request(payload: Any) -> CheckRequest:
    """The request body (already JSON-decoded) as a CheckRequest; RequestError names the bad field.
    Unknown keys are refused: a misspelt "frist_contact" must not silently do nothing."""
    if not isinstance(payload, dict):
        raise RequestError("the body must be a JSON object like {\"text\": \"…\"}")
    unknown = sorted(set(payload) - set(FIELDS))
    if unknown:
        raise RequestError(f"unknown field {unknown[0]!r} (allowed: {', '.join(FIELDS)})")
    text = payload.get("text")
    if not isinstance(text, str):
        raise RequestError("\"text\" (the draft) is required and must be a string")
    client = _optional(payload, "client", str)
    return CheckRequest(
        text=text,
        client=client if client is not None and client.strip() else None,  # an empty box is no message
        first_contact=_optional(payload, "first_contact", bool),
        lang=_choice(payload, "lang", LANG_CHOICES),
        select=_rules(payload, "select"),
        ignore=_rules(payload, "ignore"),
        send_at=_when(_optional(payload, "send_at", str)),
        message_lang=_choice(payload, "message_lang", MESSAGE_LANG_CHOICES),
    )


class CheckService:
    """Settings, dictionaries and the LanguageTool client loaded once, then one lint per request.

    Requests are linted one at a time (a lock): linting is CPU-bound under the GIL, so running two
    at once would not be faster, and the engine's caches are then never filled by two threads."""

    def __init__(self, *, config_file: str | None = None, isolated: bool = False,
                 languagetool: str | None = None, languagetool_timeout: float = DEFAULT_TIMEOUT,
                 cache_dir: str | None = None) -> None:
        self.config_file = config_file
        self.isolated = isolated
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        if languagetool and cache_dir is None:
            # check caches LanguageTool's answers under ~/.cache; a server answering every keystroke
            # would fill it with what agents typed. Without --cache-dir: a cache in memory (/dev/shm
            # where there is one), removed when the server stops.
            self._scratch = tempfile.TemporaryDirectory(prefix="replylint-lt-", dir=_memory_dir())
            cache_dir = self._scratch.name
        self.grammar: GrammarStage | None = grammar_stage(languagetool, cache_dir, languagetool_timeout)
        self._grammar_failed_at: float | None = None
        self._lock = threading.Lock()
        self.settings_for(CheckRequest(text=""))  # a bad config fails now, at start, not per request

    def warm_up(self) -> None:
        """Load every lexicon and both dictionaries now, so the first request is as fast as the rest."""
        warm_up(self.settings_for(CheckRequest(text="")))

    def settings_for(self, request: CheckRequest) -> Settings:
        """A fresh resolver per request (cheap: config files are cached while unchanged), so an
        edited .replylint.toml applies to the next request without a restart."""
        resolver = ConfigResolver(CliOverrides(
            select=request.select, ignore=request.ignore, first_contact=request.first_contact,
            lang=request.lang, message_lang=request.message_lang, config_file=self.config_file,
            isolated=self.isolated,
        ))
        return resolver.settings_for(STDIN_NAME)

    def check(self, request: CheckRequest) -> dict[str, Any]:
        """The `--format json` document for one draft (a SettingsError is the request's fault)."""
        try:
            settings = self.settings_for(request)
        except ConfigError as error:  # the served folder's config broke while serving: not the request's fault
            raise RequestError(f"the server's config: {error}", 500) from None
        except SettingsError as error:
            raise RequestError(str(error)) from None
        draft = Draft(STDIN_NAME, request.text, client=request.client, line_map=LineMap(request.text))
        with self._lock:
            self._retry_grammar()
            result = lint_one(draft, settings, grammar=self.grammar, send_at=request.send_at)
        return json_document([result])

    def _retry_grammar(self) -> None:
        """`check` gives up on LanguageTool for the rest of its run after one failure (one warning);
        a server runs for days, so it asks again GRAMMAR_RETRY_SECONDS after a failure."""
        if self.grammar is None or not self.grammar.failed:
            self._grammar_failed_at = None
            return
        now = time.monotonic()
        if self._grammar_failed_at is None:
            self._grammar_failed_at = now
        elif now - self._grammar_failed_at >= GRAMMAR_RETRY_SECONDS:
            self.grammar.failed, self._grammar_failed_at = False, None

    def close(self) -> None:
        if self.grammar is not None:
            self.grammar.close()
        if self._scratch is not None:
            self._scratch.cleanup()


def _memory_dir() -> str | None:
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None



def _optional(payload: Mapping[str, Any], key: str, kind: type) -> Any:
    value = payload.get(key)
    if value is not None and (not isinstance(value, kind) or (kind is not bool and isinstance(value, bool))):
        raise RequestError(f"\"{key}\" must be {_KIND_NAMES[kind]}, got {type(value).__name__}")
    return value


_KIND_NAMES: dict[type, str] = {str: "a string", bool: "true or false", list: "a list"}


def _choice(payload: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> str | None:
    value: str | None = _optional(payload, key, str)
    if value is not None and value not in allowed:
        raise RequestError(f"\"{key}\" must be one of {', '.join(allowed)}, got {value!r}")
    return value


def _when(value: str | None) -> datetime | None:
    """`send_at` as --send-at reads it; what it cannot read names the field."""
    from replylint.send_at import SendTimeError, parse_send_at

    try:
        return None if value is None else parse_send_at(value)
    except SendTimeError as error:
        raise RequestError(f"\"send_at\": {error}") from None


def _rules(payload: Mapping[str, Any], key: str) -> frozenset[str] | None:
    """Rule ids as a list (["caps", "emoji"]) or as on the command line ("caps,emoji")."""
    from replylint.engine.settings import parse_rule_list

    value = payload.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return parse_rule_list(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return frozenset(item.strip() for item in value if item.strip())
    raise RequestError(f"\"{key}\" must be a list of rule ids or a comma-separated string")
