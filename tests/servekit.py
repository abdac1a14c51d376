"""Run the real `replylint serve` in a subprocess on an ephemeral loopback port, and talk HTTP to it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clikit import ROOT

_ADDRESS = re.compile(r"listening on (http://[^\s/]+)/")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Served:
    url: str
    process: subprocess.Popen[bytes]
    lines: list[str] = field(default_factory=list)  # everything it printed, stdout and stderr

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Answer:
        request = urllib.request.Request(self.url + path, data=body, method=method, headers=headers or {})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
        try:
            with opener.open(request, timeout=60) as answer:
                return Answer(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())

    def check(self, payload: Any, headers: dict[str, str] | None = None) -> Answer:
        return self.request("POST", "/v1/check", json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                            {"Content-Type": "application/json", **(headers or {})})

    @property
    def output(self) -> str:
        return "\n".join(self.lines)


@contextmanager
def serving(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Iterator[Served]:
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("REPLYLINT_TOKEN", "REPLYLINT_LANGUAGETOOL_URL")}
    environment.update({"PYTHONPATH": str(ROOT), "NO_PROXY": "127.0.0.1,localhost", **(env or {})})
    process = subprocess.Popen([sys.executable, "-m", "replylint", "serve", "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environment,
                               cwd=cwd or ROOT)
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            lines.append(raw.decode("utf-8", errors="replace").rstrip("\n"))
            if _ADDRESS.search(lines[-1]):
                ready.set()
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not ready.wait(120) or process.poll() is not None:
            raise AssertionError(f"replylint serve did not start: {lines}")
        match = next(_ADDRESS.search(line) for line in lines if _ADDRESS.search(line))
        assert match is not None
        yield Served(match.group(1), process, lines)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=5)
