"""Time `replylint check` on one draft, from process start to exit, as an agent runs it.

Usage: python bench/startup.py [--runs N] [DRAFT]

It runs the console script installed beside this interpreter (not a pyenv shim, whose own
start-up is not ours) and prints the median and the best wall time. It byte-compiles the package
first, as pip does when it installs a wheel: where PYTHONDONTWRITEBYTECODE is set (some sandboxes
and containers), an editable install would otherwise recompile every module on every run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def entry_point() -> list[str]:
    script = Path(sys.executable).parent / "replylint"
    if script.is_file():
        return [str(script)]
    found = shutil.which("replylint")
    return [found] if found else [sys.executable, "-m", "replylint"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", nargs="?", default=str(ROOT / "examples" / "draft.txt"))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    command = [*entry_point(), "check", args.draft, "--client", str(ROOT / "examples" / "client.txt")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "replylint")], check=False)
    subprocess.run(command, capture_output=True, check=False)  # warm the OS file cache and the data cache
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    print(f"replylint check, one draft, {args.runs} runs: median {statistics.median(times):.3f} s, "
          f"best {min(times):.3f} s  ({' '.join(command[:1])})")


if __name__ == "__main__":
    main()
