"""LanguageTool engine for the `grammar` rule.

Requests go through language-tool-python. On top of it this module adds what a linter needs:
exact Python offsets, masking of private spans before anything is sent, a disk cache, and one-line
errors within a hard deadline. Not thread-safe: use one client per thread.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import hashlib
import json
import os
import pathlib
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import language_tool_python
import requests
from language_tool_python.match import Match

__all__ = ["GrammarMatch", "LanguageToolClient", "LanguageToolError", "default_cache_dir"]

LANGUAGE_CODES: dict[str, str] = {"ru": "ru-RU", "uk": "uk-UA"}
# An answer bigger than this is not one draft's matches (the real server sends a few KB): refused.
MAX_ANSWER_BYTES = 4 * 1024 * 1024
_READ_CHUNK = 16 * 1024
LOCAL = "local"
_CACHE_FORMAT = 1  # bump when the cached JSON changes shape; old entries then simply miss


@dataclass(frozen=True)
class GrammarMatch:
    start: int  # Python str offsets into the text given to check(), end exclusive
    end: int
    message: str
    replacements: tuple[str, ...]
    rule_id: str  # LanguageTool's rule id, e.g. "MORFOLOGIK_RULE_RU_RU"
    category: str  # LanguageTool category id, e.g. "TYPOS", "PUNCTUATION", "TYPOGRAPHY"
    issue_type: str  # LanguageTool's issueType, e.g. "misspelling"


class LanguageToolError(Exception):
    """One-line, user-facing reason (server down, timeout, garbage answer)."""


def default_cache_dir() -> pathlib.Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says to ignore an empty or relative XDG_CACHE_HOME.
    root = pathlib.Path(base) if os.path.isabs(base) else pathlib.Path.home() / ".cache"
    return root / "replylint" / "languagetool"


class _Library(language_tool_python.LanguageTool):
    """language-tool-python with one deadline per check, no retry, and the raw answer kept.

    Overrides private hooks of language-tool-python 3.x (`_query_server`, `_start_server_on_free_port`,
    `_available_ports`); tests/test_languagetool.py exercises them. The HTTP request itself is ours
    (`bounded_request`): a total deadline, not a per-read timeout; at most MAX_ANSWER_BYTES; and no
    redirects, so a 307 cannot re-post the draft to another address.
    """

    def __init__(self, *, timeout: float, **kwargs: Any) -> None:
        self.request_timeout = timeout
        self.last_answer: Any = None
        self.restart_clock()
        super().__init__(**kwargs)

    def restart_clock(self) -> None:
        self.deadline = time.monotonic() + self.request_timeout

    def _query_server(
        self,
        url: str,
        params: dict[str, str] | None = None,
        num_tries: int = 2,
        method: Literal["get", "post"] = "get",
    ) -> Any:
        # The library's fixed 300 s per request, tried twice, would hold the user for ten minutes.
        answer = bounded_request(url, params, method, deadline=self.deadline)
        self.last_answer = copy.deepcopy(answer)  # Match() rewrites the dicts it is given
        return answer

    def _start_server_on_free_port(self) -> None:
        del self._available_ports[3:]  # else it tries ~900 ports, 15 s each, while Java keeps failing
        super()._start_server_on_free_port()
        self.restart_clock()  # Java's start-up is not part of the request timeout


class _Refused(Exception):
    """An answer not read or not used (a redirect, too big, not JSON); `_explain` words it."""


def bounded_request(url: str, params: dict[str, str] | None, method: str, *, deadline: float,
                    max_bytes: int = MAX_ANSWER_BYTES) -> Any:
    """One HTTP request whose answer is JSON, finished by `deadline` (time.monotonic()) or given up.

    Streams the body in small reads, checking the clock and the size after each, so neither an
    endless chunked answer nor one dripping a byte a second can hold the run; redirects are refused.
    """
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("timed out")
    data, query = (params, None) if method == "post" else (None, params)
    response = requests.request(method.upper(), url, data=data, params=query, timeout=remaining,
                                allow_redirects=False, stream=True)
    with response:
        if response.is_redirect or 300 <= response.status_code < 400:
            where = response.headers.get("Location", "?")
            raise _Refused(f"answered with a redirect ({response.status_code} to {_one_line(where, 80)}); "
                                    "not followed: the draft goes only to the URL given")
        chunks: list[bytes] = []
        total = 0
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError("timed out")
            chunk = response.raw.read1(_READ_CHUNK) if hasattr(response.raw, "read1") else response.raw.read(1024)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise _Refused(f"answer larger than {max_bytes // (1024 * 1024)} MiB; not read further")
            chunks.append(chunk)
    body = b"".join(chunks)
    try:
        return json.loads(body)
    except ValueError:
        raise _Refused(f"HTTP {response.status_code}: {_one_line(body.decode('utf-8', 'replace'))}") from None


class LanguageToolClient:
    # Rule ids sent as disabledRules / enabledRules with every check; part of the cache key.
    disabled_rules: ClassVar[frozenset[str]] = frozenset()
    enabled_rules: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, url: str, *, timeout: float = 10.0, cache_dir: pathlib.Path | None = None) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        url = url.strip()
        if not url:
            raise ValueError("empty LanguageTool URL")
        self._local = url == LOCAL
        # The library appends "v2/" to the base itself; accept ".../v2" and ".../v2/" too.
        self._url = LOCAL if self._local else url.rstrip("/").removesuffix("/v2") + "/"
        self._timeout = timeout
        self._cache_dir = cache_dir if cache_dir is not None else default_cache_dir()
        server_id = hashlib.sha256(self._url.encode()).hexdigest()[:16]
        self._version_path = self._cache_dir / f"server-{server_id}.json"
        self._version: str | None = None  # last software.version this server reported
        self._lib: _Library | None = None  # created on the first cache miss only
        self._lib_code = ""

    def check(self, text: str, lang: str, masked: Sequence[tuple[int, int]] = ()) -> list[GrammarMatch]:
        code = LANGUAGE_CODES.get(lang)
        if code is None:
            raise ValueError(f"unsupported language {lang!r} (expected one of {sorted(LANGUAGE_CODES)})")
        spans = [(max(0, s), min(len(text), e)) for s, e in masked if min(len(text), e) > max(0, s)]
        sent = _mask(text, spans)
        if not sent.strip():
            return []  # nothing left to check: do not contact the server at all
        found = self._cached(sent, code)
        if found is None:
            found = self._ask(sent, code)
        return [m for m in found if not _overlaps(m, spans)]

    def close(self) -> None:
        """Stop the server that "local" started (nothing to do for a remote URL)."""
        if self._lib is not None:
            self._lib.close()
            self._lib = None

    # -- cache ---------------------------------------------------------------------------------

    def _entry_path(self, sent: str, code: str, version: str) -> pathlib.Path:
        rules = [sorted(self.disabled_rules), sorted(self.enabled_rules)]
        blob = json.dumps([_CACHE_FORMAT, sent, code, version, rules], ensure_ascii=False)
        return self._cache_dir / f"{hashlib.sha256(blob.encode()).hexdigest()}.json"

    def _cached(self, sent: str, code: str) -> list[GrammarMatch] | None:
        if self._version is None:
            memo = _read_json(self._version_path)
            version = memo.get("version") if isinstance(memo, dict) else None
            self._version = version if isinstance(version, str) else None
        if self._version is None:
            return None  # never talked to this server: its version, hence the key, is unknown
        return _decode(_read_json(self._entry_path(sent, code, self._version)), len(sent))

    # -- server --------------------------------------------------------------------------------

    def _ask(self, sent: str, code: str) -> list[GrammarMatch]:
        try:
            lib = self._library(code)
            parsed = lib.check(sent)
            version, found = _convert(lib.last_answer, parsed, sent)
        except LanguageToolError:
            raise
        except (Exception, SystemExit) as exc:  # SystemExit: the library exits on odd `java -version`
            raise LanguageToolError(f"{self._where()}: {_explain(exc, self._timeout)}") from exc
        if version != self._version:
            self._version = version
            _write_json(self._version_path, {"version": version})
        _write_json(self._entry_path(sent, code, version), [dataclasses.asdict(m) for m in found])
        return found

    def _library(self, code: str) -> _Library:
        if self._lib is None:
            try:
                self._lib = _Library(
                    timeout=self._timeout, language=code, remote_server=None if self._local else self._url
                )
            except (Exception, SystemExit) as exc:
                if not self._local:
                    raise
                raise LanguageToolError(
                    "could not start a local LanguageTool server (language-tool-python needs Java 17+ "
                    f"and a one-time download of LanguageTool): {_one_line(exc)}"
                ) from exc
        else:
            self._lib.restart_clock()
            if self._lib_code != code:
                self._lib.language = code  # asks the server's language list again
        self._lib_code = code
        # Set on every call: the library's language setter clears both sets.
        self._lib.disabled_rules = set(self.disabled_rules)
        self._lib.enabled_rules = set(self.enabled_rules)
        return self._lib

    def _where(self) -> str:
        return "local LanguageTool server" if self._local else f"LanguageTool server {self._url}"


def _mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Blank out masked spans with spaces, keeping line breaks, so every offset stays put."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def _overlaps(match: GrammarMatch, spans: Sequence[tuple[int, int]]) -> bool:
    end = max(match.end, match.start + 1)  # an empty match (an insertion point) still sits somewhere
    return any(match.start < e and s < end for s, e in spans)


def _utf16_to_py(text: str) -> list[int]:
    """Python offset for every UTF-16 offset 0..len16 (LanguageTool counts Java chars)."""
    table: list[int] = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(i + 1)  # between the two surrogates: round to the next character
    table.append(len(text))
    return table


def _convert(answer: Any, parsed: list[Match], sent: str) -> tuple[str, list[GrammarMatch]]:
    # Offsets come from the raw answer: Match fixes only the start for astral characters, not the
    # length, so a span containing an emoji would end in the wrong place.
    version = str(answer["software"]["version"])
    table = _utf16_to_py(sent)
    found: list[GrammarMatch] = []
    for raw, match in zip(answer["matches"], parsed, strict=True):
        start, length = raw["offset"], raw["length"]
        ints = isinstance(start, int) and isinstance(length, int)
        if not (ints and 0 <= start <= start + length < len(table)):
            raise ValueError(f"match offset {start!r}+{length!r} lies outside the text")
        found.append(
            GrammarMatch(
                start=table[start],
                end=table[start + length],
                message=match.message,
                replacements=tuple(str(r) for r in match.replacements),
                rule_id=match.rule_id,
                category=match.category,
                issue_type=match.rule_issue_type,
            )
        )
    return version, found


def _decode(rows: Any, text_length: int) -> list[GrammarMatch] | None:
    """Cached rows back to matches; None for anything a corrupt or foreign file might hold."""
    if not isinstance(rows, list):
        return None
    try:
        found = [GrammarMatch(**{**row, "replacements": tuple(row["replacements"])}) for row in rows]
    except (TypeError, KeyError):
        return None
    for m in found:
        texts = (m.message, m.rule_id, m.category, m.issue_type, *m.replacements)
        ints_ok = isinstance(m.start, int) and isinstance(m.end, int) and 0 <= m.start <= m.end <= text_length
        if not ints_ok or not all(isinstance(t, str) for t in texts):
            return None
    return found


def _read_json(path: pathlib.Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable or corrupt: treat as absent
        return None


def _write_json(path: pathlib.Path, data: Any) -> None:
    """Write atomically (temp file + os.replace) so a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)  # only still there if the write failed
    except OSError:
        pass  # a read-only or full cache must not stop the lint; the next run just asks again


def _one_line(exc: BaseException | str, limit: int = 160) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _explain(exc: BaseException, timeout: float) -> str:
    chain: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(chain) < 8:  # bounded: a cause cycle must not hang us
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, _Refused):
        return str(exc)
    if any(isinstance(c, requests.Timeout | TimeoutError) or "timed out" in str(c) for c in chain):
        return f"no answer within {timeout:g} s"
    if any(isinstance(c, requests.ConnectionError) for c in chain):
        return "cannot connect (is the server running?)"
    if any(isinstance(c, KeyError | TypeError | AttributeError | IndexError) for c in chain):
        return "unexpected answer (not LanguageTool's JSON format)"
    return f"unexpected answer: {_one_line(exc)}"
