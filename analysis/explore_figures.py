"""Figures of the exploration: kept worlds' marginals and PRIM's peeling trajectory.

Each function draws one figure with the paper's style and saves PNG and PDF
under the exploration's output folder; it returns the PNG path.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from tightrope.analysis.style import new_figure, paper_style, save_figure


def _drift(values: np.ndarray) -> float:
    """Kolmogorov-Smirnov distance of normalised values from the uniform they were drawn from."""
    if values.size == 0:
        return 0.0
    return float(stats.kstest(values, "uniform").statistic)


def most_constrained(
    kept: pd.DataFrame, bounds: Mapping[str, tuple[float, float]], top: int
) -> tuple[dict[str, np.ndarray], list[str]]:
    """Kept values rescaled to their sampled ranges, and the ``top`` parameters by drift.

    Sampling was uniform on every range, so the Kolmogorov-Smirnov distance
    from uniform measures how much the calibration targets constrain a parameter.
    """
    scaled = {
        key: (kept[key].to_numpy(float) - lo) / (hi - lo) for key, (lo, hi) in bounds.items()
    }
    order = sorted(scaled, key=lambda k: _drift(scaled[k]), reverse=True)[:top]
    return scaled, order


def world_marginals(
    worlds: pd.DataFrame, bounds: Mapping[str, tuple[float, float]], out_dir: Path, top: int = 24
) -> Path:
    """Kept worlds' parameter values, each rescaled to its sampled range.

    Sampling was uniform on every range, so a box far from [0, 1] spread
    evenly shows a parameter the calibration targets constrain. Parameters are
    ordered by that drift (Kolmogorov-Smirnov distance from uniform), the
    ``top`` most constrained shown.
    """
    kept = worlds[worlds["kept"]]
    scaled, order = most_constrained(kept, bounds, top)
    with paper_style():
        fig = new_figure(height=max(2.0, 0.22 * len(order) + 0.8))
        ax = fig.subplots()
        data = [scaled[k] for k in reversed(order)]
        if len(kept):
            ax.boxplot(
                data, orientation="horizontal", widths=0.6, showfliers=True, flierprops={"ms": 2}
            )
        ax.set_yticks(range(1, len(order) + 1))
        ax.set_yticklabels([f"{k} [{bounds[k][0]:g}, {bounds[k][1]:g}]" for k in reversed(order)])
        ax.axvline(0.5, color="0.6", lw=0.8, ls="--")
        ax.set_xlim(-0.02, 1.02)
        ax.set_xlabel("position in the sampled range (0 = low, 1 = high)")
        ax.set_title(f"Plausible worlds: {len(kept)} kept of {len(worlds)} tried")
        png, _ = save_figure(fig, "worlds_marginals", out_dir)
    return png


def peeling_trajectory(trajectory: pd.DataFrame, chosen: int, title: str, out_dir: Path) -> Path:
    """PRIM's peeling trajectory: coverage against density, coloured by restricted dimensions."""
    with paper_style():
        fig = new_figure(width=3.5, height=3.0)
        ax = fig.subplots()
        points = ax.scatter(
            trajectory["coverage"], trajectory["density"], c=trajectory["res_dim"], s=12,
            cmap="viridis",
        )  # fmt: skip
        ax.plot(trajectory["coverage"], trajectory["density"], color="0.7", lw=0.6, zorder=0)
        row = trajectory.iloc[chosen]
        ax.scatter([row["coverage"]], [row["density"]], s=60, facecolors="none", edgecolors="red")
        ax.set_xlabel("coverage (share of flipping worlds inside the box)")
        ax.set_ylabel("density (share of worlds in the box that flip)")
        ax.set_xlim(0, 1.02)
        ax.set_ylim(0, 1.02)
        fig.colorbar(points, ax=ax, label="restricted parameters")
        ax.set_title(title)
        png, _ = save_figure(fig, "prim_peeling", out_dir)
    return png
