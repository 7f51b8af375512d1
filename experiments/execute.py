"""Execute a sweep: plan runs, skip finished ones, run batches in parallel, store them.

One machine uses joblib's loky backend (``jobs`` processes). A cluster uses
joblib's dask backend against a running ``dask.distributed`` scheduler: the
same batches go to its workers, and rows come back to this process, which
alone writes the store, so workers need no shared filesystem. Start one with::

    dask scheduler                        # prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 8 --nthreads 1   # on each machine

Workers must import the same ``tightrope`` code (``pip install -e .``).
Results do not depend on the backend or the number of jobs: each run's seed
is fixed by its id (see :mod:`tightrope.experiments.runner`).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import joblib
from tqdm import tqdm

from tightrope.experiments.errors import UserError
from tightrope.experiments.runner import DEFAULT_RUNNER, Runner, RunRows, plan_runs, run_spec
from tightrope.experiments.spec import Experiment
from tightrope.experiments.store import Store

BACKENDS = ("loky", "dask")
MAX_BATCH = 50
"""Default runs per batch file."""
FLUSH_S = 10.0
"""A batch file is written at least this often (seconds), so a kill loses little work."""


@dataclass(frozen=True)
class SweepReport:
    """What a sweep did, for the CLI's closing line and the benchmark."""

    name: str
    planned: int
    skipped: int
    ran: int
    wall_s: float
    runs_s: float
    """Sum of the runs' own times (``run_s``) in this sweep."""
    table: Path


def sweep(
    experiment: Experiment,
    *,
    jobs: int | None = None,
    backend: str = "loky",
    scheduler: str | None = None,
    replications: int | None = None,
    fresh: bool = False,
    quiet: bool = False,
    runner: str | Runner = DEFAULT_RUNNER,
    batch_size: int | None = None,
    results_root: Path | None = None,
) -> SweepReport:
    """Run every unfinished run of ``experiment`` and collect the results table."""
    if backend not in BACKENDS:
        raise UserError(f"backend {backend!r}: use one of {', '.join(BACKENDS)}")
    if jobs is not None and jobs != -1 and jobs < 1:
        raise UserError(f"jobs = {jobs}: use a positive number, or -1 for all cores")
    if (backend == "dask") != bool(scheduler):
        raise UserError("--backend dask and --scheduler tcp://HOST:PORT go together")
    specs = plan_runs(experiment, replications)
    with Store.open(experiment, fresh=fresh, root=results_root) as store:
        done = store.finished_run_ids()
        todo = [s for s in specs if s.run_id not in done]
        store.begin_session(
            replications=replications or experiment.replications,
            runs_planned=len(specs),
            runs_skipped=len(specs) - len(todo),
            jobs=jobs,
            backend=backend,
            scheduler=scheduler,
            runner=runner if isinstance(runner, str) else repr(runner),
        )
        start = time.perf_counter()
        status = "interrupted"
        bar = tqdm(
            total=len(specs), initial=len(specs) - len(todo), unit="run", desc=experiment.name,
            disable=quiet, smoothing=0.05, dynamic_ncols=True,
        )  # fmt: skip
        writer = _BatchWriter(store, batch_size or MAX_BATCH)
        try:
            with _workers(backend, scheduler, jobs) as n_jobs:
                parallel = joblib.Parallel(
                    n_jobs=n_jobs, return_as="generator_unordered", batch_size="auto"
                )
                tasks = (
                    joblib.delayed(run_spec)(spec, daily=experiment.daily, runner=runner)
                    for spec in todo
                )
                for rows in parallel(tasks):
                    writer.add(rows)
                    bar.update(1)
            status = "finished"
        finally:
            writer.flush()  # keep runs that finished before an exception or Ctrl-C
            bar.close()
            store.end_session(status, runs_done=writer.runs)
        table = store.collect()
    return SweepReport(
        experiment.name,
        planned=len(specs),
        skipped=len(specs) - len(todo),
        ran=len(todo),
        wall_s=time.perf_counter() - start,
        runs_s=writer.run_s,
        table=table,
    )


@contextlib.contextmanager
def _workers(backend: str, scheduler: str | None, jobs: int | None) -> Iterator[int]:
    """Configure joblib's backend; yield the ``n_jobs`` to pass to ``Parallel``."""
    if backend == "loky":
        yield -1 if jobs is None else int(jobs)
        return
    try:
        from dask.distributed import Client
    except ImportError:
        raise UserError("the dask backend needs: pip install 'tightrope[cluster]'") from None
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as err:
        raise UserError(f"cannot reach dask scheduler {scheduler}: {err}") from None
    with client, joblib.parallel_config("dask"):
        yield -1


class _BatchWriter:
    """Buffers finished runs and commits them as one file per batch.

    A batch is written when it holds ``size`` runs or is ``FLUSH_S`` seconds
    old, so a killed sweep loses at most that much finished work (which the
    next sweep simply reruns) while the number of files stays small.
    """

    def __init__(self, store: Store, size: int) -> None:
        self.store, self.size = store, size
        self.buffer: list[RunRows] = []
        self.since = time.monotonic()
        self.runs, self.run_s = 0, 0.0

    def add(self, rows: RunRows) -> None:
        self.runs += 1
        self.run_s += rows.summary["run_s"]
        if not self.buffer:
            self.since = time.monotonic()
        self.buffer.append(rows)
        if len(self.buffer) >= self.size or time.monotonic() - self.since >= FLUSH_S:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.store.write_batch(self.buffer)
            self.buffer = []
