"""Where a full-model run spends its time: cProfile of one run per regime, levers on and off.

Usage: ``python bench/hotspots.py [--days 250] [--reps 50] [--top 15] [--regime NAME ...]``

Prints, per case, the wall time, the share of it inside the call loop
(``run_day`` cumulative) and the top functions by own time. cProfile adds a
per-call cost that inflates small, frequently called functions, so read the
shares, not the absolute seconds. Benchmarks print; they never assert timings.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ is not installed

from bench.throughput import ALL_LEVERS  # noqa: E402
from tightrope.model import Params, simulate  # noqa: E402
from tightrope.model.regimes import REGIMES  # noqa: E402


def case_params(regime: str, days: int, reps: int, levers: bool) -> Params:
    """Default model for ``regime``; with ``levers`` every management lever is on."""
    burn_in = min(Params().run.burn_in_days, days - 1)
    values: dict[str, object] = {
        "regime.name": regime,
        "run.days": days,
        "run.burn_in_days": burn_in,
        "staffing.reps": reps,
    }
    if levers:
        target = "commission" if regime == "mandatory_upsell" else "mandatory_upsell"
        values |= ALL_LEVERS | {"transition.regime": target, "transition.day": days // 2}
    return Params().replace(**values)


def _where(key: tuple[str, int, str]) -> str:
    path, line, name = key
    short = "/".join(Path(path).parts[-2:]) if path != "~" else ""
    return f"{short}:{line}({name})" if short else name


def profile_case(params: Params, top: int) -> None:
    """Run once untimed-profiler (wall), once under cProfile; print the top own-time entries."""
    start = time.perf_counter()
    summary = simulate(params, 1).summary
    wall = time.perf_counter() - start
    profiler = cProfile.Profile()
    profiler.enable()
    simulate(params, 1)
    profiler.disable()
    stats = pstats.Stats(profiler)
    entries = stats.stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in entries.values())
    loop = next((ct for k, (_, _, _, ct, _) in entries.items() if k[2] == "run_day"), 0.0)
    calls = summary["calls_per_s"] * summary["wall_s"]
    print(
        f"  wall {wall:.2f} s, {calls / wall:,.0f} calls/s; profiled {total:.2f} s, "
        f"run_day (cumulative) {loop / total:.0%}"
    )
    print(f"  {'own %':>6} {'cum %':>6} {'calls':>10}  function")
    ranked = sorted(entries.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    for key, (_, ncalls, tt, ct, _) in ranked:
        print(f"  {tt / total:>6.1%} {ct / total:>6.1%} {ncalls:>10,}  {_where(key)}")


def main(argv: list[str] | None = None) -> None:
    """Profile each requested regime with levers off and on."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=250)
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--regime", nargs="+", default=list(REGIMES))
    parser.add_argument("--levers", choices=("off", "on", "both"), default="both")
    args = parser.parse_args(argv)
    settings = {"off": (False,), "on": (True,), "both": (False, True)}[args.levers]
    for regime in args.regime:
        for levers in settings:
            state = "on" if levers else "off"
            print(f"\n{regime}, levers {state}, {args.days} days, {args.reps} reps")
            profile_case(case_params(regime, args.days, args.reps, levers), args.top)


if __name__ == "__main__":
    main()
