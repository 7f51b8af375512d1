"""The queue-only mode reproduces Erlang C and Erlang A within Monte-Carlo bounds.

Each case runs independent replications (separate seeds) of the real model
with behaviour off; the exact value must lie inside the 99% t-interval of
the replication means. The cases include utilisation >= 0.95 and heavy
abandonment.
"""

import math

import numpy as np
import pytest
from scipy import stats

from tightrope.model.validation import theory
from tightrope.model.validation.queue_mode import run_queue

REPLICATIONS = 12
CASES = {
    # name: (agents, rate/min, aht min, patience min or None, minutes)
    "C-moderate": (10, 1.6, 5.0, None, 6000.0),
    "C-rho-0.96": (50, 9.6, 5.0, None, 12000.0),
    "A-heavy-abandonment": (20, 5.0, 5.0, 2.0, 6000.0),
    "A-small-patient": (5, 1.0, 4.0, 10.0, 8000.0),
}


def _interval(values: list[float], level: float = 0.99) -> tuple[float, float]:
    sample = np.asarray(values)
    half = stats.t.ppf(0.5 + level / 2, sample.size - 1) * sample.std(ddof=1)
    half /= math.sqrt(sample.size)
    return sample.mean() - half, sample.mean() + half


@pytest.mark.parametrize("name", list(CASES))
def test_queue_mode_matches_exact_theory(name):
    """Simulated P(wait), mean wait, P(abandon) and service level bracket the exact values."""
    agents, rate, aht, patience, minutes = CASES[name]
    runs = [run_queue(agents, rate, aht, patience, minutes, seed) for seed in range(REPLICATIONS)]
    if patience is None:
        exact = theory.erlang_c(agents, rate, aht)
        expected = {
            "p_wait": exact.p_wait,
            "mean_wait": exact.asa,
            "service_level_20s": exact.service_level(20 / 60),
        }
    else:
        exact = theory.erlang_a(agents, rate, aht, patience)
        expected = {
            "p_wait": exact.p_wait,
            "mean_wait": exact.mean_wait,
            "p_abandon": exact.p_abandon,
            "service_level_20s": exact.service_level(20 / 60),
        }
    for key, value in expected.items():
        lo, hi = _interval([run[key] for run in runs])
        assert lo <= value <= hi, f"{name} {key}: exact {value:.4f} outside [{lo:.4f}, {hi:.4f}]"


def test_utilisation_case_is_high():
    """The high-load Erlang C case really is at utilisation >= 0.95."""
    agents, rate, aht, _, _ = CASES["C-rho-0.96"]
    assert rate * aht / agents >= 0.95
