"""Memory of a long sweep in one process: 4,000 two-day runs with ``--jobs 1`` (issue 16).

Mesa 3.3.1 kept every model alive (mesa#3179), so a 4,000-run sweep with
``--jobs 1`` once reached 5.7 GB. This bench runs the real command line,
``tightrope sweep EXP --jobs 1 --quiet``, as a child process on a generated
experiment (the five regimes x N/5 replications, ``run.days`` = 2, no burn-in),
then prints

- the child's peak resident memory (``ru_maxrss`` from ``wait4``), against the
  500 MB the issue allows;
- the growth curve: each run row's ``worker_peak_mb`` (the process's peak so far,
  recorded after that run) at a few run counts, in execution order.

With ``--jobs 1`` the runs execute in the sweep's own process, so its peak is
the whole story. About 10-15 minutes on a quiet core for 4,000 runs.

Usage: ``python bench/memory.py [--runs 4000] [--days 2] [--limit-mb 500]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from tightrope.model.regimes import REGIMES

EXPERIMENT = """
name = "memory"
description = "bench/memory.py: many short runs in one process"
replications = {replications}
root_seed = 16

[run]
days = {days}
burn_in_days = 0

[design]
kind = "grid"

[design.factors]
"regime.name" = [{regimes}]
"""


def measure(runs: int, days: int) -> tuple[float, float, pd.Series]:
    """Run the sweep in a child; return its peak MB, wall seconds and peak MB per run."""
    regimes = list(REGIMES)
    replications = max(1, runs // len(regimes))
    with tempfile.TemporaryDirectory(prefix="tightrope-memory-") as tmp:
        toml = Path(tmp) / "memory.toml"
        toml.write_text(
            EXPERIMENT.format(
                replications=replications,
                days=days,
                regimes=", ".join(f'"{r}"' for r in regimes),
            )
        )
        env = {**os.environ, "TIGHTROPE_RESULTS": str(Path(tmp) / "results")}
        cmd = [sys.executable, "-m", "tightrope.experiments.cli", "sweep", str(toml),
               "--jobs", "1", "--quiet"]  # fmt: skip
        start = time.perf_counter()
        child = subprocess.Popen(cmd, env=env)  # noqa: S603 - our own CLI, fixed arguments
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise SystemExit(f"sweep failed with exit status {child.returncode}")
        table = pd.read_parquet(Path(tmp) / "results" / "memory" / "runs.parquet")
    scale = 2**20 if sys.platform == "darwin" else 2**10  # ru_maxrss: bytes on macOS, else kB
    ordered = table.sort_values(["point_id", "replication"])  # the order --jobs 1 ran them in
    curve = ordered["worker_peak_mb"].reset_index(drop=True)
    curve.index += 1  # run count
    return usage.ru_maxrss / scale, wall, curve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=4000, help="runs in the sweep")
    parser.add_argument("--days", type=int, default=2, help="working days per run")
    parser.add_argument("--limit-mb", type=float, default=500.0, help="allowed peak (MB)")
    args = parser.parse_args(argv)
    peak, wall, curve = measure(args.runs, args.days)
    print(f"{len(curve):,} runs of {args.days} days, --jobs 1: {wall:.0f} s wall")
    print(f"{'runs done':>10}  {'peak MB so far':>14}")
    for n in sorted({1, 100, 500, 1000, 2000, len(curve)} & set(curve.index)):
        print(f"{n:>10,}  {curve[n]:>14.1f}")
    first = min(100, len(curve))
    print(f"growth after the first {first} runs: {curve.iloc[-1] - curve[first]:+.1f} MB")
    verdict = "within" if peak < args.limit_mb else "ABOVE"
    print(f"peak resident memory of the sweep: {peak:.1f} MB ({verdict} {args.limit_mb:g} MB)")
    return 0 if peak < args.limit_mb else 1


if __name__ == "__main__":
    sys.exit(main())
