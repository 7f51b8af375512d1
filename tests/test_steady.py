"""MSER-5 warm-up detection and the window trend test on constructed series."""

import numpy as np
import pandas as pd
import pytest

from tightrope.analysis.steady import SteadyStateError, check_steady, drift, mser, steady_table


def test_mser_finds_the_end_of_a_transient():
    rng = np.random.default_rng(3)
    days = np.arange(400)
    x = 40 + 10 * np.exp(-days / 20) + rng.normal(0, 0.5, days.size)
    d = mser(x)
    assert d % 5 == 0
    assert 40 <= d <= 150  # 10·exp(-d/20) falls below the noise between days 46 and 100


def test_mser_of_a_stationary_series_truncates_little():
    rng = np.random.default_rng(4)
    assert mser(rng.normal(0, 1, 400)) <= 100
    with pytest.raises(ValueError, match="at least 20"):
        mser(np.ones(10))


def test_drift_of_a_line_is_slope_times_window():
    days = np.arange(100, 200, dtype=float)
    assert drift(0.02 * days + 1, days) == pytest.approx(0.02 * 99)


def _daily(slope: float, burn_in: int = 50, reps: int = 8) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    rows = []
    for r in range(reps):
        for day in range(1, 301):
            level = 45 + slope * day + rng.normal(0, 1)
            rows.append({"run_id": f"r{r}", "day": day, "regime.name": "x", "active_reps": level})
    return pd.DataFrame(rows)


def test_a_trending_window_fails_the_build():
    table = steady_table(_daily(0.02), burn_in=50, series=["active_reps"])
    assert bool(table["trending"].iloc[0])  # 0.02 × 249 days ≈ 5 reps, 11 % of the level
    with pytest.raises(SteadyStateError, match="active_reps"):
        check_steady(table)


def test_a_flat_window_passes():
    table = steady_table(_daily(0.0), burn_in=50, series=["active_reps"])
    assert not table["trending"].any()
    check_steady(table)
