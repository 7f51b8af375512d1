"""Every figure function runs on a small synthetic table and writes PNG and PDF."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from tightrope.analysis import figures, figures_diagnostics, synthetic
from tightrope.analysis.schema import MissingColumnError
from tightrope.analysis.sensitivity import sobol_indices
from tightrope.analysis.validation import validation_summary

PROBLEM = {
    "num_vars": 3,
    "names": ["regime.quota_stretch", "warmup.switch_cost", "x.y"],
    "bounds": [[0, 1]] * 3,
}


def _written(out, name):
    for ext in ("png", "pdf"):
        path = out / f"{name}.{ext}"
        assert path.exists() and path.stat().st_size > 1000, path


def _quota_grid():
    grid = {"regime.quota_stretch": [0, 3], "regime.recognition_strength": [0.0, 1.0]}
    return pd.concat(
        synthetic.runs({"regime.name": [r], **grid}, replications=3)
        for r in ("mandatory_upsell", "discretionary_rewards")
    )


CASES = [
    ("tradeoff_frontier", lambda o: figures.tradeoff_frontier(synthetic.runs(replications=3), o)),
    ("quota_recognition_heatmaps", lambda o: figures.quota_recognition_heatmaps(_quota_grid(), o)),
    (
        "regime_timeseries",
        lambda o: figures.regime_timeseries(synthetic.daily(days=15, replications=3), o),
    ),
    (
        "specialised_vs_blended",
        lambda o: figures.specialised_vs_blended(
            synthetic.runs(
                {"org.design": ["blended", "dedicated"], "hiring.sales_oriented_share": [0, 1]},
                replications=3,
            ),
            o,
        ),
    ),
    (
        "contrasts",
        lambda o: figures.contrast_forest(
            pd.DataFrame(
                {"label": ["a", "b"], "diff": [1.0, -1.0], "ci_lo": [0.5, -2], "ci_hi": [2, 0.1]}
            ),
            o,
        ),
    ),
    ("warmup_conversion", lambda o: figures_diagnostics.warmup_conversion(synthetic.warmup(), o)),
    (
        "sobol_indices",
        lambda o: figures_diagnostics.sobol_figure(
            sobol_indices(PROBLEM, synthetic.sobol(PROBLEM, 8), num_resamples=20), o
        ),
    ),
    (
        "validation_erlang",
        lambda o: figures_diagnostics.validation_figure(synthetic.validation(3), o),
    ),
]


@pytest.mark.parametrize(("name", "draw"), CASES, ids=[c[0] for c in CASES])
def test_figure_writes_png_and_pdf(tmp_path, name, draw):
    fig = draw(tmp_path)
    assert fig.axes
    _written(tmp_path, name)


def test_figure_names_a_missing_column(tmp_path):
    df = synthetic.runs(replications=2).drop(columns="brand_harm_index")
    with pytest.raises(MissingColumnError, match="brand_harm_index"):
        figures.tradeoff_frontier(df, tmp_path)


def test_validation_summary_flags_coverage():
    table = synthetic.validation(8)
    out = validation_summary(table)
    assert set(out["model"]) == {"Erlang C", "Erlang A"}
    assert out["covered"].mean() > 0.5
    with pytest.raises(MissingColumnError, match="exact_p_wait"):
        validation_summary(table.drop(columns="exact_p_wait"))


def test_sobol_rejects_a_table_that_is_not_the_sample():
    res = synthetic.sobol(PROBLEM, 8)
    with pytest.raises(ValueError, match="calc_second_order=False"):
        sobol_indices(PROBLEM, res[res["point_id"] < 15], num_resamples=10)


@pytest.fixture(autouse=True)
def _low_dpi(monkeypatch):
    """Tests check that files are written, not how sharp they are: save at low DPI."""
    monkeypatch.setattr("tightrope.analysis.style.DPI", 50)
