"""Execute a sweep: plan runs, skip finished ones, run batches in parallel, store them.

One machine uses ``jobs`` local processes: by default (backend ``"local"``)
forked from the sweep once it has loaded the compiled loop, so they start warm
(:mod:`tightrope.experiments.pool`); backend ``"loky"`` runs them through
``joblib.Parallel`` with loky's fresh workers instead (each imports tightrope and
loads the compiled loop: about 2.5 s a worker). A cluster
uses joblib's dask backend against a running ``dask.distributed`` scheduler: the
same runs go to its workers, and rows come back to this process, which
alone writes the store, so workers need no shared filesystem. Start one with::

    dask scheduler                        # prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 8 --nthreads 1   # on each machine

Workers must import the same ``tightrope`` code (``pip install -e .``).
Results do not depend on the backend or the number of jobs: each run's seed
is fixed by its id (see :mod:`tightrope.experiments.runner`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import joblib
from joblib.externals.loky.process_executor import TerminatedWorkerError
from tqdm import tqdm

from tightrope.experiments.errors import UserError
from tightrope.experiments.pool import Task, local_pool
from tightrope.experiments.runner import (
    DEFAULT_RUNNER,
    Runner,
    RunRows,
    RunSpec,
    plan_runs,
    resolve_runner,
    run_spec,
)
from tightrope.experiments.spec import Experiment
from tightrope.experiments.store import Store
from tightrope.experiments.userfiles import describe_os_error

WORKER_DIED = (BrokenProcessPool, TerminatedWorkerError)
"""How the local pool and loky report a worker that died without raising."""
BACKENDS = ("local", "loky", "dask")
DEFAULT_BACKEND = "local"
"""Forked local workers: the fastest start on one machine (see the module doc)."""
RunMany = Callable[[Task, Iterable[RunSpec], int], Iterator[RunRows]]
MAX_BATCH = 50
"""Default runs per batch file."""
FLUSH_S = 10.0
"""A batch file is written at least this often (seconds), so a kill loses little work."""
MAX_RUNS = 100_000
"""Sweeps planning more runs than this are refused unless confirmed (``--allow-large``):
a typo in a design (one level too many per factor) multiplies its size unseen."""


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
    started: float = 0.0
    """Epoch seconds when the timed part began (``wall_s`` counts from here), to place
    the rows' ``task_start`` and ``task_end`` on the sweep's timeline."""
    parent_s: dict[str, float] = field(default_factory=dict)
    """Seconds of the parent's own work inside ``wall_s``: ``load`` (the compiled loop),
    ``write`` (batch files), ``collect`` (the final table) and ``cpu`` (its CPU time)."""


def sweep(
    experiment: Experiment,
    *,
    jobs: int | None = None,
    backend: str = DEFAULT_BACKEND,
    scheduler: str | None = None,
    replications: int | None = None,
    fresh: bool = False,
    quiet: bool = False,
    runner: str | Runner = DEFAULT_RUNNER,
    batch_size: int | None = None,
    results_root: Path | None = None,
    allow_large: bool = False,
) -> SweepReport:
    """Run every unfinished run of ``experiment`` and collect the results table.

    Raises:
        UserError: a bad option, or more than :data:`MAX_RUNS` runs without
            ``allow_large`` (the message gives the estimated time).
    """
    if backend not in BACKENDS:
        raise UserError(f"backend {backend!r}: use one of {', '.join(BACKENDS)}")
    if jobs is not None and jobs != -1 and jobs < 1:
        raise UserError(f"jobs = {jobs}: use a positive number, or -1 for all cores")
    if (backend == "dask") != bool(scheduler):
        raise UserError("--backend dask and --scheduler tcp://HOST:PORT go together")
    resolve_runner(runner)  # a typo fails here, not in every worker after the store opened
    reps = experiment.replications if replications is None else replications
    if reps < 1:
        raise UserError(f"replications = {reps}: must be >= 1")
    n_runs = experiment.n_points * reps
    check_size(experiment, n_runs, jobs, allow_large)
    specs = plan_runs(experiment, replications)
    with Store.open(experiment, fresh=fresh, root=results_root) as store:
        done = store.finished_run_ids()
        skipped = sum(1 for r in done if in_plan(r, experiment.n_points, reps))
        todo = (s for s in specs if s.run_id not in done)
        n_todo = n_runs - skipped
        store.begin_session(
            replications=reps,
            runs_planned=n_runs,
            runs_skipped=skipped,
            jobs=jobs,
            backend=backend,
            scheduler=scheduler,
            runner=runner if isinstance(runner, str) else repr(runner),
        )
        start, started, cpu = time.perf_counter(), time.time(), time.process_time()
        status = "interrupted"
        bar = tqdm(
            total=n_runs, initial=skipped, unit="run", desc=experiment.name,
            disable=quiet, smoothing=0.05, dynamic_ncols=True,
        )  # fmt: skip
        n_jobs = _cap_jobs(jobs, n_todo, quiet)
        # Once fewer runs are left than workers, a core is idle: write each run then.
        idle_from = n_todo - n_jobs + 1 if backend != "dask" else n_todo
        writer = _BatchWriter(store, batch_size or MAX_BATCH, idle_from)
        loaded = 0.0
        try:
            if n_todo and jobs != 1:
                from tightrope.model.simulate import load_compiled

                load_compiled()  # one process compiles; the workers load numba's cache
            loaded = time.perf_counter() - start
            task = functools.partial(
                run_spec, daily=experiment.daily, runner=runner, parent=os.getpid()
            )
            with _workers(backend, scheduler, n_jobs) as run:
                for rows in run(task, todo, n_todo):
                    writer.add(rows)
                    bar.update(1)
            status = "finished"
        except WORKER_DIED as err:  # killed (the OOM killer, say): the pool cannot go on
            status = "failed"
            raise UserError(
                f"a worker process died in the middle of a run ({type(err).__name__}: killed, "
                f"or out of memory?); the runs committed before it are kept in {store.dir}; "
                "rerun to resume, with fewer --jobs if memory ran out"
            ) from None
        except OSError as err:  # a full disk or a store gone read-only mid-sweep
            status = "failed"
            raise UserError(
                f"{describe_os_error(err)}; the {writer.committed} runs committed before it are "
                f"kept in {store.dir}; fix that and rerun to resume"
            ) from None
        finally:
            _close(writer, store, status, bar)
        collecting = time.perf_counter()
        table = store.collect()
        collected = time.perf_counter()
    return SweepReport(
        experiment.name,
        planned=n_runs,
        skipped=skipped,
        ran=n_todo,
        wall_s=time.perf_counter() - start,
        runs_s=writer.run_s,
        table=table,
        started=started,
        parent_s={
            "load": loaded,
            "write": writer.write_s,
            "collect": collected - collecting,
            "cpu": time.process_time() - cpu,
        },
    )


def check_size(experiment: Experiment, n_runs: int, jobs: int | None, allow: bool) -> None:
    """Refuse a sweep above :data:`MAX_RUNS` runs unless ``allow``; say how long it would take."""
    if n_runs <= MAX_RUNS or allow:
        return
    from tightrope.experiments.catalog import estimate_seconds, human_seconds

    est = human_seconds(estimate_seconds(experiment, n_runs, jobs))
    raise UserError(
        f"{experiment.name}: {n_runs:,} runs ({experiment.n_points:,} points x "
        f"{n_runs // max(1, experiment.n_points)} replications, about {est}) is above the "
        f"{MAX_RUNS:,}-run limit; rerun with --allow-large to start it anyway"
    )


def _cap_jobs(jobs: int | None, n_todo: int, quiet: bool) -> int:
    """Processes to start: the request (all cores by default), at most cores and runs."""
    cores = joblib.cpu_count()
    wanted = cores if jobs is None or jobs == -1 else jobs
    used = max(1, min(wanted, cores, n_todo))
    if jobs not in (None, -1) and used < wanted and not quiet:
        print(
            f"note: --jobs {wanted} capped to {used} ({cores} cores, {n_todo} runs to do)",
            file=sys.stderr,
        )
    return used


def in_plan(run_id: str, n_points: int, replications: int) -> bool:
    """Whether a stored run id belongs to the planned points and replications."""
    point, _, rep = run_id.partition("-")
    try:
        return int(point[1:]) < n_points and int(rep[1:]) < replications
    except ValueError:
        return False


@contextlib.contextmanager
def _workers(backend: str, scheduler: str | None, jobs: int) -> Iterator[RunMany]:
    """Yield ``run(task, specs, n_specs)``, an iterator of each run's rows as it finishes."""
    if backend == "local":
        with local_pool(jobs) as run:
            yield run
        return
    if backend == "loky":
        yield functools.partial(_joblib_run, n_jobs=jobs, backend="loky")
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
        yield _joblib_run


def _joblib_run(
    task: Task,
    specs: Iterable[RunSpec],
    n_specs: int,
    n_jobs: int = -1,
    backend: str | None = None,
) -> Iterator[RunRows]:
    """Run through ``joblib.Parallel`` (loky, or the configured dask), batches sized by joblib."""
    parallel = joblib.Parallel(
        n_jobs=n_jobs, backend=backend, return_as="generator_unordered", batch_size="auto"
    )
    return parallel(joblib.delayed(task)(spec) for spec in specs)


def _close(writer: _BatchWriter, store: Store, status: str, bar: tqdm) -> None:
    """Keep finished runs and close the session record, even if the disk is now full."""
    bar.close()
    try:
        writer.flush()  # keep runs that finished before an exception or Ctrl-C
    except OSError:
        status = "failed"  # the error that stopped the sweep is already being reported
    with contextlib.suppress(OSError):
        store.end_session(status, runs_done=writer.committed)


class _BatchWriter:
    """Buffers finished runs and commits them as one file per batch.

    A batch is written when it holds ``size`` runs or is ``FLUSH_S`` seconds
    old, so a killed sweep loses at most that much finished work (which the
    next sweep simply reruns) while the number of files stays small; and from
    the ``idle_from``-th run on, as each run arrives (a worker is idle by then,
    so the writes leave less for the end of the sweep, when every core waits).
    """

    def __init__(self, store: Store, size: int, idle_from: int) -> None:
        self.store, self.size, self.idle_from = store, size, idle_from
        self.buffer: list[RunRows] = []
        self.since = time.monotonic()
        self.runs, self.run_s, self.write_s = 0, 0.0, 0.0
        self.committed = 0
        """Runs written to disk (the rest are lost if the process dies now)."""

    def add(self, rows: RunRows) -> None:
        self.runs += 1
        self.run_s += rows.summary["run_s"]
        if not self.buffer:
            self.since = time.monotonic()
        self.buffer.append(rows)
        idle = self.runs >= self.idle_from
        if idle or len(self.buffer) >= self.size or time.monotonic() - self.since >= FLUSH_S:
            self.flush()
        if idle:  # read what the final collect needs while the last runs finish
            start = time.perf_counter()
            self.store.preread()
            self.write_s += time.perf_counter() - start

    def flush(self) -> None:
        if self.buffer:
            start = time.perf_counter()
            self.store.write_batch(self.buffer)
            self.write_s += time.perf_counter() - start
            self.committed += len(self.buffer)
            self.buffer = []
