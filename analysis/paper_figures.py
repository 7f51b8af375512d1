"""The paper's figures: draw them from the results and return their Markdown links."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from tightrope.analysis import figures as fg
from tightrope.analysis import figures_diagnostics as fd
from tightrope.analysis.claim_eval import contrast_plot_table
from tightrope.analysis.claims import CLAIMS
from tightrope.analysis.paper_sections import SCREENPOP_ARM, screenpop_arms
from tightrope.analysis.schema import REGIME


def _image(fig_dir: Path, out_dir: Path, name: str, caption: str) -> str:
    rel = (fig_dir / f"{name}.png").relative_to(out_dir)
    return f"![{caption}]({rel.as_posix()})"


def figures(
    results: Mapping[str, pd.DataFrame],
    fig_dir: Path,
    out_dir: Path,
    daily: pd.DataFrame | None,
    warmup: pd.DataFrame | None,
    indices: pd.DataFrame,
    draw: bool,
) -> dict[str, str]:
    """Draw every figure (unless ``draw`` is false) and return their Markdown image links."""
    img = lambda name, caption: _image(fig_dir, out_dir, name, caption)  # noqa: E731
    if draw:
        fg.tradeoff_frontier(results["regimes"], fig_dir)
        fg.quota_recognition_heatmaps(results["quota_recognition"], fig_dir)
        fg.specialised_vs_blended(results["specialised"], fig_dir, group=REGIME)
        fg.kpi_by_factor(
            results["blending"],
            "warmup.switch_cost",
            "org.design",
            ("conversion_rate", "revenue_genuine", "morale_mean"),
            fig_dir,
            "blending_switch_cost",
        )
        fg.kpi_by_factor(
            screenpop_arms(results["screenpop"]),
            "screenpop.false_positive_rate",
            SCREENPOP_ARM,
            ("revenue_genuine", "csat", "morale_mean"),
            fig_dir,
            "screenpop",
        )
        s003 = next(c for c in CLAIMS if c.key == "s003")
        fg.contrast_forest(contrast_plot_table(s003, results), fig_dir, "incentive_contrasts")
        fd.validation_figure(results["validation"], fig_dir)
        fd.sobol_figure(indices, fig_dir)
        if daily is not None:
            fg.regime_timeseries(daily, fig_dir)
        if warmup is not None:
            fd.warmup_conversion(warmup, fig_dir)
    ctx = {
        "fig_frontier": img(
            "tradeoff_frontier", "Attrition vs brand harm per regime, and revenue"
        ),
        "fig_heatmaps": img("quota_recognition_heatmaps", "KPIs over quota and recognition"),
        "fig_specialised": img("specialised_vs_blended", "Specialised vs cross-trained"),
        "fig_blending": img("blending_switch_cost", "Blended vs dedicated over switch cost"),
        "fig_screenpop": img("screenpop", "Screen-pop hit and false-positive rates"),
        "fig_incentives": img("incentive_contrasts", "Incentive and hiring contrasts"),
        "fig_validation": img("validation_erlang", "Simulated vs exact Erlang C/A"),
        "fig_sobol": img("sobol_indices", "Sobol indices"),
    }
    if daily is not None:
        ctx["fig_timeseries"] = img(
            "regime_timeseries", "Morale, headcount, harmful sales over time"
        )
    else:
        ctx["fig_timeseries"] = (
            "(The regimes sweep recorded no daily series, so no time-series figure.)"
        )
    if warmup is not None:
        ctx["fig_warmup"] = img("warmup_conversion", "Conversion by position in a sales run")
    else:
        ctx["fig_warmup"] = (
            "(The blending sweep recorded no per-pitch trace, so no warm-up figure.)"
        )
    return ctx
