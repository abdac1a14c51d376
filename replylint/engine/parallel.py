"""Linting many drafts on every core: chunks of drafts go to worker processes, results come back
in the order the drafts were read, so the output is the same whatever the number of workers.

Drafts are linted independently (a collection's items too, so one big YAML file spreads over all
cores). Workers get only what `lint_draft` needs, all picklable: the draft without its line map
(locating offsets in the file is the reporters' job, in the parent), its settings and its keyword
arguments. Caches are per process: the parent warms them (rules imported, catalog and lexicons
read, morphology dictionaries loaded) before forking, so every worker starts warm; where fork is
not available each worker warms itself once, in its initializer.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from replylint.engine.runner import DraftResult, lint_draft
from replylint.engine.settings import Settings
from replylint.sources.draft import Draft

if TYPE_CHECKING:
    from replylint.engine.progress import Progress

# Starting a worker and shipping drafts to it costs about as much as linting a few dozen drafts:
# a worker is only worth it with at least this many drafts to give it.
MIN_DRAFTS_PER_WORKER = 40
# Chunks small enough that workers finish together, large enough that pickling stays cheap.
_CHUNKS_PER_WORKER = 4
_MAX_CHUNK = 64
# Drafts that make each worker load what a real run needs: every rule's lexicons, both languages.
_WARM_UP_DRAFTS = (
    ("ru", "Здравствуйте, Анна!\n\nВаш заказ отправлен, курьер приедет завтра. Есть вопросы?\n\n"
           "С уважением,\nМария, служба поддержки\n"),
    ("uk", "Добрий день, Олено!\n\nВаше замовлення відправлене, кур'єр приїде завтра. Є запитання?\n\n"
           "З повагою,\nМарія, служба підтримки\n"),
)


@dataclass(frozen=True)
class LintTask:
    """One draft to lint: its settings (they may differ per file) and `lint_draft`'s keyword arguments."""

    draft: Draft
    settings: Settings
    options: Mapping[str, Any] = field(default_factory=dict)


def cpu_count() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def default_jobs(draft_count: int) -> int:
    """Every CPU when there are enough drafts to pay for starting the workers, else one process."""
    return max(1, min(cpu_count(), draft_count // MIN_DRAFTS_PER_WORKER))


def lint_all(tasks: Sequence[LintTask], *, jobs: int | None = None, progress: Progress | None = None
             ) -> list[DraftResult]:
    """Lint every task; results in the tasks' order. `jobs` None or 0: `default_jobs`. `progress`
    is told of the results as they come back."""
    workers = min(jobs or default_jobs(len(tasks)), len(tasks))
    if workers <= 1:
        results = []
        for task in tasks:
            results.append(_lint(task))
            if progress is not None:
                progress.advance(results[-1:])
        return results
    return _lint_in_workers(tasks, workers, progress)


def warm_up(settings: Settings) -> None:
    """Load everything linting needs once per process, by linting one small draft per language."""
    for lang, text in _WARM_UP_DRAFTS:
        lint_draft(Draft("<warm-up>", text), settings, lang=lang)


def _lint_in_workers(tasks: Sequence[LintTask], workers: int, progress: Progress | None) -> list[DraftResult]:
    # Imported here: a run of one draft (the common case for an agent) never pays for them.
    import gc
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(_MAX_CHUNK, math.ceil(len(tasks) / (workers * _CHUNKS_PER_WORKER))))
    chunks = [[_portable(task) for task in tasks[start : start + size]] for start in range(0, len(tasks), size)]
    context, initializer = _start_method(tasks[0].settings)
    gc.freeze()  # forked workers then never touch (and so copy) the parent's warm objects when collecting
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=initializer,
                                 initargs=(tasks[0].settings,) if initializer else ()) as pool:
            linted = []
            for chunk in pool.map(_lint_chunk, chunks):
                linted += chunk
                if progress is not None:
                    progress.advance(chunk)
    finally:
        gc.unfreeze()
    # The workers' results carry slimmed copies: give each back its draft as read (line map included).
    for task, result in zip(tasks, linted, strict=True):
        result.draft = task.draft
    return linted


def _start_method(settings: Settings) -> tuple[Any, Any]:
    """fork where it is safe (Linux, no other threads): workers inherit the parent's warm caches.
    Elsewhere (macOS, Windows, a parent with threads) the platform's default, warming each worker."""
    import multiprocessing
    import threading

    if sys.platform == "linux" and threading.active_count() == 1:
        warm_up(settings)
        return multiprocessing.get_context("fork"), None
    return None, warm_up


def _portable(task: LintTask) -> LintTask:
    """The task without what workers do not need: the file's text and offsets ride in the line map."""
    return replace(task, draft=replace(task.draft, line_map=None), options=dict(task.options))


def _lint(task: LintTask) -> DraftResult:
    return lint_draft(task.draft, task.settings, **task.options)


def _lint_chunk(chunk: list[LintTask]) -> list[DraftResult]:
    return [_lint(task) for task in chunk]
