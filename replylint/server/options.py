"""What `replylint serve` was told about who may connect, validated before anything is loaded."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass

MAX_BODY_BYTES = 256 * 1024  # a reply plus the client's message is a few KB; 256 KB is a whole thread
# scheme://host[:port], nothing more: what a browser sends as Origin.
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?|https?://\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


class OptionsError(ValueError):
    """A usage error of `serve`: one line, exit code 2."""


@dataclass(frozen=True)
class ServerOptions:
    host: str = "127.0.0.1"
    token: str | None = None
    allow_origins: tuple[str, ...] = ()
    max_body: int = MAX_BODY_BYTES


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_options(host: str, token: str | None, allow_origins: Sequence[str], *,
                   allow_remote: bool = False) -> ServerOptions:
    token = token.strip() if token else None
    if not is_loopback(host):
        if not allow_remote:
            raise OptionsError(f"--host {host} is reachable from other machines: add --allow-remote "
                               "(and a --token) if that is what you want")
        if not token:
            raise OptionsError("a non-loopback --host needs a token: --token TOKEN or REPLYLINT_TOKEN")
    if token is not None and len(token) < 16:
        raise OptionsError("--token is too short: use at least 16 characters (e.g. `openssl rand -hex 16`)")
    for origin in allow_origins:
        if origin.strip() == "*":
            raise OptionsError("--allow-origin '*' is refused: name each origin, e.g. https://helpdesk.example.com")
        if not _ORIGIN.fullmatch(origin.strip()):
            raise OptionsError(f"--allow-origin {origin!r} is not an origin like https://helpdesk.example.com")
    return ServerOptions(host=host, token=token or None,
                         allow_origins=tuple(origin.strip().rstrip("/") for origin in allow_origins))
