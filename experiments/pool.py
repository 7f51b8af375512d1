"""A sweep's local worker processes: forked from the sweep, so they start warm.

A worker started fresh (loky's default, or ``spawn``) imports tightrope, mesa,
pandas and numba and loads the compiled day loop from numba's cache: about
2.4 s of CPU per worker, measured on this project's machines. Against a 20 s
two-job sweep that alone was 10-12 % of the cores' time. On Linux the workers
are forked from the sweep instead, after it has imported everything and loaded
the compiled loop (:func:`tightrope.model.simulate.load_compiled`), so a worker
starts in milliseconds with nothing to import or load. Elsewhere (macOS, where
fork is unsafe with system libraries, and Windows) they are spawned.

Tasks are chunks of runs, sized from the runs' measured times so a chunk is
about :data:`CHUNK_S` of work (cheap dispatch for short runs) and never more
than a share of what is left (a short tail: no worker finishing a long chunk
while the others idle). At most two chunks per worker are in flight, so a huge
design is planned lazily. Results do not depend on any of this: each run's seed
is fixed by its id.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TypeVar

from tightrope.experiments.runner import RunRows, RunSpec

START_METHOD = "fork" if sys.platform == "linux" else "spawn"
"""How workers start: forked (warm, Linux) or spawned (fresh imports, elsewhere)."""
CHUNK_S = 0.5
"""Target seconds of runs per task: dispatch costs about a millisecond a task."""
MAX_CHUNK = 64
"""Most runs in one task, whatever their speed."""
IN_FLIGHT = 2
"""Tasks queued per worker: one running, one ready, so no worker waits for the parent."""

Task = Callable[[RunSpec], RunRows]
T = TypeVar("T")


def chunk_size(mean_run_s: float | None, left: int, jobs: int) -> int:
    """Runs in the next task (at least one).

    About :data:`CHUNK_S` of work, at most a quarter of each worker's share of the
    ``left`` runs, so the last tasks are short. ``mean_run_s`` is the mean time of
    the runs finished so far (``None`` before the first comes back: one run a task
    until then).
    """
    if mean_run_s is None:
        return 1
    by_time = int(CHUNK_S / max(mean_run_s, 1e-6))
    return max(1, min(by_time, left // (4 * jobs), MAX_CHUNK))


def _run_chunk(task: Task, specs: list[RunSpec]) -> list[RunRows]:
    return [task(spec) for spec in specs]


def _init_worker() -> None:
    """Leave Ctrl-C and SIGTERM to the sweep, which stops the workers.

    A forked worker inherits the sweep's handlers (SIGTERM raises KeyboardInterrupt);
    it ignores the terminal's SIGINT and dies on SIGTERM instead of turning either
    into a task's exception.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _take(items: Iterator[T], n: int) -> list[T]:
    return list(itertools.islice(items, n))


@contextlib.contextmanager
def local_pool(jobs: int) -> Iterator[Callable[[Task, Iterable[RunSpec], int], Iterator[RunRows]]]:
    """Yield ``run(task, specs, n_specs)``, which yields each run's rows as it finishes.

    ``jobs == 1`` runs in this process. On leaving the block, normally or by an
    exception (a task's error, Ctrl-C), every worker is stopped: none keeps
    computing a chunk nobody will collect.
    """
    if jobs == 1:
        yield lambda task, specs, n_specs: (task(spec) for spec in specs)
        return
    executor = ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context(START_METHOD), initializer=_init_worker
    )
    finished = False
    try:
        yield lambda task, specs, n_specs: _dispatch(executor, jobs, task, specs, n_specs)
        finished = True
    finally:
        if finished:
            executor.shutdown(wait=True)
        else:
            _kill(executor)


def _dispatch(
    executor: ProcessPoolExecutor, jobs: int, task: Task, specs: Iterable[RunSpec], n_specs: int
) -> Iterator[RunRows]:
    """Keep ``IN_FLIGHT`` chunks per worker queued; yield rows as chunks finish."""
    todo = iter(specs)
    left, done, run_s = n_specs, 0, 0.0
    pending: set[Future[list[RunRows]]] = set()
    exhausted = False
    while True:
        while not exhausted and len(pending) < IN_FLIGHT * jobs:
            size = chunk_size(run_s / done if done else None, left, jobs)
            chunk = _take(todo, size)
            if not chunk:
                exhausted = True
                break
            left -= len(chunk)
            pending.add(executor.submit(_run_chunk, task, chunk))
        if not pending:
            return
        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            for rows in future.result():
                done += 1
                run_s += float(rows.summary.get("run_s", 0.0))
                yield rows


def _kill(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now (SIGKILL: a worker mid-run has nothing worth keeping)."""
    workers = dict(getattr(executor, "_processes", None) or {})  # pid -> Process
    executor.shutdown(wait=False, cancel_futures=True)
    for process in workers.values():
        with contextlib.suppress(OSError, ValueError):
            process.kill()
    for process in workers.values():
        with contextlib.suppress(OSError, ValueError, AssertionError):
            process.join(timeout=5)
