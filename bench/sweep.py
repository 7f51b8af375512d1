"""Sweep-engine benchmark: the smoke experiment with --jobs 1 and --jobs 2.

Prints runs per second, the 2-core speed-up and the engine's overhead.
Overhead is the share of worker time not spent inside runs:
``1 - sum(run_s) / (jobs * sweep wall time)`` (for one job this is
``(wall - sum(run_s)) / wall``). ``run_s`` is each run's own time measured
around ``tightrope.model.simulate`` in the worker; the model's ``wall_s`` excludes
building the parameter-to-row conversion and is reported alongside.
Targets (issue 5): speed-up >= 1.8 and overhead < 5 %.

Shared or virtual machines do not always deliver their nominal cores, so
the bench first measures the machine's own ceiling: the speed-up of a pure
Python CPU loop run in 1 and in N processes. A sweep speed-up is only
meaningful next to that number.

Each worker reports its peak resident memory (``worker_peak_mb``, the
process's ``ru_maxrss`` after each run); the bench prints the largest per
worker, which must stay flat however many runs a worker does (issue 16).

``--days`` shortens every run (burn-in capped below it): runs a third as long
stand in for the same sweep on a model three times faster, which is where a
fixed per-run overhead would start to show.

Where the overhead goes: each row's ``task_start`` and ``task_end`` (epoch
seconds, set by the worker) and the sweep's start split ``jobs * wall`` exactly
into: ``runs`` (sum of ``run_s``), ``start-up`` (sweep start to each worker's
first task: the parent loading the compiled loop, about 0.35 s, then starting the
worker: milliseconds when forked, seconds of imports when spawned), ``wrap``
(inside a task but outside the model: flattening the rows), ``gaps`` (between a
worker's tasks: dispatch, pickling, results back, waiting on the parent),
``tail`` (a worker's last task to the sweep's end: waiting for the other workers,
the last batch write and the final collect) and ``unused`` (job slots that never
got a worker). The parent's own seconds (loading, writing,
collecting, its CPU time) overlap those and are printed alongside. Each job count
runs in a fresh process, as from the command line, so each sweep pays its own
loading of the compiled loop. ``--replications 24`` (120 runs, about a minute
on 2 cores) shows the overhead once that fixed start-up is spread over more runs.

One cost is the model's, not the engine's: loading the compiled day loop from
numba's cache, once per process (0.3-0.5 s). A one-job sweep pays it inside its
first run (so as ``run_s``); a sweep with workers pays it once in the parent before
forking them (so as start-up, while the workers wait). Counted as start-up, it
alone is about 3 % of a 12-20 s two-job smoke sweep. The bench therefore prints
the engine's overhead both ways: as measured, and with that one load counted as
model time in every job count, as the one-job row already counts it.

Usage: ``python bench/sweep.py [experiment] [--jobs 1 2] [--days N] [--replications R]
[--backend local|loky]``
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

from tightrope.experiments import paths
from tightrope.experiments.execute import DEFAULT_BACKEND, sweep
from tightrope.experiments.spec import Experiment, load_experiment
from tightrope.model.params import Params


def shortened(experiment: Experiment, days: int) -> Experiment:
    """``experiment`` with every run cut to ``days`` (burn-in kept below the horizon).

    Set through the fixed values, so a design factor on ``run.days`` would win.
    """
    burn_in = experiment.fixed.get("run.burn_in_days", Params().run.burn_in_days)
    fixed = {**experiment.fixed, "run.days": days, "run.burn_in_days": min(burn_in, days - 1)}
    return dataclasses.replace(experiment, fixed=fixed)


def decompose(runs: pd.DataFrame, started: float, wall: float, jobs: int) -> dict[str, float]:
    """Split ``jobs * wall`` core-seconds of a sweep into where they went (see the module doc).

    ``started`` and the rows' ``task_start`` / ``task_end`` are epoch seconds on one clock.
    """
    end = started + wall
    parts = dict.fromkeys(("runs", "start-up", "wrap", "gaps", "tail", "unused"), 0.0)
    for _, worker in runs.sort_values("task_start").groupby("worker_pid"):
        first, last = worker["task_start"].to_numpy(), worker["task_end"].to_numpy()
        parts["runs"] += float(worker["run_s"].sum())
        parts["start-up"] += float(first[0] - started)
        parts["wrap"] += float((last - first).sum() - worker["run_s"].sum())
        parts["gaps"] += float((first[1:] - last[:-1]).sum())
        parts["tail"] += float(end - last[-1])
    parts["unused"] = max(0, jobs - runs["worker_pid"].nunique()) * wall
    return parts


def bench(
    name: str,
    jobs: list[int],
    days: int | None = None,
    replications: int | None = None,
    backend: str = DEFAULT_BACKEND,
) -> list[dict[str, Any]]:
    """Run the experiment once per job count, each in a fresh process; one dict each.

    A fresh process per sweep, as from the command line: its first sweep loads the
    compiled loop (not left loaded by the previous job count's sweep).
    """
    rows = []
    for n in jobs:
        extra = ["--days", str(days)] if days else []
        extra += ["--replications", str(replications)] if replications else []
        extra += ["--backend", backend]
        cmd = [sys.executable, __file__, name, "--one", str(n), *extra]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout  # noqa: S603
        rows.append(json.loads(out.strip().splitlines()[-1]))
    return rows


def one(
    name: str,
    n: int,
    days: int | None = None,
    replications: int | None = None,
    backend: str = DEFAULT_BACKEND,
) -> dict[str, Any]:
    """Run the experiment fresh with ``n`` jobs in this process; its result dict."""
    experiment = load_experiment(paths.experiment_file(name))
    if days is not None:
        experiment = shortened(experiment, days)
    with tempfile.TemporaryDirectory(prefix="tightrope-bench-") as tmp:
        report = sweep(
            experiment,
            jobs=n,
            backend=backend,
            quiet=True,
            replications=replications,
            results_root=Path(tmp),
        )
        runs = pd.read_parquet(report.table)
        return {
            "jobs": n,
            "runs": report.ran,
            "wall_s": report.wall_s,
            "runs_per_s": report.ran / report.wall_s,
            "sum_run_s": float(runs["run_s"].sum()),
            "sum_model_wall_s": float(runs["wall_s"].sum()) if "wall_s" in runs else 0.0,
            "overhead": 1 - runs["run_s"].sum() / (n * report.wall_s),
            # The parent's load of the compiled loop counted as model time (every worker
            # waited for it), as a one-job sweep counts it inside its first run.
            "overhead_engine": 1
            - (runs["run_s"].sum() + n * report.parent_s["load"]) / (n * report.wall_s),
            "workers": int(runs["worker_pid"].nunique()),
            "peak_mb": float(runs.groupby("worker_pid")["worker_peak_mb"].max().max()),
            "parts": decompose(runs, report.started, report.wall_s, n),
            "parent": report.parent_s,
        }


def _spin(_: int) -> float:
    """About a second of pure-Python CPU work; returns its duration."""
    start = time.perf_counter()
    total = 0
    for i in range(15_000_000):
        total += i * i
    return time.perf_counter() - start


def machine_ceiling(jobs: int) -> float:
    """Speed-up of ``jobs`` processes over one on a CPU-bound loop with no engine at all."""
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        pool.map(_spin, range(jobs))  # warm the pool
        one = time.perf_counter()
        pool.map(_spin, [0])
        one = time.perf_counter() - one
        many = time.perf_counter()
        pool.map(_spin, range(jobs), chunksize=1)
        many = time.perf_counter() - many
    return jobs * one / many


def main() -> None:
    """Print the benchmark table, speed-up and overhead."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("experiment", nargs="?", default="smoke")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--days", type=int, help="cut every run to this many days")
    parser.add_argument("--replications", type=int, help="override the file's replications")
    parser.add_argument(
        "--backend", choices=("local", "loky"), default=DEFAULT_BACKEND,
        help="local: forked workers (the default); loky: joblib's fresh workers",
    )  # fmt: skip
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one sweep, as JSON
    args = parser.parse_args()
    if args.one:
        result = one(args.experiment, args.one, args.days, args.replications, args.backend)
        print(json.dumps(result))
        return
    top = max(args.jobs)
    before = machine_ceiling(top)
    rows = bench(args.experiment, args.jobs, args.days, args.replications, args.backend)
    after = machine_ceiling(top)
    days = f", runs cut to {args.days} days" if args.days else ""
    print(f"sweep benchmark: experiment {args.experiment!r}{days}, backend {args.backend!r}")
    print(
        f"machine ceiling, {top} processes on a pure CPU loop: "
        f"{before:.2f}x before, {after:.2f}x after"
    )
    print(
        f"{'jobs':>4} {'runs':>5} {'wall s':>8} {'runs/s':>8} {'sum run_s':>10} {'overhead':>9} "
        f"{'workers':>7} {'peak MB/worker':>14}"
    )
    for r in rows:
        print(
            f"{r['jobs']:>4} {r['runs']:>5} {r['wall_s']:>8.2f} {r['runs_per_s']:>8.2f} "
            f"{r['sum_run_s']:>10.2f} {r['overhead']:>8.1%} {r['workers']:>7} "
            f"{r['peak_mb']:>14.0f}"
        )
    print("where jobs x wall went (core-seconds, share of jobs x wall):")
    for r in rows:
        parts = r["parts"]
        shares = "  ".join(
            f"{k} {v:.2f} ({v / (r['jobs'] * r['wall_s']):.1%})" for k, v in parts.items()
        )
        print(f"  jobs={r['jobs']}: {shares}")
        workers = max(1, r["workers"])
        parent = "  ".join(f"{k} {v:.2f}" for k, v in r["parent"].items())
        print(
            f"    start-up {parts['start-up'] / workers:.2f} s a worker, gaps + wrap "
            f"{1000 * (parts['gaps'] + parts['wrap']) / r['runs']:.0f} ms a run, "
            f"tail {parts['tail'] / workers:.2f} s a worker; parent s: {parent}"
        )
    base = rows[0]
    for r in rows[1:]:
        speedup = r["runs_per_s"] / base["runs_per_s"]
        print(f"speed-up jobs={r['jobs']} vs jobs={base['jobs']}: {speedup:.2f}x (target >= 1.8x)")
    worst = max(r["overhead"] for r in rows)
    engine = max(r["overhead_engine"] for r in rows)
    print(
        f"engine overhead (worst): {engine:.1%} with the compiled loop's load counted as "
        f"model time in every job count, {worst:.1%} as measured (target < 5%)"
    )


if __name__ == "__main__":
    main()
