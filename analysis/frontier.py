"""The policy frontier: Pareto table with intervals, parallel coordinates, 3-D projection.

Reads what :mod:`tightrope.experiments.optimise` produced: every evaluated
candidate (levers, generation, whether it is on the front) and every run
(candidate x world x replication). A front policy's objective is the mean
over its runs; its 95 % t-interval is taken over those runs, so it includes
the spread between worlds as well as the noise of replications.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd

from tightrope.analysis.aggregate import t_interval
from tightrope.analysis.style import kpi_label, new_figure, paper_style, param_label, save_figure


def pareto_table(
    candidates: pd.DataFrame,
    runs: pd.DataFrame,
    levers: Sequence[str],
    objectives: Mapping[str, str],
) -> pd.DataFrame:
    """One row per front policy: levers and each objective's mean with a 95 % interval."""
    front = candidates[candidates["on_front"]]
    rows = []
    for _, cand in front.iterrows():
        mine = runs[
            (runs["generation"] == cand["generation"]) & (runs["candidate"] == cand["candidate"])
        ]
        row = {k: cand[k] for k in levers}
        row |= {"generation": int(cand["generation"]), "candidate": int(cand["candidate"])}
        row["runs"] = len(mine)
        for kpi in objectives:
            values = mine[kpi].to_numpy(float)
            lo, hi = t_interval(values)
            row |= {kpi: values.mean(), f"{kpi}_lo": lo, f"{kpi}_hi": hi}
        rows.append(row)
    table = pd.DataFrame(rows)
    first, sense = next(iter(objectives.items()))
    return table.sort_values(first, ascending=sense == "min", kind="stable").reset_index(drop=True)


def _coordinate(table: pd.DataFrame, lever: object) -> np.ndarray:
    """A lever's values on [0, 1]: choices by position, numbers by their range."""
    key = lever.key
    if lever.choices:
        index = {repr(c): i for i, c in enumerate(lever.choices)}
        pos = np.array([index[repr(v)] for v in table[key]], dtype=float)
        return pos / max(len(lever.choices) - 1, 1)
    return (table[key].to_numpy(float) - lever.low) / (lever.high - lever.low)


def parallel_coordinates(
    table: pd.DataFrame,
    levers: Sequence[str],
    objectives: Mapping[str, str],
    lever_specs: Sequence[object],
    out_dir: Path,
) -> Path:
    """Front policies as lines across their levers, coloured by the first objective."""
    first = next(iter(objectives))
    with paper_style():
        fig = new_figure(height=3.2)
        ax = fig.subplots()
        coords = np.column_stack([_coordinate(table, lv) for lv in lever_specs])
        values = table[first].to_numpy(float)
        span = (values.max() - values.min()) or 1.0
        cmap = mpl.colormaps["viridis"]
        for row, v in zip(coords, values, strict=True):
            ax.plot(
                range(len(levers)), row, color=cmap((v - values.min()) / span), lw=1, alpha=0.8
            )
        ax.set_xticks(range(len(levers)))
        ax.set_xticklabels([param_label(k) for k in levers], rotation=30, ha="right")
        for i, lv in enumerate(lever_specs):
            lo, hi = (lv.choices[0], lv.choices[-1]) if lv.choices else (lv.low, lv.high)
            ax.annotate(str(lo), (i, -0.04), ha="center", va="top", fontsize=5)
            ax.annotate(str(hi), (i, 1.04), ha="center", va="bottom", fontsize=5)
        ax.set_ylim(-0.12, 1.12)
        ax.set_yticks([])
        sm = mpl.cm.ScalarMappable(
            cmap=cmap, norm=mpl.colors.Normalize(values.min(), values.max())
        )
        fig.colorbar(sm, ax=ax, label=kpi_label(first))
        ax.set_title(f"Pareto-optimal policies ({len(table)}): levers")
        png, _ = save_figure(fig, "frontier_parallel", out_dir)
    return png


def projection_3d(
    candidates: pd.DataFrame,
    table: pd.DataFrame,
    runs: pd.DataFrame,
    objectives: Mapping[str, str],
    out_dir: Path,
) -> Path:
    """All evaluated policies (grey) and the front (colour) in the first three objectives."""
    keys = list(objectives)[:3]
    means = runs.groupby(["generation", "candidate"])[keys].mean().reset_index()
    with paper_style():
        fig = new_figure(width=4.0, height=3.6)
        if len(keys) == 3:
            ax = fig.add_subplot(projection="3d")
            ax.scatter(*(means[k] for k in keys), color="0.75", s=6, depthshade=False)
            ax.scatter(*(table[k] for k in keys), color="C1", s=14, depthshade=False)
            ax.set_zlabel(kpi_label(keys[2]))
        else:
            ax = fig.add_subplot()
            ax.scatter(*(means[k] for k in keys), color="0.75", s=6)
            ax.scatter(*(table[k] for k in keys), color="C1", s=14)
        ax.set_xlabel(kpi_label(keys[0]))
        ax.set_ylabel(kpi_label(keys[1]))
        ax.set_title(f"{len(candidates)} policies evaluated, {len(table)} on the front")
        png, _ = save_figure(fig, "frontier_3d", out_dir)
    return png
