"""The ``sweep``, ``list`` and ``collect`` subcommands of ``tightrope``.

Each subcommand is a parser plus a small handler; :func:`add_sweep_commands`
registers them on the top-level subparsers (see :mod:`tightrope.experiments.cli`).
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

import pyarrow.parquet as pq

from tightrope.experiments import paths
from tightrope.experiments.catalog import catalog, human_seconds
from tightrope.experiments.execute import BACKENDS, DEFAULT_BACKEND, MAX_RUNS, sweep
from tightrope.experiments.runner import DEFAULT_RUNNER
from tightrope.experiments.spec import load_experiment
from tightrope.experiments.store import open_existing


def add_sweep_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``sweep``, ``list`` and ``collect``."""
    p = subparsers.add_parser(
        "sweep",
        help="run an experiment file (resumes where it stopped)",
        description="Run every run of an experiment; finished runs are skipped.",
    )
    p.add_argument("experiment", help="experiments/<name>.toml, or just <name>")
    p.add_argument(
        "-j", "--jobs", type=_jobs, default=None,
        help="processes (default: all cores; capped at cores and runs)",
    )  # fmt: skip
    p.add_argument(
        "--backend", choices=BACKENDS, default=DEFAULT_BACKEND,
        help="local: forked workers (default); loky: joblib's fresh workers; dask: a cluster",
    )  # fmt: skip
    p.add_argument("--scheduler", metavar="ADDR", help="dask scheduler, e.g. tcp://host:8786")
    p.add_argument("--replications", type=_positive, metavar="R", help="override the file's")
    p.add_argument("--fresh", action="store_true", help="discard this experiment's results first")
    p.add_argument("--quiet", action="store_true", help="no progress bar (for logs)")
    p.add_argument("--batch-size", type=_positive, metavar="N", help="runs per batch file")
    p.add_argument(
        "--allow-large",
        action="store_true",
        help=f"start an experiment of more than {MAX_RUNS:,} runs (refused otherwise)",
    )
    p.add_argument(
        "--runner",
        default=DEFAULT_RUNNER,
        metavar="MODULE:FUNC",
        help=f"model function with simulate's signature (default: {DEFAULT_RUNNER})",
    )
    p.set_defaults(handler=_sweep)

    p = subparsers.add_parser("list", help="list experiments with size and estimated time")
    p.add_argument("--dir", type=Path, default=paths.EXPERIMENTS_DIR, help="experiment folder")
    p.add_argument("-j", "--jobs", type=_jobs, default=None, help="cores assumed for the estimate")
    p.set_defaults(handler=_list)

    p = subparsers.add_parser("collect", help="combine an experiment's batches into one table")
    p.add_argument("experiment", help="experiment name or file")
    p.set_defaults(handler=_collect)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


def _jobs(text: str) -> int:
    """``--jobs``: a positive number of processes, or -1 for all cores."""
    if text.strip() == "-1":
        return -1
    try:
        return _positive(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: use a positive number of processes, or -1 for all cores"
        ) from None


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM ends a sweep like Ctrl-C: workers are stopped, finished runs committed."""
    raise KeyboardInterrupt


def _sweep(args: argparse.Namespace) -> int:
    signal.signal(signal.SIGTERM, _terminate)
    experiment = load_experiment(paths.experiment_file(args.experiment))
    backend = "dask" if args.scheduler else args.backend
    report = sweep(
        experiment,
        jobs=args.jobs,
        backend=backend,
        scheduler=args.scheduler,
        replications=args.replications,
        fresh=args.fresh,
        quiet=args.quiet,
        runner=args.runner,
        batch_size=args.batch_size,
        allow_large=args.allow_large,
    )
    stored = pq.ParquetFile(report.table).metadata.num_rows
    extra = "" if stored == report.planned else f" ({stored} runs in all, other replications too)"
    print(
        f"{report.name}: ran {report.ran} of {report.planned} runs "
        f"({report.skipped} already done) in {report.wall_s:.1f} s -> {report.table}{extra}"
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    rows = [("experiment", "design", "points", "reps", "runs", "est. time", "description")]
    for e in catalog(args.dir, args.jobs):
        est = human_seconds(e.est_s) + ("" if e.measured or e.est_s is None else " (guess)")
        rows.append(
            (e.name, e.kind, f"{e.points:,}", str(e.replications), f"{e.runs:,}", est, e.note)
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1])
    return 0


def _collect(args: argparse.Namespace) -> int:
    name = args.experiment
    if name.endswith(".toml"):
        name = load_experiment(name).name
    store = open_existing(name)
    busy = store.busy()
    path = store.collect()
    runs = store.table("runs")
    print(f"{name}: {len(runs)} runs -> {path}", file=sys.stdout)
    if busy:
        print(
            f"note: a sweep is still writing {store.dir}; this table holds only the "
            f"{len(runs)} runs finished so far",
            file=sys.stderr,
        )
    return 0
