"""`replylint serve`: bind, warm up, print the address, serve until Ctrl+C."""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable

from replylint.server.app import create_app
from replylint.server.options import ServerOptions, is_loopback
from replylint.server.service import CheckService

# uvicorn's own messages at warning and above go to stderr; its access log is off, and no logger
# of ours or theirs ever sees a request's body.
_LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "replylint serve: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "uvicorn.error": {"level": "WARNING"},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}


class ServeError(Exception):
    """Cannot start (port taken, bad address): one line, exit code 2."""


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as error:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve(service: CheckService, options: ServerOptions, port: int,
          echo: Callable[[str], None] | None = None) -> None:
    import uvicorn

    echo = echo or (lambda line: print(line, flush=True))
    sock = bind(options.host, port)
    app = create_app(service, options)
    service.warm_up()
    bound = sock.getsockname()[1]
    shown = f"[{options.host}]" if ":" in options.host else options.host
    address = f"http://{shown}:{bound}"
    echo(f"replylint serve: listening on {address}/ (page), POST {address}/v1/check (API); Ctrl+C stops")
    if options.token:
        echo("replylint serve: a token is required: Authorization: Bearer <token>, or open the page as /?token=<token>")
    if not is_loopback(options.host):
        echo(f"replylint serve: warning: reachable from other machines on {options.host}")
    config = uvicorn.Config(app, log_config=_LOG_CONFIG, access_log=False, server_header=False,
                            proxy_headers=False, lifespan="off", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        service.close()
    sys.stdout.flush()
