"""Aggregation, paired differences and table writing on hand-made tables."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tightrope.analysis.aggregate import (
    bootstrap_ci,
    estimate,
    summarise,
    t_interval,
)
from tightrope.analysis.schema import MissingColumnError, design_columns
from tightrope.analysis.tables import markdown_table, write_table


def _table() -> pd.DataFrame:
    """Two regimes x two arrival rates x 4 replications, with known values."""
    rows = []
    base = {"service_only": 0.30, "mandatory_upsell": 0.40}
    noise = [0.01, -0.02, 0.03, -0.02]
    for regime, b in base.items():
        for rate in (1.0, 2.0):
            for rep, e in enumerate(noise):
                rows.append(
                    {
                        "run_id": f"{regime}-{rate}-{rep}",
                        "replication": rep,
                        "regime.name": regime,
                        "arrivals.rate": rate,
                        "staffing.reps": 20,
                        "attrition_annual": b + rate / 10 + e,
                        "brand_harm_index": 2.0 * b + e,
                    }
                )
    return pd.DataFrame(rows)


def test_design_columns_are_the_varied_parameters():
    assert design_columns(_table()) == ["regime.name", "arrivals.rate"]


def test_summary_matches_hand_computed_t_interval():
    out = summarise(_table(), ["attrition_annual"])
    row = out[(out["regime.name"] == "service_only") & (out["arrivals.rate"] == 1.0)].iloc[0]
    x = np.array([0.41, 0.38, 0.43, 0.38])
    half = stats.t.ppf(0.975, 3) * x.std(ddof=1) / 2.0
    assert row["n"] == 4
    assert row["mean"] == pytest.approx(0.40)
    assert row["sd"] == pytest.approx(x.std(ddof=1))
    assert row["ci_lo"] == pytest.approx(0.40 - half)
    assert row["ci_hi"] == pytest.approx(0.40 + half)
    assert np.isnan(row["boot_lo"])


def test_skewed_kpis_get_a_reproducible_bootstrap_interval():
    out = summarise(_table(), ["brand_harm_index"])
    assert out["boot_lo"].notna().all()
    assert (out["boot_lo"] <= out["mean"]).all() and (out["mean"] <= out["boot_hi"]).all()
    x = [1.0, 2.0, 5.0, 9.0]
    assert bootstrap_ci(x) == bootstrap_ci(x)


def test_t_interval_needs_two_values():
    assert all(np.isnan(t_interval([1.0])))


def test_missing_column_is_named():
    with pytest.raises(MissingColumnError, match="'revenue_genuine'"):
        summarise(_table(), ["revenue_genuine"])


def test_estimate_is_wide():
    out = estimate(_table(), "attrition_annual", ["regime.name"])
    assert list(out.columns) == ["regime.name", "mean", "sd", "n", "ci_lo", "ci_hi"]
    assert out["n"].tolist() == [4, 4]  # 4 seeds per regime, pooled over two rates


def test_tables_written_as_csv_and_markdown(tmp_path):
    df = pd.DataFrame({"regime": ["a|b", "c"], "x": [0.123456, np.nan], "n": [3, 12345]})
    md = markdown_table(df)
    assert md.splitlines()[1] == "|---|---:|---:|"
    assert "a\\|b | 0.123 | 3 |" in md
    csv, mdp = write_table(df, tmp_path, "t")
    assert pd.read_csv(csv).shape == (2, 3)
    assert mdp.read_text().count("\n") == 4
