"""The paper's builds fit their budgets (issue 13: full <= 60 min, quick <= 10 min, 2 cores)."""

from __future__ import annotations

from tightrope.experiments.paper_budget import (
    FULL_RUN_DAYS_CAP,
    QUICK_RUN_DAYS_CAP,
    STAFFING_PLAN_RUN_DAYS,
    cost,
    paper_costs,
)
from tightrope.experiments.paper_cli import PAPER_EXPERIMENTS
from tightrope.experiments.spec import parse_experiment

PILOTED = """
name = "b"
replications = 3
root_seed = 1
[run]
days = 100
burn_in_days = 10
[fixed]
"staffing.policy" = "service_level"
[design]
kind = "grid"
[design.factors]
"regime.name" = ["service_only", "commission"]
"""


def test_full_build_run_days_fit_the_hour():
    costs = paper_costs()
    assert [c.name for c in costs] == list(PAPER_EXPERIMENTS)
    total = sum(c.run_days for c in costs)
    assert total <= FULL_RUN_DAYS_CAP, f"{total:,} run-days > {FULL_RUN_DAYS_CAP:,}"


def test_quick_build_run_days_fit_ten_minutes():
    total = sum(c.run_days for c in paper_costs(quick=True))
    assert total <= QUICK_RUN_DAYS_CAP, f"{total:,} run-days > {QUICK_RUN_DAYS_CAP:,}"


def test_cost_counts_the_staffing_pilots():
    """service_level runs add their staffing plan: 2 points x 3 reps x (100 + 140) days."""
    c = cost(parse_experiment(PILOTED))
    assert STAFFING_PLAN_RUN_DAYS == 140
    assert (c.runs, c.days, c.run_days) == (6, 100, 6 * 240)
