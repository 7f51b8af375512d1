"""Execute a sweep: plan runs, skip finished ones, run batches in parallel, store them.

One machine uses joblib's loky backend (``jobs`` processes). A cluster uses
joblib's dask backend against a running ``dask.distributed`` scheduler: the
same batches go to its workers, and rows come back to this process, which
alone writes the store, so workers need no shared filesystem. Start one with::

    dask scheduler                        # prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 8 --nthreads 1   # on each machine

Workers must import the same ``tightrope`` code (``pip install -e .``).
Results do not depend on the backend or the number of jobs: each run's seed
is fixed by its id (see :mod:`experiments.runner`).
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import joblib
from tqdm import tqdm

from experiments.errors import UserError
from experiments.runner import DEFAULT_RUNNER, Runner, batches, plan_runs, run_batch
from experiments.spec import Experiment
from experiments.store import Store

BACKENDS = ("loky", "dask")
MAX_BATCH = 25
"""Cap on runs per batch: a killed sweep loses at most this many runs per worker."""


@dataclass(frozen=True)
class SweepReport:
    """What a sweep did, for the CLI's closing line and the benchmark."""

    name: str
    planned: int
    skipped: int
    ran: int
    wall_s: float
    runs_s: float
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
        runs_s, ran, status = 0.0, 0, "interrupted"
        bar = tqdm(
            total=len(specs), initial=len(specs) - len(todo), unit="run", desc=experiment.name,
            disable=quiet, smoothing=0.05, dynamic_ncols=True,
        )  # fmt: skip
        try:
            with _workers(backend, scheduler, jobs) as n_workers:
                size = batch_size or _batch_size(len(todo), n_workers)
                tasks = (
                    joblib.delayed(run_batch)(chunk, daily=experiment.daily, runner=runner)
                    for chunk in batches(todo, size)
                )
                parallel = joblib.Parallel(
                    n_jobs=n_workers if backend == "loky" else -1,
                    return_as="generator_unordered",
                    batch_size=1,
                )
                for rows in parallel(tasks):
                    store.write_batch(rows)
                    runs_s += sum(r.summary["run_s"] for r in rows)
                    ran += len(rows)
                    bar.update(len(rows))
            status = "finished"
        finally:
            bar.close()
            store.end_session(status, runs_done=ran)
        table = store.collect()
    return SweepReport(
        experiment.name,
        planned=len(specs),
        skipped=len(specs) - len(todo),
        ran=len(todo),
        wall_s=time.perf_counter() - start,
        runs_s=runs_s,
        table=table,
    )


@contextlib.contextmanager
def _workers(backend: str, scheduler: str | None, jobs: int | None) -> Iterator[int]:
    """Configure joblib's backend; yield how many runs execute at once."""
    if backend == "loky":
        if scheduler:
            raise UserError("--scheduler needs --backend dask")
        yield joblib.cpu_count() if jobs in (None, -1) else int(jobs)
        return
    if not scheduler:
        raise UserError("--backend dask needs --scheduler tcp://HOST:PORT (see `dask scheduler`)")
    try:
        from dask.distributed import Client
    except ImportError:
        raise UserError("the dask backend needs: pip install 'tightrope[cluster]'") from None
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as err:
        raise UserError(f"cannot reach dask scheduler {scheduler}: {err}") from None
    with client, joblib.parallel_config("dask"):
        yield max(1, sum(client.ncores().values()))


def _batch_size(n_runs: int, n_workers: int) -> int:
    """About eight batches per worker (load balance), never above MAX_BATCH."""
    return max(1, min(MAX_BATCH, math.ceil(n_runs / (8 * max(1, n_workers)))))
