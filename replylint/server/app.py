"""The HTTP application: `POST /v1/check`, `GET /v1/rules`, `GET /v1/health` and the page at `/`.

Safety, in the order a request meets it: the CORS allow-list (no wildcard: only the origins the
user named get CORS headers), the Host check (on loopback only localhost names, against DNS
rebinding), the token when one is set (`Authorization: Bearer …`, or `?token=` for the page),
then the body limit. Every error is a JSON object with one line, `{"error": "…"}`. Nothing of a
request — body, query, headers — is logged; the server has no access log.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import time
import traceback
from base64 import b64encode
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from replylint.cached import cached_property
from replylint.document.language import MESSAGE_LANGUAGES
from replylint.server.options import ServerOptions, is_loopback
from replylint.server.service import CheckService, RequestError, parse_request

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
PAGE_LANGUAGES = MESSAGE_LANGUAGES


def create_app(service: CheckService, options: ServerOptions) -> Starlette:
    page = Page()
    _ = page.html  # read and hash the assets once, at start

    async def check(request: Request) -> Response:
        body = await _read_body(request, options.max_body)
        if not _is_json(request):
            raise RequestError("send the request as Content-Type: application/json", 415)
        try:
            payload = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise RequestError(f"the body is not valid JSON: {_first_line(error)}") from None
        parsed = parse_request(payload)
        started = time.perf_counter()
        try:
            document = await run_in_threadpool(service.check, parsed)
        except RequestError:
            raise
        except Exception as error:  # answered here: Starlette re-raises what reaches its handlers, to be logged
            return _internal_error(error)
        # The server's share of the latency (lint, queue and thread hop), for devtools and bench/.
        return _json(document, headers={"Server-Timing": f"lint;dur={(time.perf_counter() - started) * 1000:.1f}"})

    async def rules(request: Request) -> Response:
        from replylint.engine.rules import implementations
        from replylint.rulekit.catalog import catalog, explanation

        lang = request.query_params.get("lang", "en")
        if lang not in PAGE_LANGUAGES:
            raise RequestError(f"\"lang\" must be one of {', '.join(PAGE_LANGUAGES)}, got {lang!r}")
        implemented = implementations()
        return _json({"rules": {
            spec.id: {"severity": spec.severity.label, "summary": spec.text(spec.summary, lang),
                      "explain": explanation(spec, lang)}
            for spec in sorted(catalog().values(), key=lambda spec: spec.id) if spec.id in implemented
        }})

    async def health(request: Request) -> Response:
        from importlib.metadata import PackageNotFoundError, version

        try:
            installed = version("replylint")
        except PackageNotFoundError:
            installed = "unknown"
        return _json({"status": "ok", "version": installed})

    async def index(request: Request) -> Response:
        return HTMLResponse(page.html, headers=page.headers)

    async def request_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestError)
        return _json({"error": str(error)}, status=error.status)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return _json({"error": _HTTP_REASONS.get(error.status_code, "bad request")}, status=error.status_code,
                     headers=dict(error.headers or {}))

    async def internal_error(request: Request, error: Exception) -> Response:
        return _internal_error(error)

    middleware = []
    if options.allow_origins:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(options.allow_origins), allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"], max_age=600))
    middleware.append(Middleware(_Guard, options=options))
    return Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/v1/check", check, methods=["POST"]),
            Route("/v1/rules", rules, methods=["GET"]),
            Route("/v1/health", health, methods=["GET"]),
        ],
        middleware=middleware,
        exception_handlers={RequestError: request_error, HTTPException: http_error, Exception: internal_error},
    )


_HTTP_REASONS = {404: "no such endpoint (POST /v1/check, GET /v1/rules, GET /)",
                 405: "method not allowed (POST /v1/check, GET /v1/rules, GET /)"}


class _Guard:
    """Host check and token, before any route runs; answers 4xx itself (pure ASGI: no per-request
    overhead of BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp, options: ServerOptions) -> None:
        self.app = app
        self.token = options.token
        self.hosts: frozenset[str] | None = None
        if is_loopback(options.host):
            self.hosts = frozenset(LOOPBACK_HOSTS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]}
        problem = self._refuse(scope, headers)
        if problem is not None:
            status, message = problem
            extra = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
            await _json({"error": message}, status=status, headers=extra)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refuse(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        if self.hosts is not None and _host_name(headers.get("host", "")) not in self.hosts:
            return 421, "this server answers on localhost only (Host header refused)"
        if self.token is None:
            return None
        given = headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), self.token.encode()):
            return None
        if scope["method"] == "GET":  # the page is opened as http://host:port/?token=…
            from urllib.parse import parse_qs

            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            for candidate in query.get("token", []):
                if hmac.compare_digest(candidate.encode(), self.token.encode()):
                    return None
        return 401, "a token is required: send Authorization: Bearer <token>"


def _internal_error(error: Exception) -> Response:
    """A bug of ours. Its message may quote the draft: only the exception's type is printed and
    answered (REPLYLINT_DEBUG=1 prints the traceback, for a developer on their own drafts)."""
    if os.environ.get("REPLYLINT_DEBUG"):
        traceback.print_exception(error)
    print(f"replylint serve: internal error: {type(error).__name__} (set REPLYLINT_DEBUG=1 for details)",
          file=sys.stderr, flush=True)
    return _json({"error": f"internal error: {type(error).__name__}"}, status=500)


def _host_name(host: str) -> str:
    if host.startswith("["):  # [::1]:8080
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, or a 413 past `limit`. A body up to _DRAIN_BYTES is still read to its end (and
    dropped) first, so that the client, still sending, gets the 413 rather than a broken pipe."""
    declared = request.headers.get("content-length")
    too_big = RequestError(f"the body is over the limit of {limit} bytes", 413)
    if declared is not None and declared.isdigit() and int(declared) > _DRAIN_BYTES:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > _DRAIN_BYTES:
            break
        if size <= limit:
            chunks.append(chunk)
    if size > limit:
        raise too_big
    return b"".join(chunks)


_DRAIN_BYTES = 8 * 1024 * 1024


def _is_json(request: Request) -> bool:
    # application/json only: a cross-site form or a "simple" fetch from a random page cannot send
    # it without a CORS preflight, which only the allow-listed origins pass.
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return media_type == "application/json"


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False) + "\n"
    return Response(body, status_code=status, media_type="application/json",
                    headers={"Cache-Control": "no-store", **(headers or {})})


class Page:
    """The page: one HTML document with its CSS and script inlined (no CDN, no second request to
    authorise), allowed by a Content-Security-Policy naming their hashes and nothing else."""

    @cached_property
    def html(self) -> str:
        folder = resources.files("replylint.server") / "static"
        template = (folder / "index.html").read_text(encoding="utf-8")
        self.style = (folder / "page.css").read_text(encoding="utf-8")
        self.script = (folder / "page.js").read_text(encoding="utf-8")
        return template.replace("/*STYLE*/", self.style).replace("/*SCRIPT*/", self.script)

    @cached_property
    def headers(self) -> dict[str, str]:
        policy = (f"default-src 'none'; script-src '{_sha256(self.script)}'; style-src '{_sha256(self.style)}'; "
                  "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
                  "frame-ancestors 'none'")
        return {"Content-Security-Policy": policy, "Referrer-Policy": "no-referrer",
                "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def _sha256(text: str) -> str:
    return "sha256-" + b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
