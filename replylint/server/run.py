"""`replylint serve`: bind, warm up, print the address, serve until Ctrl+C."""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from typing import Any

from replylint.server.app import create_app
from replylint.server.options import ServerOptions, is_loopback
from replylint.server.service import CheckService

# uvicorn's own messages at warning and above go to stderr; its access log is off, and no logger
# of ours or theirs ever sees a request's body.
LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "replylint serve: %(message)s"}},
    "filters": {"no_tracebacks": {"()": "replylint.server.run.NoTracebacks"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr",
                            "filters": ["no_tracebacks"]}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "uvicorn.error": {"level": "WARNING"},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}


class NoTracebacks(logging.Filter):
    """A traceback can quote a request's draft (in an exception's message, or a local's repr): the
    server's log keeps the line, never the traceback, unless REPLYLINT_DEBUG is set."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not os.environ.get("REPLYLINT_DEBUG"):
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


class ServeError(Exception):
    """Cannot start (port taken, bad address): one line, exit code 2."""


def bind(host: str, port: int, *, reuse_port: bool = False) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on such sockets, and without it the
    # answer's headers and body meet Nagle and delayed ACK: +40 ms on every keep-alive request.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as error:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve(service: CheckService, options: ServerOptions, port: int, *, workers: int = 1,
          echo: Callable[[str], None] | None = None) -> None:
    """Serve until Ctrl+C or SIGTERM. `workers` > 1: that many processes forked after the warm-up
    (they share the warm engine copy-on-write) accept on the one socket: linting is CPU-bound and
    one process lints one draft at a time."""
    import uvicorn

    gc.enable()  # the command line paused it for one-shot commands; a server runs for days
    echo = echo or (lambda line: print(line, flush=True))
    # Each worker its own socket on the one port (Linux SO_REUSEPORT): the kernel spreads new
    # connections over them. On one shared socket, whichever worker wakes first takes most of them.
    reuse_port = workers > 1 and sys.platform == "linux" and hasattr(socket, "SO_REUSEPORT")
    if reuse_port:
        # Any process may join a SO_REUSEPORT group: first a plain bind, so that a port in use —
        # another `replylint serve` too — is still an error, and port 0 picks the port.
        probe = bind(options.host, port)
        port = probe.getsockname()[1]
        probe.close()
    sock = bind(options.host, port, reuse_port=reuse_port)
    bound = sock.getsockname()[1]
    extra = [bind(options.host, bound, reuse_port=True) if reuse_port else sock for _ in range(workers - 1)]
    app = create_app(service, options)
    service.warm_up()
    # Dictionaries, lexicons and rules are now loaded for good: out of the collector's sight, a full
    # collection no longer walks them (~90 ms each time it ran, a p99 spike), and forked workers
    # share their pages instead of copying them when the collector would touch them.
    gc.freeze()
    shown = f"[{options.host}]" if ":" in options.host else options.host
    address = f"http://{shown}:{bound}"
    config = uvicorn.Config(app, log_config=LOG_CONFIG, access_log=False, server_header=False,
                            proxy_headers=False, lifespan="off", timeout_graceful_shutdown=2)
    children = []
    for own in extra:
        others = [other for other in {sock, *extra} if other is not own]
        children.append(_fork(functools.partial(_serve_on, config, own, others)))
        if own is not sock:
            own.close()  # the child's now: a socket nobody here accepts on would hold its share
    processes = f"{workers} processes" if workers > 1 else "1 process"
    echo(f"replylint serve: listening on {address}/ (page), POST {address}/v1/check (API), {processes}; "
         "Ctrl+C stops")
    if options.token:
        echo("replylint serve: a token is required: Authorization: Bearer <token>, or open the page as /?token=<token>")
    if not is_loopback(options.host):
        echo(f"replylint serve: warning: reachable from other machines on {options.host}")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        _stop(children)
        sock.close()
        service.close()
    sys.stdout.flush()


def _serve_on(config: Any, own: socket.socket, others: list[socket.socket]) -> None:
    import uvicorn

    for other in others:
        other.close()
    uvicorn.Server(config).run(sockets=[own])


def default_workers(languagetool: bool) -> int:
    """Every CPU up to four; one with LanguageTool (each worker would start its own client, and a
    `local` server is a Java process)."""
    from replylint.engine.parallel import cpu_count

    return 1 if languagetool or not hasattr(os, "fork") else max(1, min(4, cpu_count()))


def _fork(run: Callable[[], None]) -> int:
    pid = os.fork()
    if pid == 0:  # the worker: serve, then leave without running the parent's clean-up
        code = 0
        try:
            _exit_with_parent(os.getppid())
            run()
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    return pid


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent died (even by SIGKILL) stops too, instead of holding the port."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True, name="replylint-parent-watch").start()


def _stop(children: list[int]) -> None:
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    for pid in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
