"""Linting many drafts on every core: chunks of drafts go to worker processes, results come back
in the order the drafts were read, so the output is the same whatever the number of workers.

Drafts are linted independently (a collection's items too, so one big YAML file spreads over all
cores). Workers get only what `lint_draft` needs, all picklable: the draft without a collection
file's line map (locating offsets in the file is the reporters' job, in the parent), its settings
and its keyword arguments; they send back each draft's language and findings, and the parent puts
them together with the drafts it read. Caches are per process: the parent warms them (rules
imported, catalog and lexicons read, morphology dictionaries loaded) before forking, so every
worker starts warm; where fork is not available each worker warms itself once, in its initializer.
"""

from __future__ import annotations

import gc
import itertools
import math
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from replylint.engine.runner import DraftResult, lint_draft
from replylint.engine.settings import Settings
from replylint.rulekit.finding import Finding
from replylint.sources.draft import Draft

if TYPE_CHECKING:
    from replylint.engine.grammar_stage import GrammarStage

# Told of the results as they come back, a few at a time, in the drafts' order: the progress line,
# a reporter rendering ahead. It must not change them.
Listener = Callable[[Sequence[DraftResult]], None]

# Starting a worker and shipping drafts to it costs about as much as linting a few dozen drafts:
# a worker is only worth it with at least this many drafts to give it.
MIN_DRAFTS_PER_WORKER = 40
# Chunks small enough that workers finish together, large enough that pickling stays cheap: the
# remaining drafts split into this many chunks per worker, between the two sizes (so the last
# chunks, which decide when the run ends, are the smallest).
_CHUNKS_PER_WORKER = 4
_MAX_CHUNK = 64
_MIN_CHUNK = 8
# Drafts that make each worker load what a real run needs: every rule's lexicons, both languages.
_WARM_UP_DRAFTS = (
    ("ru", "Здравствуйте, Анна!\n\nВаш заказ отправлен, курьер приедет завтра. Есть вопросы?\n\n"
           "С уважением,\nМария, служба поддержки\n"),
    ("uk", "Добрий день, Олено!\n\nВаше замовлення відправлене, кур'єр приїде завтра. Є запитання?\n\n"
           "З повагою,\nМарія, служба підтримки\n"),
)


class LintTask(NamedTuple):
    """One draft to lint: its settings (they may differ per file), when it is sent, the run's one
    LanguageTool stage. `check`, the server and the editor all lint through it."""

    draft: Draft
    settings: Settings
    send_at: datetime | None = None
    grammar: GrammarStage | None = None


def lint_one(draft: Draft, settings: Settings, *, grammar: GrammarStage | None = None,
             send_at: datetime | None = None) -> DraftResult:
    """One draft linted in this process, as `check` lints it: the server and the editor are warm already."""
    return lint_all([LintTask(draft, settings, send_at=send_at, grammar=grammar)], jobs=1)[0]


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


def lint_all(tasks: Iterable[LintTask], *, jobs: int | None = None, listener: Listener | None = None,
             expected: int = 0) -> list[DraftResult]:
    """Lint every task; results in the tasks' order. `jobs` None or 0: `default_jobs`. `listener`
    is told of the results as they come back.

    `tasks` may be an iterator over drafts still being read, with `expected` a lower bound of their
    number (the files they come from). When that is already enough to use every worker, the
    workers start on the first drafts while the rest are read; otherwise all are read and counted
    first. Either way the results are the same, in the same order."""
    if not isinstance(tasks, Sequence):
        streamed = jobs or default_jobs(expected)  # as many workers as all the tasks would get
        if streamed > 1 and expected >= streamed and (jobs or streamed == cpu_count()):
            return _lint_in_workers(tasks, streamed, expected, listener)
        tasks = list(tasks)
    workers = min(jobs or default_jobs(len(tasks)), len(tasks))
    if workers <= 1:
        results = []
        for task in tasks:
            results.append(_lint(task))
            if listener is not None:
                listener(results[-1:])
        return results
    return _lint_in_workers(tasks, workers, len(tasks), listener)


def warm_up(settings: Settings) -> None:
    """Load everything linting needs once per process, by linting one small draft per language."""
    for lang, text in _WARM_UP_DRAFTS:
        lint_draft(Draft("<warm-up>", text), settings.for_item({"lang": lang}))


def _lint_in_workers(tasks: Iterable[LintTask], workers: int, count: int, listener: Listener | None
                     ) -> list[DraftResult]:
    """Chunks of the tasks to `workers` processes as they are read; `count` (a lower bound of the
    number of tasks) sizes the chunks."""
    # Imported here: a run of one draft (the common case for an agent) never pays for them.
    from concurrent.futures import Future, ProcessPoolExecutor

    iterator = iter(tasks)
    first = next(iterator, None)
    if first is None:
        return []
    read: list[LintTask] = []
    linted: list[DraftResult] = []
    futures: list[Future[list[_Linted]]] = []

    def chunk_size() -> int:
        """The next chunk's size: a share of the drafts still to read (`count` is a lower bound)."""
        remaining = max(0, count - len(read))
        return max(_MIN_CHUNK, min(_MAX_CHUNK, math.ceil(remaining / (workers * _CHUNKS_PER_WORKER))))

    def collect(wait: bool) -> None:
        """The results of the chunks done so far, in order (all of them when `wait`)."""
        while len(linted) < len(read) and futures and (wait or futures[0].done()):
            done = len(linted)  # the chunk's drafts are the next ones read
            chunk = [DraftResult(read[done + number].draft, language, findings)
                     for number, (language, findings) in enumerate(futures.pop(0).result())]
            linted.extend(chunk)
            if listener is not None:
                listener(chunk)

    # Warming up (dictionaries, lexicons: all kept), reading drafts and taking results back make no
    # garbage cycles: no collection until the end (the collector's passes over the growing warm-up
    # took 27 ms of a library run's start).
    collecting = gc.isenabled()
    gc.disable()
    try:
        context, initializer = _start_method(first.settings)
        gc.freeze()  # forked workers then never touch (and so copy) the parent's warm objects when collecting
        with ProcessPoolExecutor(workers, mp_context=context, initializer=initializer,
                                 initargs=(first.settings,) if initializer else ()) as pool:
            try:
                chunk: list[LintTask] = []
                size = chunk_size()
                for task in itertools.chain([first], iterator):
                    read.append(task)
                    chunk.append(_portable(task))
                    if len(chunk) == size:
                        size = chunk_size()
                        futures.append(pool.submit(_lint_chunk, chunk))
                        chunk = []
                        collect(wait=False)
                if chunk:
                    futures.append(pool.submit(_lint_chunk, chunk))
                collect(wait=True)
            except BaseException:  # a file that cannot be read: stop the workers, report the error
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()
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
    """The task without what workers do not need: a collection item's line map holds the whole
    file's text and an offset per character. A plain file's holds nothing but the draft's own text
    (pickled once for both), so its task goes as it is: copying it would cost more."""
    line_map = task.draft.line_map
    if line_map is None or (line_map.positions is None and line_map.file_text is task.draft.text):
        return task
    return task._replace(draft=replace(task.draft, line_map=None))


def _lint(task: LintTask) -> DraftResult:
    return lint_draft(task.draft, task.settings, send_at=task.send_at, grammar=task.grammar)


# What a worker sends back for a draft: its language and findings (the parent has the draft).
_Linted = tuple[str, list[Finding]]


def _lint_chunk(chunk: list[LintTask]) -> list[_Linted]:
    """In a worker. Linting makes no reference cycles, so the collector's automatic passes would
    only walk the growing per-word caches again and again (about a tenth of a worker's time): it
    is off, and one pass over what is new after each chunk still frees any cycle made in it."""
    gc.disable()
    try:
        return [(result.language, result.findings) for result in map(_lint, chunk)]
    finally:
        gc.collect(1)
