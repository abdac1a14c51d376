"""Run the real command line, in a subprocess, from this checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    environment.pop("FORCE_COLOR", None)
    data = stdin.encode() if isinstance(stdin, str) else stdin
    completed = subprocess.run([sys.executable, "-m", "replylint", *args], input=data, capture_output=True,
                               env=environment, cwd=cwd or ROOT, timeout=120, check=False)
    return subprocess.CompletedProcess(completed.args, completed.returncode,
                                       completed.stdout.decode("utf-8"), completed.stderr.decode("utf-8"))
