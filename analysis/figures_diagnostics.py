"""Figures about mechanisms and trust in the model: warm-up, sensitivity, validation.

Same conventions as :mod:`tightrope.analysis.figures`: one function per figure,
inputs checked, PNG and PDF saved, the Figure returned.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from tightrope.analysis.aggregate import estimate
from tightrope.analysis.figures import OutDir, _err
from tightrope.analysis.schema import require
from tightrope.analysis.style import (
    DESIGN_COLORS,
    DESIGN_LABELS,
    FULL_WIDTH,
    PALETTE,
    kpi_label,
    new_figure,
    paper_style,
    param_label,
    save_figure,
)
from tightrope.analysis.validation import METRICS, validation_summary

SWITCH = "warmup.switch_cost"


def warmup_conversion(
    table: pd.DataFrame,
    out_dir: OutDir = None,
    name: str = "warmup_conversion",
    max_position: int | None = 8,
) -> Figure:
    """Conversion per pitch vs position in a run of sales calls, by design, per switch cost.

    Needs ``position``, ``conversion``, ``design``, ``warmup.switch_cost`` and
    ``replication``. Conversion is first averaged within each replication so
    the 95 % band is across independent runs, not across correlated pitches.
    """
    require(table, ["position", "conversion", "design", SWITCH, "replication"], "warm-up table")
    t = table if max_position is None else table[table["position"] <= max_position]
    per_rep = (
        t.groupby(["design", SWITCH, "position", "replication"])["conversion"].mean().reset_index()
    )
    costs = sorted(per_rep[SWITCH].unique())
    designs = [d for d in ("dedicated", "blended") if d in set(per_rep["design"])]
    designs += sorted(set(per_rep["design"]) - set(designs))
    with paper_style():
        fig = new_figure(FULL_WIDTH, 2.4)
        axes = fig.subplots(1, len(costs), sharey=True, squeeze=False)[0]
        for ax, cost in zip(axes, costs, strict=True):
            for i, design in enumerate(designs):
                sub = per_rep[(per_rep[SWITCH] == cost) & (per_rep["design"] == design)]
                est = estimate(sub, "conversion", ["position"])
                colour = DESIGN_COLORS.get(design, PALETTE[i])
                label = DESIGN_LABELS.get(design, design)
                ax.plot(
                    est["position"], est["mean"], "o-", ms=3, lw=1.2, color=colour, label=label
                )
                ax.fill_between(
                    est["position"], est["ci_lo"], est["ci_hi"], color=colour, alpha=0.2, lw=0
                )
            ax.set(title=f"{param_label(SWITCH)} = {cost:g}", xlabel="Position in sales run")
            # The model's last position pools that contact and every later one.
            last = int(per_rep["position"].max())
            ticks = list(range(1, last + 1))
            ax.set_xticks(ticks, [str(p) for p in ticks[:-1]] + [f"{last}+"])
        axes[0].set_ylabel("Conversion per pitch")
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncol=len(designs), frameon=False)
        save_figure(fig, name, out_dir)
    return fig


def sobol_figure(
    indices: pd.DataFrame,
    out_dir: OutDir = None,
    name: str = "sobol_indices",
    kpis: Sequence[str] | None = None,
) -> Figure:
    """First-order (S1) and total (ST) Sobol indices with 95 % CIs, one panel per KPI.

    Needs the output of :func:`tightrope.analysis.sensitivity.sobol_indices`: ``kpi``,
    ``parameter``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``. Parameters are
    sorted by their largest total index so the influential ones lead.
    """
    require(indices, ["kpi", "parameter", "S1", "S1_conf", "ST", "ST_conf"], "Sobol indices")
    kpis = list(dict.fromkeys(indices["kpi"])) if kpis is None else list(kpis)
    order = indices.groupby("parameter")["ST"].max().sort_values(ascending=False).index.tolist()
    ypos = np.arange(len(order))
    with paper_style():
        fig = new_figure(FULL_WIDTH, 0.9 + 0.32 * len(order))
        axes = fig.subplots(1, len(kpis), sharey=True, squeeze=False)[0]
        for ax, kpi in zip(axes, kpis, strict=True):
            d = indices[indices["kpi"] == kpi].set_index("parameter").reindex(order)
            for j, (idx, colour, label) in enumerate(
                (("S1", PALETTE[0], "First order (S1)"), ("ST", PALETTE[1], "Total (ST)"))
            ):
                ax.barh(
                    ypos + (j - 0.5) * 0.38,
                    d[idx],
                    height=0.38,
                    xerr=d[f"{idx}_conf"],
                    color=colour,
                    label=label,
                    error_kw={"elinewidth": 0.8, "capsize": 1.5},
                )
            ax.axvline(0, color="0.3", lw=0.6)
            # Wrapped: three full KPI names side by side would run into each other.
            ax.set(title=textwrap.fill(kpi_label(kpi), 20), xlabel="Sobol index")
        axes[0].set_yticks(ypos, order)
        axes[0].set_ylim(len(order) - 0.5, -0.5)
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncol=2, frameon=False)
        save_figure(fig, name, out_dir)
    return fig


def validation_figure(
    table: pd.DataFrame, out_dir: OutDir = None, name: str = "validation_erlang"
) -> Figure:
    """Simulated vs exact Erlang C/A values with 95 % CIs on the y = x diagonal.

    Needs the columns of :func:`tightrope.analysis.validation.validation_summary`'s
    input (``case``, ``agents``, ``arrival_rate``, ``aht``, ``patience``, the
    simulated metrics and their ``exact_`` twins). Circles are Erlang C cases
    (no abandonment), triangles Erlang A.
    """
    summary = validation_summary(table)
    metrics = [m for m in METRICS if m in set(summary["metric"])]
    markers = {"Erlang C": "o", "Erlang A": "^"}
    with paper_style():
        fig = new_figure(FULL_WIDTH, 2.1)
        axes = fig.subplots(1, len(metrics), squeeze=False)[0]
        for ax, metric in zip(axes, metrics, strict=True):
            s = summary[summary["metric"] == metric]
            for k, (model, marker) in enumerate(markers.items()):
                m = s[s["model"] == model]
                if m.empty:
                    continue
                ax.errorbar(
                    m["exact"],
                    m["mean"],
                    yerr=_err(m),
                    fmt=marker,
                    ms=4,
                    capsize=2,
                    color=PALETTE[k],
                    label=model,
                )
            lim = [
                min(s["exact"].min(), s["ci_lo"].min()),
                max(s["exact"].max(), s["ci_hi"].max()),
            ]
            pad = 0.05 * (lim[1] - lim[0] or 1.0)
            lim = [lim[0] - pad, lim[1] + pad]
            ax.plot(lim, lim, ls="--", lw=0.8, color="0.4", zorder=0)
            ax.set(xlim=lim, ylim=lim, title=METRICS[metric], xlabel="Exact")
            ax.set_aspect("equal", adjustable="box")
        axes[0].set_ylabel("Simulated (95 % CI)")
        handles, labels = [], []
        for ax in axes:
            for h, lab in zip(*ax.get_legend_handles_labels(), strict=True):
                if lab not in labels:
                    handles.append(h)
                    labels.append(lab)
        fig.legend(handles, labels, loc="outside lower center", ncol=2, frameon=False)
        save_figure(fig, name, out_dir)
    return fig
