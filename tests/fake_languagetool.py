"""A fake LanguageTool HTTP server for tests: 127.0.0.1 only, a random free port, one thread.

It answers GET/POST /v2/languages and /v2/check in LanguageTool's response format, finds the
configured misspellings (and runs of 2+ spaces, as WHITESPACE_RULE) and reports their offsets in
UTF-16 code units, as the real server does. Every request is recorded so tests can assert what was
sent and how often.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

Failure = Literal["html", "500", "wrong-shape", "bad-offset", "not-a-list",
                  "redirect", "endless", "drip", "huge"]
# How long a misbehaving answer ("endless", "drip") goes on at most: the server stops by itself.
MISBEHAVE_SECONDS = 20.0

LANGUAGES = [
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "Russian", "code": "ru", "longCode": "ru-RU"},
    {"name": "Ukrainian", "code": "uk", "longCode": "uk-UA"},
]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str  # without the query string
    query: str
    body: bytes
    params: dict[str, str]  # form fields of the body, or of the query for GET


@dataclass
class FakeLanguageTool:
    # word -> replacements; matched as a whole word (not inside a longer word)
    misspellings: dict[str, list[str]] = field(default_factory=dict)
    version: str = "6.4"
    delay: dict[str, float] = field(default_factory=dict)  # endpoint ("check"/"languages") -> seconds
    failure: dict[str, Failure] = field(default_factory=dict)  # endpoint -> how to misbehave
    requests: list[Recorded] = field(default_factory=list)
    last_answer: dict[str, Any] | None = None
    redirect_to: str = ""  # for the "redirect" failure: where the 307 points

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> FakeLanguageTool:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._handle(self)

            def do_POST(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes handlers that are "slow" on purpose
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- what was asked ------------------------------------------------------------------------

    def calls(self, endpoint: str) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path == f"/v2/{endpoint}"]

    def sent_texts(self) -> Iterator[str]:
        for r in self.calls("check"):
            yield r.params.get("text", "")

    # -- answering -----------------------------------------------------------------------------

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urllib.parse.urlsplit(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        raw_params = body.decode("utf-8") if h.command == "POST" else parts.query
        params = {k: v[-1] for k, v in urllib.parse.parse_qs(raw_params, keep_blank_values=True).items()}
        with self._lock:
            self.requests.append(Recorded(h.command, parts.path, parts.query, body, params))
        endpoint = parts.path.removeprefix("/v2/")
        if self._stop.wait(self.delay.get(endpoint, 0)):
            return  # shutting down
        failure = self.failure.get(endpoint)
        if failure in ("redirect", "endless", "drip"):
            self._misbehave(h, failure)
            return
        if parts.path == "/v2/languages":
            status, ctype, payload = 200, "application/json", json.dumps(LANGUAGES)
        elif parts.path == "/v2/check":
            status, ctype, payload = self._check(params)
        else:
            status, ctype, payload = 404, "text/plain", f"Error: unknown path {parts.path}"
        if failure == "html":
            status, ctype, payload = 200, "text/html", "<html>\n<body><h1>Bad Gateway</h1></body>\n</html>\n"
        elif failure == "500":
            status, ctype = 500, "text/plain"
            payload = "Error: Internal Error: java.lang.RuntimeException: boom\n\tat org.languagetool.X\n"
        elif failure == "wrong-shape":
            payload = json.dumps({"status": "ok", "result": [1, 2, 3]})
        elif failure == "not-a-list":
            payload = json.dumps(7)
        elif failure == "huge":  # 20,000 matches: some 14 MB of JSON
            one = json.dumps(_match(params.get("text", "x") or "x", (0, 1), ["y"], "WHITESPACE_RULE", "whitespace"))
            head, tail = payload.split('"matches": []', 1) if '"matches": []' in payload else (payload[:-1] + ", ", "}")
            payload = head + '"matches": [' + ", ".join([one] * 20_000) + "]" + tail  # joined, not dumped: fast
        elif failure == "bad-offset":
            answer = json.loads(payload)
            for m in answer["matches"]:
                m["offset"] += 10_000
            payload = json.dumps(answer)
        data = payload.encode("utf-8")
        try:
            h.send_response(status)
            h.send_header("Content-Type", f"{ctype}; charset=utf-8")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test): nothing to answer

    def _misbehave(self, h: BaseHTTPRequestHandler, failure: Failure) -> None:
        """A 307 elsewhere, an endless chunked answer, or one dripping a byte at a time; each stops
        after MISBEHAVE_SECONDS, or when the client hangs up, or at stop()."""
        try:
            if failure == "redirect":
                h.send_response(307)
                h.send_header("Location", self.redirect_to or "http://127.0.0.2:9/v2/check")
                h.send_header("Content-Length", "0")
                h.end_headers()
                return
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            started = time.monotonic()
            piece = b'{"matches": [' if failure == "drip" else b'{"matches": [' + b"1, " * 20_000
            h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            while time.monotonic() - started < MISBEHAVE_SECONDS and not self._stop.is_set():
                chunk = b" " if failure == "drip" else b"1, " * 20_000
                h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                h.wfile.flush()
                if failure == "drip" and self._stop.wait(0.05):
                    return
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def _check(self, params: dict[str, str]) -> tuple[int, str, str]:
        text, code = params.get("text"), params.get("language", "")
        language = next((lang for lang in LANGUAGES if code in (lang["code"], lang["longCode"])), None)
        if text is None or language is None:
            return 400, "text/plain", "Error: Missing 'text' or known 'language' parameter"
        suffix = language["longCode"].replace("-", "_").upper()
        matches = []
        for word, replacements in self.misspellings.items():
            for found in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
                span = (found.start(), found.end())
                matches.append(_match(text, span, replacements, f"MORFOLOGIK_RULE_{suffix}", "spelling"))
        for found in re.finditer(r"(?<=\S) {2,}", text):
            matches.append(_match(text, found.span(), [" "], "WHITESPACE_RULE", "whitespace"))
        matches.sort(key=lambda m: m["offset"])
        answer = {
            "software": {
                "name": "LanguageTool",
                "version": self.version,
                "buildDate": "2024-03-28 14:04:39 +0100",
                "apiVersion": 1,
                "premium": False,
                "premiumHint": "You might be missing errors only the Premium version can find.",
                "status": "",
            },
            "warnings": {"incompleteResults": False},
            "language": {
                "name": language["name"],
                "code": language["longCode"],
                "detectedLanguage": {
                    "name": language["name"],
                    "code": language["longCode"],
                    "confidence": 0.99,
                    "source": "ngram+prior+commonwords",
                },
            },
            "matches": matches,
            "sentenceRanges": [[0, utf16_len(text)]],
        }
        with self._lock:
            self.last_answer = answer
        return 200, "application/json", json.dumps(answer, ensure_ascii=False)


_RULES = {
    "whitespace": (
        "Обнаружен повтор пробела.",
        "Повтор пробела",
        "Повтор пробела",
        "whitespace",
        ("TYPOGRAPHY", "Типографика"),
    ),
    "spelling": (
        "Возможно найдена орфографическая ошибка.",
        "Орфографическая ошибка",
        "Возможная орфографическая ошибка",
        "misspelling",
        ("TYPOS", "Возможные опечатки"),
    ),
}


def _match(
    text: str, span: tuple[int, int], replacements: list[str], rule_id: str, kind: str
) -> dict[str, Any]:
    """One match as LanguageTool's /v2/check reports it: offsets in UTF-16 code units."""
    start, end = span
    message, short, description, issue_type, (cat_id, cat_name) = _RULES[kind]
    before = text[max(0, start - 40) : start]
    context = ("..." if start > 40 else "") + before + text[start : end + 40]
    return {
        "message": message,
        "shortMessage": short,
        "replacements": [{"value": r} for r in replacements],
        "offset": utf16_len(text[:start]),
        "length": utf16_len(text[start:end]),
        "context": {
            "text": context.replace("\n", " "),
            "offset": utf16_len(context) - utf16_len(text[start : end + 40]),
            "length": utf16_len(text[start:end]),
        },
        "sentence": text.strip(),
        "type": {"typeName": "UnknownWord" if issue_type == "misspelling" else "Other"},
        "rule": {
            "id": rule_id,
            "description": description,
            "issueType": issue_type,
            "category": {"id": cat_id, "name": cat_name},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }
