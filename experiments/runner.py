"""One run as a pure function of (parameters, seed) returning tidy rows.

Workers never return the model, only plain rows, so results pickle cheaply
and the store can write them without knowing the model. The model function
is named by an import string (``"tightrope.model:simulate"``) so it travels to
spawned and dask workers by name and tests can swap in a surrogate.

Seeds: run (point p, replication r) gets the stream of
``SeedSequence(root_seed).spawn(n_points)[p].spawn(R)[r]``, i.e. spawn key
``(p, r)``. A run id therefore keeps its seed when replications are added
or the sweep is resumed, and streams of different runs are independent.
With ``common_random_numbers = true`` the point index is dropped from the
key (``(0, r)`` for every point): replication r of every design point gets
the same seed, so paired contrasts between points share their noise.
"""

from __future__ import annotations

import importlib
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from tightrope.experiments.codeversion import model_version
from tightrope.experiments.errors import UserError
from tightrope.experiments.spec import Experiment
from tightrope.experiments.watchdog import watch_parent
from tightrope.model.params import Params

DEFAULT_RUNNER = "tightrope.model:simulate"
ID_COLUMNS = ("run_id", "point_id", "replication", "seed")
TIMING_COLUMNS = (
    "run_s", "wall_s", "calls_per_s", "worker_pid", "worker_peak_mb", "task_start", "task_end",
)  # fmt: skip
"""Columns that measure the machine (speed, worker process and its peak memory, when the
task began and ended), not behaviour: they differ between identical runs."""

Runner = Callable[..., Any]


@dataclass(frozen=True)
class RunSpec:
    """Everything a worker needs for one run."""

    run_id: str
    point_id: int
    replication: int
    seed: int
    params: Params


class RunRows(NamedTuple):
    """The tidy output of one run: one summary row and optional daily rows.

    The daily rows stay the model's frame, without the ids (see :func:`daily_table`):
    a list of dicts cost the worker about 3 ms a run to build and the parent 40 ms a
    50-run batch to turn back into a frame.
    """

    summary: dict[str, Any]
    daily: pd.DataFrame | None


def run_id(point_id: int, replication: int) -> str:
    """Stable, sortable id of a run (zero-padded point and replication)."""
    return f"p{point_id:05d}-r{replication:03d}"


def seed_for(root_seed: int, point_id: int, replication: int) -> int:
    """Seed of one run as a Python int (Mesa 3.3 rejects numpy integers).

    63 bits, so collisions are negligible even for millions of runs and the
    value fits a signed parquet column.
    """
    seq = np.random.SeedSequence(root_seed, spawn_key=(point_id, replication))
    return int(seq.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


def plan_runs(experiment: Experiment, replications: int | None = None) -> Iterator[RunSpec]:
    """All runs of an experiment, point-major, generated lazily (a design may be huge).

    ``replications`` overrides the file's.
    """
    reps = experiment.replications if replications is None else replications
    if reps < 1:
        raise UserError(f"replications = {reps}: must be >= 1")
    crn = experiment.common_random_numbers
    return (
        RunSpec(run_id(p, r), p, r, seed_for(experiment.root_seed, 0 if crn else p, r), params)
        for p, params in enumerate(experiment.iter_params())
        for r in range(reps)
    )


def resolve_runner(runner: str | Runner | None) -> Runner:
    """Import ``"module:function"``; callables pass through."""
    if runner is None:
        runner = DEFAULT_RUNNER
    if callable(runner):
        return runner
    module_name, _, attr = runner.partition(":")
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError, ValueError) as err:
        raise UserError(f"runner {runner!r} cannot be imported: {err}") from None


def run_one(
    params: Params,
    seed: int,
    *,
    run_id: str = "",
    point_id: int = 0,
    replication: int = 0,
    daily: bool = False,
    runner: str | Runner | None = None,
) -> RunRows:
    """Run the model once and flatten its result into tidy rows.

    The summary row holds the ids, every parameter under its dotted key, the
    model's KPIs and ``run_s`` (this call's own time, for the overhead bench).
    """
    simulate = resolve_runner(runner)
    ids = {"run_id": run_id, "point_id": point_id, "replication": replication, "seed": int(seed)}
    start = time.perf_counter()
    result = simulate(params, int(seed), daily=daily)
    elapsed = time.perf_counter() - start
    flat = params.to_flat()
    clash = sorted((set(ids) | set(flat)) & set(result.summary))
    if clash:
        raise ValueError(f"model summary key {clash[0]!r} clashes with an id or parameter column")
    summary = {**ids, **flat, **result.summary, "run_s": elapsed, **_worker()}
    summary["model_code"] = model_version()[:16]
    days = None
    if daily:
        if result.daily is None:
            raise ValueError("daily output requested but the model returned none")
        days = result.daily
        clash = sorted(set(ids) & set(days.columns))
        if clash:
            raise ValueError(f"model daily column {clash[0]!r} clashes with an id column")
    return RunRows(summary, days)


def daily_table(rows: Sequence[RunRows]) -> pd.DataFrame | None:
    """Finished runs' daily rows as one frame, each run's ids as the first columns.

    The ids are added here, once a batch, not by the worker once a run (four column
    inserts cost about 0.9 ms, 2-3 % of a 35 ms run).
    """
    kept = [r for r in rows if r.daily is not None and len(r.daily)]
    if not kept:
        return None
    lengths = [len(r.daily) for r in kept]
    ids = {k: np.repeat(np.array([r.summary[k] for r in kept]), lengths) for k in ID_COLUMNS}
    days = pd.concat([r.daily for r in kept], ignore_index=True)
    return pd.concat([pd.DataFrame(ids), days], axis=1)


def _worker() -> dict[str, Any]:
    """This process's id and peak resident memory so far (for the sweep bench)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB (bytes on macOS)
    scale = 2**20 if sys.platform == "darwin" else 2**10
    return {"worker_pid": os.getpid(), "worker_peak_mb": peak / scale}


def run_spec(
    spec: RunSpec,
    *,
    daily: bool = False,
    runner: str | Runner | None = None,
    parent: int | None = None,
) -> RunRows:
    """Run one planned run; this is the task the sweep sends to workers.

    ``parent`` is the sweep's pid: a worker process it started ends itself when
    the sweep dies, even by SIGKILL (see :mod:`tightrope.experiments.watchdog`).
    ``task_start`` and ``task_end`` (epoch seconds, comparable between processes on
    one machine) place the task on the sweep's timeline, so ``bench/sweep.py`` can
    split the time not spent in runs into worker start-up, gaps between tasks and
    the tail.
    """
    task_start = time.time()
    watch_parent(parent)
    rows = run_one(
        spec.params,
        spec.seed,
        run_id=spec.run_id,
        point_id=spec.point_id,
        replication=spec.replication,
        daily=daily,
        runner=runner,
    )
    rows.summary["task_start"] = task_start
    rows.summary["task_end"] = time.time()
    return rows
