"""How the full model scales: calls/s and peak memory per run for 10 to 1,000 reps.

Run by ``make bench``. Demand and the customer population grow with the
headcount (``arrivals.rate`` and ``customers.population`` times reps/50), so
every row is the same centre at a different size: if cost is linear in calls,
calls/s stays flat down the table. A second table runs one size over a short
and a four times longer horizon: peak memory should not grow with the horizon.

Each row is its own subprocess, so its peak resident memory (``ru_maxrss``) is
its own. ``peak MiB`` is the growth of the peak during the run, over the process
after imports and set-up (interpreter, numpy, pandas, Mesa are not counted, nor
the compiled day loop: a one-day run of a small centre loads it first).
calls/s and us/call are per CPU second of the run (``process_time``), which a
busy machine disturbs far less than wall time; wall time is shown too.
Shared machines are noisy: read ratios between rows of the same run.
Benchmarks print; they never assert timings.

Usage: ``python bench/scaling.py [--days 50] [--reps 10 50 200 1000] [--regime NAME]``
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

REFERENCE_REPS = 50
"""The default centre's headcount, against which demand is scaled."""


def scaled_values(reps: int, days: int, regime: str) -> dict[str, object]:
    """Parameter overrides for a centre of ``reps`` with demand scaled from the default."""
    from tightrope.model import Params

    p = Params()
    scale = reps / REFERENCE_REPS
    return {
        "regime.name": regime,
        "staffing.reps": reps,
        "arrivals.rate": p.arrivals.rate * scale,
        "arrivals.sales_rate": p.arrivals.sales_rate * scale,
        "customers.population": round(p.customers.population * scale),
        "run.days": days,
        "run.burn_in_days": min(p.run.burn_in_days, days - 1),
    }


def child(reps: int, days: int, regime: str) -> None:
    """Run one centre in this process; print wall time, calls and peak-memory growth as JSON."""
    from tightrope.model import Params, simulate

    params = Params().replace(**scaled_values(reps, days, regime))
    # Load the compiled day loop (numba's cache) before measuring: a fixed cost per process.
    simulate(Params().replace(**scaled_values(10, 2, regime)), 0)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start = time.perf_counter(), time.process_time()
    summary = simulate(params, 1).summary
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    calls = summary["calls_per_s"] * summary["wall_s"]
    print(
        json.dumps(
            {
                "wall_s": wall,
                "cpu_s": cpu,
                "calls": calls,
                "peak_kib": after - before,
                "rss_kib": after,
            }
        )
    )


def measure(reps: int, days: int, regime: str) -> dict[str, float]:
    """One row, in a fresh interpreter."""
    out = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, __file__, "--child", str(reps), str(days), regime],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_row(label: str, r: dict[str, float]) -> None:
    """One table line."""
    print(
        f"{label:>14} {r['calls']:>11,.0f} {r['wall_s']:>8.2f} {r['cpu_s']:>7.2f} "
        f"{r['calls'] / r['cpu_s']:>10,.0f} {1e6 * r['cpu_s'] / r['calls']:>8.2f} "
        f"{r['peak_kib'] / 1024:>9.1f} "
        f"{r['rss_kib'] / 1024:>8.0f}"
    )


HEADER = (
    f"{'':>14} {'calls':>11} {'wall s':>8} {'cpu s':>7} {'calls/s':>10} {'us/call':>8} "
    f"{'peak MiB':>9} "
    f"{'RSS MiB':>8}"
)


def main(argv: list[str] | None = None) -> None:
    """Print the size table and the horizon table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=50, help="horizon of the size table")
    parser.add_argument("--reps", type=int, nargs="+", default=[10, 50, 200, 1000])
    parser.add_argument("--regime", default="discretionary_rewards")
    parser.add_argument(
        "--horizon-reps", type=int, default=200, help="size of the horizon check (0 skips it)"
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("REPS", "DAYS", "REGIME"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        child(int(args.child[0]), int(args.child[1]), args.child[2])
        return
    print(f"Scaling, full model ({args.regime}), demand and customers scaled with reps, seed 1")
    print(f"{args.days} days per run, one subprocess per row")
    print(HEADER)
    print("-" * len(HEADER))
    rows = {}
    for reps in args.reps:
        rows[reps] = measure(reps, args.days, args.regime)
        print_row(f"{reps} reps", rows[reps])
    first, last = rows[args.reps[0]], rows[args.reps[-1]]
    cost = (last["cpu_s"] / last["calls"]) / (first["cpu_s"] / first["calls"])
    print(
        f"cost per call, {args.reps[-1]} vs {args.reps[0]} reps: {cost:.2f}x "
        f"({'linear in calls' if cost < 1.3 else 'GROWS faster than calls'})"
    )
    if args.horizon_reps:
        n = args.horizon_reps
        print(f"\nHorizon, {n} reps: peak memory should not grow with the days simulated")
        print(HEADER)
        print("-" * len(HEADER))
        short = measure(n, args.days, args.regime)
        long = measure(n, 4 * args.days, args.regime)
        print_row(f"{args.days} days", short)
        print_row(f"{4 * args.days} days", long)
        growth = long["peak_kib"] / max(short["peak_kib"], 1)
        print(
            f"peak growth, {4 * args.days} vs {args.days} days: {growth:.2f}x "
            f"({'flat' if growth < 1.5 else 'GROWS with the horizon'})"
        )


if __name__ == "__main__":
    main()
