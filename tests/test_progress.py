"""A library run shows its progress on stderr to a person at a terminal, and to nobody else."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from clikit import ROOT, run

DRAFTS = {
    "ru/refund.txt": "Привет!!! Твой заказ УЖЕ отправлен)) Если что — пиши :)\n",
    "ru/delivery.txt": ("Анна, добрый день!\n\nЗаказ отправлен, курьер приедет завтра с 10 до 14.\n\n"
                        "С уважением,\nМария, служба поддержки\n"),
    "uk/refund.txt": "Привіт!!! Твоє замовлення ВЖЕ відправлене)) Якщо що — пиши :)\n",
}


@pytest.fixture()
def library(tmp_path: Path) -> Path:
    for name, text in DRAFTS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _run_with_terminal_stderr(library: Path, env: dict[str, str]) -> tuple[str, str]:
    """`replylint check` with stderr on a pseudo-terminal (as in a shell), stdout on a pipe."""
    primary, secondary = pty.openpty()
    environment = {key: value for key, value in os.environ.items() if key != "CI"}
    environment.update(PYTHONPATH=str(ROOT), **env)
    process = subprocess.Popen([sys.executable, "-m", "replylint", "check", str(library), "--format", "json"],
                               stdout=subprocess.PIPE, stderr=secondary, env=environment, cwd=ROOT)
    os.close(secondary)
    terminal = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the process closed its end
            break
        if not chunk:
            break
        terminal += chunk
    stdout = process.communicate(timeout=120)[0]
    os.close(primary)
    return stdout.decode("utf-8"), terminal.decode("utf-8", errors="replace")


def test_a_terminal_sees_files_done_and_findings_so_far_then_a_clean_line(library: Path) -> None:
    stdout, terminal = _run_with_terminal_stderr(library, {})
    assert re.search(r"replylint: [0-3]/3 files, \d+ findings so far", terminal), terminal
    assert terminal.endswith("\r\x1b[K"), repr(terminal)  # erased before the report
    assert stdout == run("check", str(library), "--format", "json").stdout  # the report is untouched


def test_nothing_when_stderr_is_piped_or_in_ci(library: Path) -> None:
    piped = run("check", str(library), "--format", "json")
    assert piped.returncode == 1 and piped.stderr == ""
    _, terminal = _run_with_terminal_stderr(library, {"CI": "true"})
    assert terminal == ""
