"""The seed is the unit: a synthetic data set whose correct interval is known pins the pairing."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tightrope.analysis.aggregate import estimate
from tightrope.analysis.replication import (
    distinct_runs,
    duplicate_report,
    seed_contrast,
    seed_contrast_by,
)

SEEDS = 10
CELL_EFFECT = (0.0, 0.3, 0.6)  # treatment cells differ by a known amount


def _design(seed: int = 5) -> tuple[pd.DataFrame, np.ndarray]:
    """Tool on (3 cells) vs off (3 inert, bit-identical copies), 10 seeds.

    Per seed r: off = u_r, on at cell j = u_r + d_r + e_j. The per-seed contrast
    (mean of the on cells minus off) is d_r + mean(e), so its correct 95 %
    interval is the t-interval of those 10 numbers with 9 degrees of freedom.
    """
    rng = np.random.default_rng(seed)
    u = rng.normal(10, 3, SEEDS)  # shared noise under common random numbers
    d = rng.normal(1.0, 0.5, SEEDS)
    rows = []
    for r in range(SEEDS):
        for j, e in enumerate(CELL_EFFECT):
            rows.append(
                {"replication": r, "tool.on": True, "tool.rate": j, "csat": u[r] + d[r] + e}
            )
            rows.append({"replication": r, "tool.on": False, "tool.rate": j, "csat": u[r]})
    return pd.DataFrame(rows), d + np.mean(CELL_EFFECT)


def test_contrast_interval_is_the_t_interval_over_seeds():
    df, per_seed = _design()
    c = seed_contrast(df, "tool.on", True, False, "csat")
    half = stats.t.ppf(0.975, SEEDS - 1) * per_seed.std(ddof=1) / np.sqrt(SEEDS)
    assert c.n == SEEDS
    assert c.diff == pytest.approx(per_seed.mean())
    assert (c.ci_lo, c.ci_hi) == pytest.approx((per_seed.mean() - half, per_seed.mean() + half))
    assert c.p == pytest.approx(stats.ttest_1samp(per_seed, 0.0).pvalue)
    # the pseudo-replicated interval (30 "pairs", 29 df) would be narrower
    naive = df[df["tool.on"]]["csat"].to_numpy() - df[~df["tool.on"]]["csat"].to_numpy()
    naive_half = stats.t.ppf(0.975, naive.size - 1) * naive.std(ddof=1) / np.sqrt(naive.size)
    assert naive_half < 0.8 * half


def test_duplicates_are_counted_once():
    df, _ = _design()
    report = duplicate_report(df)
    assert report == {"runs": 60, "distinct": 40, "seeds": SEEDS}
    assert len(distinct_runs(df[~df["tool.on"]])) == SEEDS


def test_unbalanced_duplicates_do_not_reweight_an_arm():
    """Two cells that are one simulation count once: the arm mean is over distinct runs."""
    rows = []
    for r in range(4):
        rows += [
            {"replication": r, "arm": "a", "cell": 0, "csat": 1.0 + r},
            {"replication": r, "arm": "a", "cell": 1, "csat": 1.0 + r},  # inert copy
            {"replication": r, "arm": "a", "cell": 2, "csat": 4.0 + r},
            {"replication": r, "arm": "b", "cell": 0, "csat": 0.0 + r},
        ]
    c = seed_contrast(pd.DataFrame(rows), "arm", "a", "b", "csat")
    assert c.diff == pytest.approx(2.5)  # mean(1, 4) - 0, not mean(1, 1, 4) - 0 = 2
    assert c.n == 4


def test_moderator_inert_in_the_control_uses_the_whole_control_arm():
    df, _ = _design()
    df = df[df["tool.on"] | (df["tool.rate"] == 0)]  # tool off run once per seed
    by = dict(seed_contrast_by(df, "tool.on", True, False, "csat", "tool.rate"))
    assert sorted(by) == [0, 1, 2]
    assert by[2].diff - by[0].diff == pytest.approx(0.6)
    assert all(c.n == SEEDS for c in by.values())


def test_pooled_estimate_has_one_observation_per_seed():
    df, _ = _design()
    out = estimate(df, "csat", ["tool.on"]).set_index("tool.on")
    assert out.loc[True, "n"] == SEEDS and out.loc[False, "n"] == SEEDS


def test_contrast_needs_two_common_seeds():
    df, _ = _design()
    with pytest.raises(ValueError, match="at least two"):
        seed_contrast(df[df["replication"] < 1], "tool.on", True, False, "csat")
    with pytest.raises(ValueError, match="levels present"):
        seed_contrast(df, "tool.on", "maybe", False, "csat")
