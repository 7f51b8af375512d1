"""The paper's compute budget: run-days per experiment, and the limits the build must fit.

The cost of a run grows with the days it simulates (a day of the default
centre is a few thousand calls), so the budget counts **run-days**: runs ×
days, plus the staffing plan of every ``service_level`` run (pilots and queue
simulations, :data:`STAFFING_PLAN_RUN_DAYS`), with a validation run's one long
day counted in default-length days. CPU time per
run-day was measured on the project machine (see :data:`CPU_S_PER_RUN_DAY`);
``make paper`` must stay within 60 minutes and ``make paper-quick`` within
10 minutes on 2 cores, so the totals are pinned by ``tests/test_paper_budget.py``.
``python -m tightrope.experiments.paper_budget`` prints the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from tightrope.experiments import paths
from tightrope.experiments.spec import Experiment, load_experiment

CPU_S_PER_RUN_DAY = 0.010
"""CPU seconds per simulated run-day, measured on the whole full build with the compiled
day loop (issue 14): ``tightrope paper --jobs 2`` from a fresh store, 25 Nov 2026, used
2,656 CPU s (user + sys of ``/usr/bin/time -v``, workers included) for 282,420 run-days,
9.4 ms a run-day, with loading, the Sobol bootstrap, figures and rendering included.
Measured on the shared 2-core machine at a load of 3 to 5; a single quiet run is 5-6 ms
(bench/README.md), so 10 ms is conservative. The interpreted loop it replaced cost 28 ms."""
CORES = 2
FULL_BUDGET_MIN = 60.0
QUICK_BUDGET_MIN = 10.0
STAFFING_PLAN_RUN_DAYS = 140
"""Cost of planning a ``service_level`` run (two 30-day pilots plus the trace-driven queue
simulations of candidate headcounts) in run-days: measured as the extra CPU of a 40-day
run with ``service_level`` over ``fixed`` staffing, 3.2-4.1 s = 86-137 run-days
(service_only, mandatory_upsell, specialised); the pilots alone are 60."""
OVERHEAD_MIN = 3.0
"""Assumption: loading results, the Sobol bootstrap, figures and rendering."""
FULL_RUN_DAYS_CAP = int((FULL_BUDGET_MIN - OVERHEAD_MIN) * 60 * CORES / CPU_S_PER_RUN_DAY)
"""Run-days that fit the full build on 2 cores after the overhead."""
QUICK_RUN_DAYS_CAP = int((QUICK_BUDGET_MIN - OVERHEAD_MIN) * 60 * CORES / CPU_S_PER_RUN_DAY)


@dataclass(frozen=True)
class Cost:
    """One experiment's size and estimated cost."""

    name: str
    runs: int
    days: int
    run_days: int

    @property
    def cpu_min(self) -> float:
        """Estimated CPU minutes (divide by the cores for wall time)."""
        return self.run_days * CPU_S_PER_RUN_DAY / 60.0


def cost(exp: Experiment) -> Cost:
    """Run-days of ``exp``: each point's days (+ pilots) times the replications."""
    per_rep = 0
    days = 0
    for p in exp.iter_params():
        pilot = 0
        if p.staffing.policy == "service_level":
            pilot = round(STAFFING_PLAN_RUN_DAYS * p.staffing.pilot_days / 30)
        length = p.staffing.day_minutes / 480.0  # a validation day is one long shift
        per_rep += round((p.run.days + pilot) * length)
        days = max(days, p.run.days)
    return Cost(exp.name, exp.n_runs, days, per_rep * exp.replications)


def paper_costs(quick: bool = False) -> list[Cost]:
    """The cost of every experiment the paper runs (the quick variants if ``quick``)."""
    from tightrope.experiments.paper_cli import PAPER_EXPERIMENTS, quick_experiment

    if quick:
        return [cost(quick_experiment(name)) for name in PAPER_EXPERIMENTS]
    return [cost(load_experiment(paths.experiment_file(n))) for n in PAPER_EXPERIMENTS]


def budget_markdown(costs: list[Cost]) -> str:
    """The budget table: experiment, runs, days, run-days, estimated CPU minutes."""
    lines = [
        "| experiment | runs | days | run-days | est. CPU-min |",
        "|---|---:|---:|---:|---:|",
    ]
    for c in costs:
        lines.append(f"| {c.name} | {c.runs:,} | {c.days} | {c.run_days:,} | {c.cpu_min:.0f} |")
    total = sum(c.run_days for c in costs)
    cpu = sum(c.cpu_min for c in costs)
    lines.append(f"| total | {sum(c.runs for c in costs):,} | | {total:,} | {cpu:.0f} |")
    lines.append("")
    lines.append(
        f"Estimated wall time on {CORES} cores: {cpu / CORES + OVERHEAD_MIN:.0f} min "
        f"({CPU_S_PER_RUN_DAY * 1000:.0f} ms CPU per run-day, {OVERHEAD_MIN:g} min overhead)."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print("Full build (`make paper`):\n")
    print(budget_markdown(paper_costs()))
    print("\nQuick build (`make paper-quick`):\n")
    print(budget_markdown(paper_costs(quick=True)))
