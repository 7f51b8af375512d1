"""Throughput of Tightrope's queue mode against SimPy and Ciw on the same M/M/c(+M) case.

Run by ``make bench``. Each contender is one function in :data:`CONTENDERS` with
``run_queue``'s signature, so a full-model row is one more entry. Every run is checked
against Erlang C / Erlang A so a fast but wrong contender shows up in the table. Also
checks that the queue mode's peak memory does not grow with the horizon (arrivals are
generated in blocks, so it should not). Benchmarks print; they never assert timings.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ is not installed

from bench.peers import ciw_queue, simpy_queue  # noqa: E402
from tightrope.model.validation.queue_mode import run_queue  # noqa: E402
from tightrope.model.validation.theory import erlang_a, erlang_c  # noqa: E402

RunQueue = Callable[..., dict[str, float]]


@dataclass(frozen=True)
class Contender:
    """A simulator of the case: ``run(agents, arrival_rate, aht, patience, minutes, seed)``."""

    name: str
    run: RunQueue


@dataclass(frozen=True)
class Case:
    """One M/M/c(+M) configuration; ``patience`` None means nobody hangs up."""

    label: str
    agents: int
    arrival_rate: float
    aht: float
    patience: float | None

    def theory_p_wait(self) -> float:
        """Exact P(wait): Erlang C without patience, Erlang A with it."""
        if self.patience is None:
            return erlang_c(self.agents, self.arrival_rate, self.aht).p_wait
        return erlang_a(self.agents, self.arrival_rate, self.aht, self.patience).p_wait


def full_model(
    agents: int,
    arrival_rate: float,
    aht: float,
    patience: float | None,
    minutes: float,
    seed: int,
    levers: dict[str, object] | None = None,
) -> dict[str, float]:
    """The full model on the same demand: every mechanism running, discretionary_rewards.

    Selling, warm-up, morale, skills, customers with repeat calls, attrition and
    hiring, a screen-pop tool, inbound sales calls and outbound blending are all on;
    the horizon is cut into 480-minute working days.
    """
    from tightrope.model import Params, simulate

    days = max(2, round(minutes / 480.0))
    values = {
        "regime.name": "discretionary_rewards",
        "staffing.reps": agents,
        "arrivals.rate": arrival_rate,
        "arrivals.sales_rate": 0.05 * arrival_rate,
        "service.aht": aht,
        "service.abandonment": patience is not None,
        "screenpop.enabled": True,
        "blending.outbound": True,
        "run.days": days,
        "run.burn_in_days": 1,
    }
    if patience is not None:
        values["service.patience"] = patience
    values |= levers or {}
    result = simulate(Params().replace(**values), seed).summary
    return result | {"simulated_calls": result["calls_per_s"] * result["wall_s"]}


#: Every management lever on (issue 7); the transition falls halfway through the horizon.
ALL_LEVERS: dict[str, object] = {
    "coaching.supervisor_ratio": 0.07,
    "coaching.peer_tenure_days": 60,
    "monitoring.review_share": 0.05,
    "transition.regime": "mandatory_upsell",
    "transition.design": "dedicated",
    "transition.prepared_managers": True,
    "coldcalls.enabled": True,
    "scoreboard.enabled": True,
    "contagion.rate": 0.2,
    "avoidance.max_probability": 0.3,
}


def full_with_levers(
    agents: int, arrival_rate: float, aht: float, patience: float | None, minutes: float, seed: int
) -> dict[str, float]:
    """The full model with every management lever on (a regime switch at mid-horizon)."""
    days = max(2, round(minutes / 480.0))
    levers = ALL_LEVERS | {"transition.day": max(2, days // 2)}
    return full_model(agents, arrival_rate, aht, patience, minutes, seed, levers)


CONTENDERS = [
    Contender("tightrope", run_queue),
    Contender("full", full_model),
    Contender("full+levers", full_with_levers),
    Contender("simpy", simpy_queue),
    Contender("ciw", ciw_queue),
]
BASELINE = "tightrope"
CASES = [
    Case("M/M/50, no abandonment", 50, 9.0, 5.0, None),
    Case("M/M/50+M, patience 3 min", 50, 9.0, 5.0, 3.0),
]
#: Flag a simulated P(wait) further than this from theory (20,000 min at rho = 0.9).
P_WAIT_TOLERANCE = 0.03


def best_of(contender: Contender, case: Case, minutes: float, repeat: int) -> dict[str, float]:
    """Fastest of ``repeat`` runs (seeds 0..repeat-1), timed around the whole call.

    ``p_wait`` is the mean over all the runs, so the theory check uses every seed.
    """
    best: dict[str, float] | None = None
    p_waits = []
    for seed in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = contender.run(
            case.agents, case.arrival_rate, case.aht, case.patience, minutes, seed
        )
        wall = time.perf_counter() - start
        p_waits.append(result["p_wait"])
        if best is None or wall < best["wall_s"]:
            best = result | {"wall_s": wall, "calls_per_s": result["simulated_calls"] / wall}
    assert best is not None
    return best | {"p_wait": sum(p_waits) / len(p_waits)}


def throughput_table(minutes: float, repeat: int) -> None:
    """Print calls/s per contender and case, speed ratios and the P(wait) check."""
    header = (
        f"{'case':<27} {'contender':<12} {'calls/s':>11} {'best s':>7} "
        f"{'p_wait':>7} {'theory':>7} {'check':>6}"
    )
    print(
        f"Throughput, {minutes:g} simulated minutes, best of {repeat} (p_wait: mean of {repeat})"
    )
    print(header)
    print("-" * len(header))
    for case in CASES:
        theory = case.theory_p_wait()
        rows = {c.name: best_of(c, case, minutes, repeat) for c in CONTENDERS}
        for name, r in rows.items():
            ok = abs(r["p_wait"] - theory) <= P_WAIT_TOLERANCE
            check = "n/a" if name.startswith("full") else ("ok" if ok else "OFF")
            print(
                f"{case.label:<27} {name:<12} {r['calls_per_s']:>11,.0f} {r['wall_s']:>7.2f} "
                f"{r['p_wait']:>7.4f} {theory:>7.4f} {check:>6}"
            )
        base = rows[BASELINE]["calls_per_s"]
        ratios = ", ".join(
            f"{BASELINE}/{name} = {base / r['calls_per_s']:.1f}x"
            for name, r in rows.items()
            if name != BASELINE
        )
        print(f"{'':<27} {ratios}")
        full_vs_simpy = rows["full"]["calls_per_s"] / rows["simpy"]["calls_per_s"]
        levers_vs_simpy = rows["full+levers"]["calls_per_s"] / rows["simpy"]["calls_per_s"]
        print(f"{'':<27} full model/simpy = {full_vs_simpy:.2f}x")
        print(f"{'':<27} full+levers/simpy = {levers_vs_simpy:.2f}x")


def peak_memory(horizons: tuple[float, ...], case: Case) -> None:
    """Print the queue mode's tracemalloc peak per horizon; it should stay flat."""
    peaks = []
    for minutes in horizons:
        gc.collect()
        tracemalloc.start()
        run_queue(case.agents, case.arrival_rate, case.aht, case.patience, minutes, seed=0)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    print(f"\nPeak memory of the queue mode ({case.label}, tracemalloc)")
    for minutes, peak in zip(horizons, peaks, strict=True):
        print(f"  {minutes:>8,.0f} min: {peak / 2**20:7.2f} MiB")
    growth = peaks[-1] / peaks[0]
    verdict = "flat" if growth < 1.5 else "GROWS with the horizon"
    print(f"  ratio {growth:.2f} ({verdict})")


def main(argv: list[str] | None = None) -> None:
    """Parse options and run the throughput table and the memory check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20_000.0, help="simulated horizon")
    parser.add_argument("--repeat", type=int, default=3, help="runs per contender; best kept")
    parser.add_argument(
        "--no-memory", action="store_true", help="skip the tracemalloc horizon check"
    )
    args = parser.parse_args(argv)
    throughput_table(args.minutes, args.repeat)
    if not args.no_memory:
        peak_memory((args.minutes, 4 * args.minutes), CASES[-1])


if __name__ == "__main__":
    main()
