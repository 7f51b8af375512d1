"""Figures about regimes and organisation designs, one function per figure.

Each function takes a results table, checks the columns it needs, draws with
the paper's style, saves PNG and PDF under ``out_dir`` (default
``paper/figures``) and returns the :class:`~matplotlib.figure.Figure`.
Intervals are 95 % t-intervals across replications (see
:mod:`tightrope.analysis.aggregate`), so what the figures show is what the paper's
verdicts use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from scipy import stats

from tightrope.analysis.aggregate import estimate
from tightrope.analysis.schema import DESIGN, REGIME, require
from tightrope.analysis.style import (
    DESIGN_COLORS,
    DESIGN_LABELS,
    FULL_WIDTH,
    PALETTE,
    is_money,
    is_share,
    kpi_label,
    new_figure,
    paper_style,
    param_label,
    regime_color,
    regime_label,
    regime_order,
    save_figure,
)

OutDir = str | Path | None


def _err(est: pd.DataFrame) -> np.ndarray:
    """Asymmetric error-bar lengths from an :func:`estimate` table (zero where n < 2)."""
    lo = (est["mean"] - est["ci_lo"]).fillna(0.0).to_numpy()
    hi = (est["ci_hi"] - est["mean"]).fillna(0.0).to_numpy()
    return np.vstack([lo, hi])


def _group_style(column: str, level: object, i: int) -> tuple[str, tuple[float, float, float]]:
    """Label and colour of one level of a grouping column, fixed for regimes and designs."""
    if column == REGIME:
        return regime_label(str(level)), regime_color(str(level), i)
    if column == DESIGN:
        return DESIGN_LABELS.get(str(level), str(level)), DESIGN_COLORS.get(str(level), PALETTE[i])
    if str(level).endswith(" off"):  # a baseline arm (tool off) is grey in every figure
        return str(level), PALETTE[7]
    label = f"{param_label(column)} = {level:g}" if isinstance(level, float) else str(level)
    return label, PALETTE[i % len(PALETTE)]


def _percent(axis: object, kpi: str) -> None:
    """Show fractions as percentages and money in thousands or millions, never as 1e6 offsets."""
    if is_share(kpi):
        axis.set_major_formatter("{x:.0%}")  # type: ignore[attr-defined]
    elif is_money(kpi):
        axis.set_major_formatter(_money)  # type: ignore[attr-defined]


def _money(x: float, _pos: object = None) -> str:
    """Tick label of a currency amount: 1.5M, 250k, 900."""
    if abs(x) >= 1e6:
        return f"{x / 1e6:g}M"
    if abs(x) >= 1e3:
        return f"{x / 1e3:g}k"
    return f"{x:g}"


def _zoom_cluster(ax: Axes, x: np.ndarray, y: np.ndarray) -> list[int]:
    """Indices of points crowded in the lower-left quarter when an outlier stretches the axes.

    Returns at least two indices when a zoomed inset would separate points the
    main panel draws on top of each other, else an empty list.
    """
    xr, yr = np.ptp(x), np.ptp(y)
    if xr == 0 or yr == 0:
        return []
    near = [i for i in range(len(x)) if x[i] - x.min() < 0.25 * xr and y[i] - y.min() < 0.25 * yr]
    return near if 2 <= len(near) < len(x) else []


def _levels(df: pd.DataFrame, column: str) -> list[object]:
    values = df[column].dropna().unique()
    return regime_order(values) if column == REGIME else sorted(values)


def _pareto(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Indices of points no other point beats on both (lower is better for both)."""
    order = np.argsort(x, kind="stable")
    keep, best = [], np.inf
    for i in order:
        if y[i] < best:
            keep.append(i)
            best = y[i]
    return np.array(keep, dtype=int)


def tradeoff_frontier(
    df: pd.DataFrame,
    out_dir: OutDir = None,
    name: str = "tradeoff_frontier",
    by: str = REGIME,
    revenue: str = "revenue_genuine",
) -> Figure:
    """Headline figure: attrition vs brand harm per regime, with revenue alongside.

    Needs columns ``by`` (default ``regime.name``), ``attrition_annual``,
    ``brand_harm_index`` and ``revenue``. Panel (a) has CI bars both ways and
    the Pareto frontier (no regime is better on both); panel (b) the revenue
    each regime buys, because a regime off the frontier can still be worth
    its harm if it earns enough.
    """
    require(df, [by, "attrition_annual", "brand_harm_index", revenue], "tradeoff frontier input")
    att = estimate(df, "attrition_annual", [by]).set_index(by)
    harm = estimate(df, "brand_harm_index", [by]).set_index(by)
    rev = estimate(df, revenue, [by]).set_index(by)
    levels = _levels(df, by)
    with paper_style():
        fig = new_figure(FULL_WIDTH, 3.0)
        ax, ax_rev = fig.subplots(1, 2, width_ratios=[1.5, 1])
        for i, level in enumerate(levels):
            label, colour = _group_style(by, level, i)
            ax.errorbar(
                att.loc[[level], "mean"],
                harm.loc[[level], "mean"],
                xerr=_err(att.loc[[level]]),
                yerr=_err(harm.loc[[level]]),
                fmt="o",
                ms=6,
                capsize=2.5,
                color=colour,
                label=label,
            )
            ax_rev.errorbar(
                rev.loc[[level], "mean"],
                [i],
                xerr=_err(rev.loc[[level]]),
                fmt="o",
                ms=6,
                capsize=2.5,
                color=colour,
            )
        x = att.loc[levels, "mean"].to_numpy()
        y = harm.loc[levels, "mean"].to_numpy()
        front = _pareto(x, y)
        if front.size > 1:
            ax.plot(
                x[front], y[front], ls="--", lw=1, color="0.4", zorder=0, label="Pareto frontier"
            )
        ax.set(xlabel=kpi_label("attrition_annual"), ylabel=kpi_label("brand_harm_index"))
        _percent(ax.xaxis, "attrition_annual")
        near = _zoom_cluster(ax, x, y)
        if near:
            # One regime far out squeezes the rest together: show them in a zoomed inset.
            inset = ax.inset_axes((0.08, 0.4, 0.55, 0.55))
            for i in near:
                level = levels[i]
                inset.errorbar(
                    att.loc[[level], "mean"],
                    harm.loc[[level], "mean"],
                    xerr=_err(att.loc[[level]]),
                    yerr=_err(harm.loc[[level]]),
                    fmt="o",
                    ms=4,
                    capsize=2,
                    color=_group_style(by, level, i)[1],
                )
            on_front = [i for i in front if i in near]
            if len(on_front) > 1:
                inset.plot(x[on_front], y[on_front], ls="--", lw=0.8, color="0.4", zorder=0)
            inset.tick_params(labelsize=6)
            inset.locator_params(axis="both", nbins=4)
            _percent(inset.xaxis, "attrition_annual")
            ax.indicate_inset_zoom(inset, edgecolor="0.5")
        ax.set_title("(a) Attrition vs brand harm", loc="left")
        ax_rev.set_yticks(
            range(len(levels)), [_group_style(by, lv, i)[0] for i, lv in enumerate(levels)]
        )
        ax_rev.invert_yaxis()
        ax_rev.set_xlabel(kpi_label(revenue))
        _percent(ax_rev.xaxis, revenue)
        ax_rev.set_title("(b) Revenue", loc="left")
        ax_rev.set_ylim(len(levels) - 0.5, -0.5)
        fig.legend(loc="outside lower center", ncol=3, frameon=False)
        save_figure(fig, name, out_dir)
    return fig


def _cell_format(kpi: str, values: np.ndarray) -> tuple[Callable, Callable]:
    """Cell annotation and colour-bar tick formatters: percent, money, or 3 significant figures."""
    if is_share(kpi):
        return (lambda v: f"{v:.0%}"), (lambda v, _pos=None: f"{v:.0%}")
    if is_money(kpi):
        return (lambda v: _money(float(f"{v:.3g}"))), _money
    fmt = _fmt_for(values)
    return (lambda v: format(v, fmt)), (lambda v, _pos=None: format(v, fmt))


def _fmt_for(values: np.ndarray) -> str:
    """Annotation format with about three significant figures for these magnitudes."""
    top = np.nanmax(np.abs(values)) if np.isfinite(values).any() else 1.0
    return ".0f" if top >= 100 else ".1f" if top >= 10 else ".2f"


def quota_recognition_heatmaps(
    df: pd.DataFrame,
    out_dir: OutDir = None,
    name: str = "quota_recognition_heatmaps",
    regimes: Sequence[str] = ("mandatory_upsell", "discretionary_rewards"),
    kpis: Sequence[str] = ("attrition_annual", "brand_harm_index", "revenue_genuine"),
    x: str = "regime.recognition_strength",
    y: str = "regime.quota_stretch",
) -> Figure:
    """Mean KPI over quota x recognition strength, one column per regime.

    Needs ``regime.name``, ``x``, ``y`` and the KPIs. Each KPI row shares one
    colour scale across regimes so the regimes compare by colour directly.
    """
    require(df, [REGIME, x, y, *kpis], "quota x recognition input")
    for regime in regimes:
        if not (df[REGIME] == regime).any():
            raise ValueError(f"quota x recognition input has no runs under regime {regime!r}")
    means = df[df[REGIME].isin(regimes)].groupby([REGIME, y, x])[list(kpis)].mean()
    cmaps = {"revenue_genuine": "mako_r", "revenue_per_call": "mako_r"}
    with paper_style():
        fig = new_figure(FULL_WIDTH, 1.9 * len(kpis) + 0.3)
        axes = fig.subplots(len(kpis), len(regimes), squeeze=False)
        for r, kpi in enumerate(kpis):
            vals = means[kpi].to_numpy()
            vmin, vmax = np.nanmin(vals), np.nanmax(vals)
            cell, tick = _cell_format(kpi, vals)
            for c, regime in enumerate(regimes):
                grid = means.loc[regime, kpi].unstack(x).sort_index(ascending=False)
                ax: Axes = axes[r, c]
                sns.heatmap(
                    grid,
                    ax=ax,
                    vmin=vmin,
                    vmax=vmax,
                    cmap=cmaps.get(kpi, "rocket_r"),
                    annot=grid.map(cell).to_numpy(),
                    fmt="",
                    annot_kws={"size": 6},
                    cbar=c == len(regimes) - 1,
                    cbar_kws={"label": kpi_label(kpi), "format": FuncFormatter(tick)},
                    linewidths=0.4,
                    linecolor="white",
                )
                ax.set_xticklabels([f"{float(t.get_text()):g}" for t in ax.get_xticklabels()])
                ax.set_yticklabels(
                    [f"{float(t.get_text()):g}" for t in ax.get_yticklabels()], rotation=0
                )
                ax.set_xlabel(param_label(x) if r == len(kpis) - 1 else "")
                ax.set_ylabel(param_label(y) if c == 0 else "")
                if r == 0:
                    ax.set_title(regime_label(regime))
        save_figure(fig, name, out_dir)
    return fig


def _band(daily: pd.DataFrame, by: str, series: str) -> pd.DataFrame:
    """Per group and day: mean and t-interval across replications, vectorised."""
    g = daily.groupby([by, "day"])[series].agg(["mean", "std", "count"]).reset_index()
    q = stats.t.ppf(0.975, np.maximum(g["count"] - 1, 1))
    half = np.where(g["count"] > 1, q * g["std"] / np.sqrt(g["count"]), 0.0)
    return g.assign(lo=g["mean"] - half, hi=g["mean"] + half)


def regime_timeseries(
    daily: pd.DataFrame,
    out_dir: OutDir = None,
    name: str = "regime_timeseries",
    series: Sequence[str] = ("morale_mean", "headcount", "cumulative_harmful_sales"),
    by: str = REGIME,
) -> Figure:
    """Daily series per regime with 95 % bands across replications.

    Needs ``by``, ``day``, ``replication`` and the series columns of the
    daily table (default morale, headcount, cumulative harmful sales).
    """
    require(daily, [by, "day", "replication", *series], "daily series input")
    levels = _levels(daily, by)
    with paper_style():
        fig = new_figure(FULL_WIDTH, 2.5)
        axes = fig.subplots(1, len(series), sharex=True, squeeze=False)[0]
        for ax, s in zip(axes, series, strict=True):
            band = _band(daily, by, s)
            for i, level in enumerate(levels):
                b = band[band[by] == level]
                label, colour = _group_style(by, level, i)
                ax.plot(b["day"], b["mean"], color=colour, lw=1.2, label=label)
                ax.fill_between(b["day"], b["lo"], b["hi"], color=colour, alpha=0.2, lw=0)
            ax.set(xlabel="Day", title=kpi_label(s))
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(
            handles, labels, loc="outside lower center", ncol=min(len(levels), 5), frameon=False
        )
        save_figure(fig, name, out_dir)
    return fig


def kpi_by_factor(
    df: pd.DataFrame,
    x: str,
    group: str,
    kpis: Sequence[str],
    out_dir: OutDir = None,
    name: str = "kpi_by_factor",
) -> Figure:
    """KPIs (one panel each) against a swept parameter, one line per group, 95 % bands.

    Needs ``x``, ``group`` and the KPI columns; other varied columns are
    averaged over.
    """
    require(df, [x, group, *kpis], f"{name} input")
    levels = _levels(df, group)
    with paper_style():
        fig = new_figure(FULL_WIDTH, 2.5)
        axes = fig.subplots(1, len(kpis), squeeze=False)[0]
        for ax, kpi in zip(axes, kpis, strict=True):
            for i, level in enumerate(levels):
                est = estimate(df[df[group] == level], kpi, [x])
                label, colour = _group_style(group, level, i)
                ax.plot(est[x], est["mean"], "o-", ms=3.5, lw=1.2, color=colour, label=label)
                ax.fill_between(est[x], est["ci_lo"], est["ci_hi"], color=colour, alpha=0.2, lw=0)
            ax.set(xlabel=param_label(x), title=kpi_label(kpi))
            _percent(ax.yaxis, kpi)
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(
            handles, labels, loc="outside lower center", ncol=min(len(levels), 4), frameon=False
        )
        save_figure(fig, name, out_dir)
    return fig


def specialised_vs_blended(
    df: pd.DataFrame,
    out_dir: OutDir = None,
    name: str = "specialised_vs_blended",
    x: str = "hiring.sales_oriented_share",
    group: str = DESIGN,
    kpis: Sequence[str] = ("revenue_genuine", "attrition_annual", "morale_mean"),
) -> Figure:
    """Specialised sales team vs cross-trained reps over the share of sales-oriented hires.

    Needs ``hiring.sales_oriented_share``, ``org.design`` (or another
    ``group`` column such as ``regime.name``) and the KPIs.
    """
    return kpi_by_factor(df, x, group, kpis, out_dir, name)


def contrast_forest(
    diffs: pd.DataFrame,
    out_dir: OutDir = None,
    name: str = "contrasts",
    label: str = "label",
) -> Figure:
    """Paired differences with 95 % CIs against zero, one row per contrast.

    Needs ``label``, ``diff``, ``ci_lo``, ``ci_hi``; an optional ``panel``
    column splits KPIs on different scales into separate panels.
    """
    require(diffs, [label, "diff", "ci_lo", "ci_hi"], "contrast table")
    panels = list(dict.fromkeys(diffs["panel"])) if "panel" in diffs else [None]
    rows = list(dict.fromkeys(diffs[label]))
    pos = {r: i for i, r in enumerate(rows)}
    with paper_style():
        fig = new_figure(FULL_WIDTH, 0.9 + 0.3 * len(rows))
        axes = fig.subplots(1, len(panels), sharey=True, squeeze=False)[0]
        for ax, panel in zip(axes, panels, strict=True):
            d = diffs if panel is None else diffs[diffs["panel"] == panel]
            ax.errorbar(
                d["diff"],
                [pos[r] for r in d[label]],
                xerr=_err(d.rename(columns={"diff": "mean"})),
                fmt="o",
                ms=4,
                capsize=2.5,
                color=PALETTE[0],
            )
            ax.axvline(0, color="0.3", lw=0.8)
            ax.set(xlabel="Difference", title=panel or "")
            if np.nanmax(np.abs(d[["ci_lo", "ci_hi"]].to_numpy(dtype=float))) >= 1e4:
                ax.xaxis.set_major_formatter(_money)  # currency differences: 200k, 1.2M
        axes[0].set_yticks(range(len(rows)), rows)
        axes[0].set_ylim(len(rows) - 0.5, -0.5)
        save_figure(fig, name, out_dir)
    return fig
