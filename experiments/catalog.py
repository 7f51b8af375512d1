"""What experiments exist, how big they are and roughly how long they take.

The estimate uses the mean run time already measured in the experiment's
store when there is one; otherwise it scales the expected number of calls
by an assumed model throughput, so it is a guess until a first sweep ran.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import joblib

from tightrope.experiments import paths
from tightrope.experiments.errors import UserError
from tightrope.experiments.spec import Experiment, load_experiment
from tightrope.experiments.store import Store

ASSUMED_CALLS_PER_S = 500_000.0
"""Model throughput used before any run is measured (calibrate with ``make bench``)."""
ASSUMED_RUN_OVERHEAD_S = 0.15
"""Fixed cost of one run (building the centre, daily phases, rows) before any is measured:
100 two-day runs of the default centre took 16-21 s on the 2-core dev machine (issue 16)."""


@dataclass(frozen=True)
class Entry:
    """One line of ``tightrope list``."""

    name: str
    path: Path
    kind: str
    points: int
    replications: int
    est_s: float | None
    measured: bool
    note: str

    @property
    def runs(self) -> int:
        """Design points times replications."""
        return self.points * self.replications


def catalog(directory: Path | None = None, jobs: int | None = None) -> list[Entry]:
    """Every ``*.toml`` experiment in ``directory``; invalid ones carry their error."""
    cores = jobs if jobs and jobs > 0 else joblib.cpu_count()
    folder = directory or paths.EXPERIMENTS_DIR
    if not folder.is_dir():
        raise UserError(f"{folder}: no such directory of experiment files")
    entries = []
    for path in sorted(folder.glob("*.toml")):
        try:
            exp = load_experiment(path)
        except UserError as err:
            entries.append(Entry(path.stem, path, "-", 0, 0, None, False, f"INVALID: {err}"))
            continue
        per_run, measured = run_seconds(exp)
        est = per_run * exp.n_runs / max(1, min(cores, exp.n_runs))
        entries.append(
            Entry(exp.name, path, exp.design.kind, exp.n_points, exp.replications, est, measured,
                  exp.description.strip().splitlines()[0] if exp.description.strip() else "")
        )  # fmt: skip
    return entries


def run_seconds(exp: Experiment) -> tuple[float, bool]:
    """Mean seconds per run: measured in the store if possible, else estimated."""
    directory = paths.results_dir(exp.name)
    if (directory / "manifest.json").exists():
        runs = Store(directory).table("runs")
        if "run_s" in runs and len(runs):
            return float(runs["run_s"].mean()), True
    sample = exp.representative_params()  # never the whole design: it may be huge
    calls = [p.arrivals.rate * p.staffing.day_minutes * p.run.days for p in sample]
    return ASSUMED_RUN_OVERHEAD_S + sum(calls) / len(calls) / ASSUMED_CALLS_PER_S, False


def estimate_seconds(exp: Experiment, n_runs: int, jobs: int | None = None) -> float:
    """Wall time of ``n_runs`` runs of ``exp`` on ``jobs`` cores (default: all)."""
    cores = jobs if jobs and jobs > 0 else joblib.cpu_count()
    per_run, _ = run_seconds(exp)
    return per_run * n_runs / max(1, min(cores, n_runs))


def human_seconds(seconds: float | None) -> str:
    """``42 s``, ``3.5 min``, ``2.1 h``."""
    if seconds is None:
        return "-"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"
