"""Time `replylint check` on one draft, from process start to exit, as an agent runs it.

Usage: python bench/startup.py [--runs N] [--compare CHECKOUT] [DRAFT]

It runs the console script installed beside this interpreter (not a pyenv shim, whose own
start-up is not ours) and prints the median and the best wall time, the median CPU time (user +
system: it hardly moves when other work loads the machine, the wall time does) and the peak
memory. It byte-compiles the package first, as pip does when it installs a wheel: where
PYTHONDONTWRITEBYTECODE is set (some sandboxes and containers), an editable install would
otherwise recompile every module on every run.

`--compare CHECKOUT` times another checkout of replylint (say the main branch's worktree) in the
same run, the two taking turns, so that load from elsewhere on the machine hits both alike: each
runs with PYTHONPATH set to its checkout. Each round also times the bare interpreter
(`python -c pass`), the floor no Python command goes below: run this from the environment
replylint is installed in, as users run it (the README's virtual environment). An interpreter
whose site-packages run code at start-up (.pth files) pays for it in both figures.
"""

from __future__ import annotations

import argparse
import os
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


def run_once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident MB) of one run of `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", nargs="?", default=str(ROOT / "examples" / "draft.txt"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--compare", metavar="CHECKOUT", type=Path,
                        help="another checkout of replylint, timed in turns with this one")
    args = parser.parse_args()
    command = [*entry_point(), "check", args.draft, "--client", str(ROOT / "examples" / "client.txt")]
    checkouts = [ROOT, *([args.compare.resolve()] if args.compare else [])]
    environments = []
    for checkout in checkouts:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "replylint")], check=False)
        env = {**os.environ, "PYTHONPATH": str(checkout)} if args.compare else None
        run_once(command, env)  # warm the OS file cache and the data cache
        environments.append(env)
    measured: list[list[tuple[float, float, float]]] = [[] for _ in checkouts]
    bare: list[float] = []
    for _ in range(args.runs):
        for env, runs in zip(environments, measured, strict=True):
            runs.append(run_once(command, env))
        bare.append(run_once([sys.executable, "-c", "pass"])[0])
    for checkout, runs in zip(checkouts, measured, strict=True):
        walls = [run[0] for run in runs]
        label = f"{checkout}: " if args.compare else ""
        print(f"{label}replylint check, one draft, {args.runs} runs: median {statistics.median(walls):.3f} s, "
              f"best {min(walls):.3f} s, CPU median {statistics.median(run[1] for run in runs):.3f} s, "
              f"peak {max(run[2] for run in runs):.0f} MB  ({' '.join(command[:1])})")
    print(f"bare interpreter ({sys.executable} -c pass): median {statistics.median(bare):.3f} s")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
